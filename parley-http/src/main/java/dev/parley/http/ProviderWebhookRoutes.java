package dev.parley.http;

import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.error.ApiException;
import dev.parley.core.message.channel.ProviderWebhooks;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderRequest;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderResponse;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /webhooks/{type}/{name}} and {@code /webhooks/{type}/{name}/<rest>}, GET and POST: where a provider calls
 * Parley (Meta for a WhatsApp Cloud API number, an upstream Twilio account for its status callbacks and inbound
 * messages). The request is handed, as received, to the registered channel {@code <type>:<name>} when it takes
 * webhooks ({@link ProviderWebhooks}); no such channel, or one that takes none, is a 404. Parley's own authentication
 * does not apply (the path is outside the authenticated prefixes): the channel checks its provider's signature, and
 * answers only after what the webhook changed is committed, so the provider retries on anything else.
 *
 * <p>The URL handed on is Parley's public URL, the raw path and the raw query: what the provider called, and what an
 * {@code X-Twilio-Signature} signs. A body over {@link #MAX_BODY} bytes is refused with 413 before the channel sees it.
 */
final class ProviderWebhookRoutes {
    static final String BASE = "/webhooks";
    /** Far above what Meta or Twilio send (a webhook carries ids and text, media by reference). */
    static final int MAX_BODY = 1024 * 1024;
    private final ChannelConnectionService channels;
    private final String publicUrl;

    ProviderWebhookRoutes(ChannelConnectionService channels, String publicUrl) {
        this.channels = channels;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    void register(RoutesConfig r) {
        r.get(BASE + "/{type}/{name}", ctx -> handle(ctx, ""));
        r.post(BASE + "/{type}/{name}", ctx -> handle(ctx, ""));
        r.get(BASE + "/{type}/{name}/<rest>", ctx -> handle(ctx, "/" + ctx.pathParam("rest")));
        r.post(BASE + "/{type}/{name}/<rest>", ctx -> handle(ctx, "/" + ctx.pathParam("rest")));
    }

    private void handle(Context ctx, String subPath) {
        String channel = ctx.pathParam("type") + ":" + ctx.pathParam("name");
        ProviderWebhooks target = channels.webhooks(channel).orElseThrow(() -> ApiException.notFound(ctx.path()));
        long declared = ctx.contentLength();
        if (declared > MAX_BODY) {
            throw tooLarge(declared);
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY) {
            throw tooLarge(body.length);
        }
        String query = ctx.queryString();
        String url = publicUrl + ctx.req().getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        ProviderResponse answer = target.handle(new ProviderRequest(ctx.method().name(), url, subPath,
                ctx.queryParamMap(), headers, body));
        ctx.status(answer.status());
        if (answer.contentType() != null) {
            ctx.contentType(answer.contentType());
        }
        if (answer.body() != null) {
            ctx.result(answer.body());
        }
    }

    private static ApiException tooLarge(long bytes) {
        return new ApiException(20001, 413, "A provider webhook's body may be at most " + MAX_BODY + " bytes, got "
                + bytes);
    }
}
