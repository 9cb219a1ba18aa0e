package dev.parley.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.config.RequestConfig;

/**
 * An HTTP client for Twilio's official Java SDK that sends every request to a Parley server instead
 * of Twilio.
 *
 * <p>The SDK has no base-URL setting; it always builds URLs such as
 * {@code https://api.twilio.com/2010-04-01/...} or {@code https://conversations.twilio.com/v1/...}.
 * This client rewrites them before sending:
 *
 * <ul>
 *   <li>{@code https://api.twilio.com/...} becomes {@code {base}/...}
 *   <li>{@code https://{product}.twilio.com/...} becomes {@code {base}/{product}/...}, for example
 *       {@code https://messaging.twilio.com/v1/Services} becomes {@code {base}/messaging/v1/Services}
 *   <li>regional and edge hosts ({@code api.us1.twilio.com}, {@code conversations.dublin.ie1.twilio.com})
 *       are treated like their plain product host
 *   <li>any other URL (for example an absolute {@code next_page_url} that Parley itself returned) is
 *       sent unchanged
 * </ul>
 *
 * <p>Callers may rely on: method, query, form and header parameters, authentication, content type,
 * JSON body, multipart form parameters and user-agent extensions reaching Parley exactly as the SDK
 * built them. A region or edge configured on the {@code TwilioRestClient} (or through
 * {@code TWILIO_REGION}/{@code TWILIO_EDGE}) is deliberately ignored: it only selects Twilio data
 * centres, and the SDK would otherwise splice it into Parley's host name. Instances are thread-safe
 * and may be shared by several rest clients.
 */
public final class ParleyHttpClient extends NetworkHttpClient {

    private static final Pattern TWILIO_URL = Pattern.compile(
            "^https://([a-z0-9-]+)(?:\\.[a-z0-9-]+){0,2}\\.twilio\\.com(?::443)?(?=[/?#]|$)(.*)$",
            Pattern.CASE_INSENSITIVE);

    private final String baseUrl;

    /**
     * @param baseUrl Parley's root URL, for example {@code http://localhost:8080}; a trailing slash
     *     is ignored and a path prefix ({@code https://gw.example.com/parley}) is kept
     * @throws IllegalArgumentException if it is not an absolute http(s) URL without query or fragment
     */
    public ParleyHttpClient(String baseUrl) {
        this.baseUrl = normalize(baseUrl);
    }

    /** As {@link #ParleyHttpClient(String)}, with the SDK's timeouts replaced by {@code requestConfig}. */
    public ParleyHttpClient(String baseUrl, RequestConfig requestConfig) {
        super(requestConfig);
        this.baseUrl = normalize(baseUrl);
    }

    /** Parley's root URL as normalised by the constructor (no trailing slash). */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The URL this client sends a request for {@code url} to: Twilio hosts are mapped onto Parley as
     * described in the class comment; any other URL is returned unchanged.
     */
    public String toParleyUrl(String url) {
        Matcher twilio = TWILIO_URL.matcher(url);
        if (!twilio.matches()) {
            return url;
        }
        String product = twilio.group(1).toLowerCase(Locale.ROOT);
        String rest = twilio.group(2);
        return "api".equals(product) ? baseUrl + rest : baseUrl + "/" + product + rest;
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(redirected(request));
    }

    private Request redirected(Request original) {
        ParleyRequest copy = new ParleyRequest(original.getMethod(), toParleyUrl(original.getUrl()));
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null || original.getPassword() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        copyParams(original.getQueryParams(), copy::addQueryParam);
        copyParams(original.getPostParams(), copy::addPostParam);
        copyParams(original.getHeaderParams(), copy::addHeaderParam);
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        if (original.getFormParameters() != null) {
            copy.setFormParameters(new ArrayList<>(original.getFormParameters()));
        }
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        // Region and edge are not copied: see the class comment.
        return copy;
    }

    private static void copyParams(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }

    private static String normalize(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Parley base URL is not a valid URL: '" + baseUrl + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "Parley base URL must be an absolute http(s) URL without query or fragment, e.g."
                            + " http://localhost:8080 (was '" + baseUrl + "')");
        }
        return trimmed;
    }

    /**
     * A request whose host is used verbatim. The SDK's {@code buildURL} rewrites any dotted host into
     * {@code product.edge.region.domain}, which would mangle Parley's host; this keeps its per-segment
     * path encoding (so SIDs, unique names and phone numbers in paths are encoded as the SDK encodes
     * them) and leaves scheme, host, port, query and fragment alone.
     */
    private static final class ParleyRequest extends Request {

        ParleyRequest(HttpMethod method, String url) {
            super(method, url);
        }

        @Override
        protected String buildURL() {
            int authorityStart = url.indexOf("://") + 3;
            int pathStart = indexOfAny(url, "/?#", authorityStart);
            int pathEnd = indexOfAny(url, "?#", pathStart);
            String path = url.substring(pathStart, pathEnd);
            String[] segments = path.split("/");
            for (int i = 0; i < segments.length; i++) {
                segments[i] = URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20");
            }
            return url.substring(0, pathStart) + String.join("/", segments) + url.substring(pathEnd);
        }

        private static int indexOfAny(String s, String chars, int from) {
            for (int i = from; i < s.length(); i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    return i;
                }
            }
            return s.length();
        }
    }
}
