package dev.parley.core.message.channel;

import java.util.List;
import java.util.Map;

/**
 * A {@link Channel} that takes its provider's webhooks: Meta's for a WhatsApp Cloud API number, an upstream Twilio
 * account's status callbacks and inbound messages. They arrive at {@code /webhooks/<type>/<name>[/<rest>]} without
 * Parley's own authentication: the channel checks the provider's signature (it holds the secret) and answers anything
 * unsigned or forged with a refusal that changes nothing. Called on a request thread; may use the store.
 */
public interface ProviderWebhooks {

    ProviderResponse handle(ProviderRequest request);

    /**
     * One webhook request as the provider made it.
     *
     * @param method  {@code GET} or {@code POST}
     * @param url     the full URL the provider called, as Parley's public URL names it, query included: what an
     *                {@code X-Twilio-Signature} signs
     * @param subPath what follows {@code /webhooks/<type>/<name>}: {@code ""}, or {@code /status}, {@code /inbound}…
     * @param query   the query parameters
     * @param headers each header's first value, by lower-case name
     * @param body    the body's bytes as received (what {@code X-Hub-Signature-256} signs); empty for none
     */
    record ProviderRequest(String method, String url, String subPath, Map<String, List<String>> query,
            Map<String, String> headers, byte[] body) {
        public ProviderRequest {
            query = Map.copyOf(query);
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        /** A query parameter's first value, or null. */
        public String queryParam(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** The answer: a status, and a body of {@code contentType} (null body: none). */
    record ProviderResponse(int status, String contentType, String body) {
        public static ProviderResponse empty(int status) {
            return new ProviderResponse(status, null, null);
        }

        public static ProviderResponse text(int status, String body) {
            return new ProviderResponse(status, "text/plain; charset=utf-8", body);
        }
    }
}
