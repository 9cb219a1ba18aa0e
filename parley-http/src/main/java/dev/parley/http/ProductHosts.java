package dev.parley.http;

import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Twilio's host-based domains. Twilio's SDKs address the Messaging, Conversations, Content and Media Content
 * services on hosts of their own with a bare version path ({@code https://conversations.twilio.com/v1/Services}),
 * where Parley serves them under a prefix ({@code /conversations/v1/Services}). A request whose host's first label
 * is one of those names and whose path starts with {@code /v1} is served as the prefixed path; every other request
 * (an {@code api.} host, a bare host, a path already prefixed, {@code /healthz}) as it came.
 *
 * <p>It is a Jetty handler in front of Javalin, so the rewrite happens once, before routing: authentication,
 * metrics and every route see the prefixed path. Links in responses keep using the configured public URL.
 */
final class ProductHosts extends Handler.Wrapper {
    private static final Set<String> PRODUCTS = Set.of("messaging", "conversations", "content", "mcs");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpURI uri = request.getHttpURI();
        String prefix = prefix(Request.getServerName(request), uri.getPath());
        if (prefix == null) {
            return super.handle(request, response, callback);
        }
        HttpURI rewritten = HttpURI.build(uri).path(prefix + uri.getPath()).asImmutable();
        return super.handle(Request.serveAs(request, rewritten), response, callback);
    }

    /** The path prefix a request to {@code host} for {@code path} is served under, or null for none. */
    static String prefix(String host, String path) {
        if (host == null || path == null || !(path.equals("/v1") || path.startsWith("/v1/"))) {
            return null;
        }
        int dot = host.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String label = host.substring(0, dot).toLowerCase(Locale.ROOT);
        return PRODUCTS.contains(label) ? "/" + label : null;
    }
}
