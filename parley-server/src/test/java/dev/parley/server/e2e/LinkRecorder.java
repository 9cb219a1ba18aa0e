package dev.parley.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.parley.twilio.ParleyHttpClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every URL Parley advertised in the JSON answers of one server's end-to-end run, with who advertised it, for
 * {@link LinkWalker}. Collected: {@code links} and {@code subresource_uris} values, {@code uri}/{@code url}, and page
 * URIs ({@code *_page_uri}, {@code meta.*_page_url}) that lie on Parley's base (relative ones included); URLs of other
 * hosts (webhook targets, error {@code more_info}) are not Parley's to serve. Thread-safe.
 */
final class LinkRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Segments that name the API roots: a path this short has no resource above it. */
    private static final int ROOT_SEGMENTS = 2;
    private final String baseUrl;
    private final ConcurrentLinkedQueue<Link> links = new ConcurrentLinkedQueue<>();

    LinkRecorder(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Credentials an answer was fetched with: its links are walked with them. */
    record Credentials(String user, String password) {
    }

    /**
     * A path (and query) on Parley's base; {@code owner} is the path of the resource it belongs to (itself for a
     * resource's own URL, the enclosing resource for a page), null when it hangs off an API root.
     */
    record Link(String path, String owner, String advertisedBy, Credentials credentials) {
    }

    List<Link> links() {
        return List.copyOf(links);
    }

    /** Records the links of an answer to {@code request} ("GET /…") fetched with {@code user}/{@code password}. */
    void record(String request, String user, String password, JsonNode body) {
        if (body != null && user != null) {
            collect(body, null, request, new Credentials(user, password), false);
        }
    }

    /** As {@link #record(String, String, String, JsonNode)}, for a body not yet parsed (not JSON: ignored). */
    void record(String request, String user, String password, String body) {
        if (body == null || body.isBlank() || !(body.startsWith("{") || body.startsWith("["))) {
            return;
        }
        try {
            record(request, user, password, JSON.readTree(body));
        } catch (IOException notJson) {
            // Not JSON after all (media content): nothing advertised.
        }
    }

    /** The Twilio SDK client the harness hands out: Parley's, recording each answer's links on the way. */
    HttpClient sdkClient(String user, String password) {
        ParleyHttpClient parley = new ParleyHttpClient(baseUrl);
        return new HttpClient() {
            @Override
            public Response makeRequest(Request request) {
                Response response = parley.makeRequest(request);
                String content = response.getContent();
                record(request.getMethod() + " " + parley.toParleyUrl(request.getUrl()), user, password, content);
                // The content was read: answer with a copy the SDK can read again.
                return new Response(content, response.getStatusCode(), response.getHeaders());
            }
        };
    }

    private void collect(JsonNode node, String owner, String request, Credentials credentials, boolean inMeta) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, owner, request, credentials, false));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        boolean page = node.has("first_page_uri") || node.has("page_size") || inMeta;
        String self = page ? null : path(text(node, "url") != null ? text(node, "url") : text(node, "uri"));
        String resource = self != null ? self : owner;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                if (page && (key.equals("uri") || key.equals("url") || key.endsWith("_page_uri")
                        || key.endsWith("_page_url"))) {
                    add(value.asText(), null, request, credentials, true);
                } else if (key.equals("uri") || key.equals("url")) {
                    add(value.asText(), self, request, credentials, false);
                }
            } else if ((key.equals("links") || key.equals("subresource_uris")) && value.isObject()) {
                value.forEach(link -> {
                    if (link.isTextual()) {
                        add(link.asText(), resource, request, credentials, false);
                    }
                });
            } else {
                collect(value, resource, request, credentials, key.equals("meta"));
            }
        }
    }

    /** {@code ofPage}: a page's URL, owned by the resource above the list (none for a top-level list). */
    private void add(String url, String owner, String request, Credentials credentials, boolean ofPage) {
        String path = path(url);
        if (path != null) {
            links.add(new Link(path, ofPage ? parentOf(path) : owner, request, credentials));
        }
    }

    /** The path and query of a URL on Parley's base, null for another host's. */
    private String path(String url) {
        if (url == null) {
            return null;
        }
        if (url.startsWith(baseUrl + "/")) {
            return url.substring(baseUrl.length());
        }
        return url.startsWith("/") ? url : null;
    }

    /** The resource a list's page hangs off: {@code /…/Conversations/CH…} for {@code /…/CH…/Messages?Page=1}. */
    static String parentOf(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        boolean api2010 = bare.endsWith(".json");
        if (api2010) {
            bare = bare.substring(0, bare.length() - ".json".length());
        }
        List<String> segments = new ArrayList<>(List.of(bare.substring(1).split("/")));
        segments.removeLast();
        if (segments.size() <= ROOT_SEGMENTS) {
            return null;
        }
        return "/" + String.join("/", segments) + (api2010 ? ".json" : "");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
