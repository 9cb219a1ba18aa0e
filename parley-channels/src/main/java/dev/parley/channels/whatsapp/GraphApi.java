package dev.parley.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.connection.WhatsAppSettings;
import dev.parley.core.webhook.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The Graph API calls of one WhatsApp Cloud API number, over Parley's outbound {@link HttpTransport}: each carries the
 * access token as a bearer token and its {@code appsecret_proof} (the token signed with the app secret) as a query
 * parameter, so the receiver can check that the caller holds both. Answers are read as JSON; a body that is not JSON
 * reads as an empty object. Nothing here logs or returns the token.
 */
final class GraphApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BODY_LIMIT = 64 * 1024;
    private final WhatsAppSettings settings;
    private final HttpTransport transport;
    private final String proof;

    GraphApi(WhatsAppSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.proof = Hmac.appSecretProof(settings.accessToken(), settings.appSecret());
    }

    /** The Graph API's answer: its HTTP status and its JSON body. */
    record Answer(int status, JsonNode json) {
        boolean ok() {
            return status >= 200 && status <= 299;
        }

        /** Graph's {@code error} object, or a missing node. */
        JsonNode error() {
            return json.path("error");
        }
    }

    /** {@code POST <graph>/<path>} with a JSON body. */
    Answer postJson(String path, JsonNode body) throws IOException, InterruptedException {
        return call("POST", url(path), "application/json", JSON.writeValueAsBytes(body));
    }

    /** {@code POST <graph>/<path>} with a body already encoded as {@code contentType}. */
    Answer post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return call("POST", url(path), contentType, body);
    }

    /** {@code GET <graph>/<path>}. */
    Answer get(String path) throws IOException, InterruptedException {
        return call("GET", url(path), null, null);
    }

    /** The headers that authorize a request to Meta outside the Graph API (a media download URL it gave). */
    Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + settings.accessToken());
    }

    /** A network failure as an error text: its type and message, any query string a message might quote left out. */
    static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : " " + e.getMessage().replaceAll("\\?\\S*", "");
        return e.getClass().getSimpleName() + message;
    }

    private URI url(String path) {
        String separator = path.contains("?") ? "&" : "?";
        return URI.create(settings.graphBaseUrl() + "/" + path + separator + "appsecret_proof="
                + URLEncoder.encode(proof, StandardCharsets.UTF_8));
    }

    private Answer call(String method, URI uri, String contentType, byte[] body)
            throws IOException, InterruptedException {
        Map<String, String> headers = contentType == null
                ? Map.of("Authorization", "Bearer " + settings.accessToken(), "Accept", "application/json")
                : Map.of("Authorization", "Bearer " + settings.accessToken(), "Accept", "application/json",
                        "Content-Type", contentType);
        HttpTransport.Response response = transport.exchange(new HttpTransport.Exchange(uri, method, headers, body,
                TIMEOUT, BODY_LIMIT));
        return new Answer(response.status(), parse(response.body()));
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null || !node.isObject() ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
