package dev.parley.outbound;

import dev.parley.core.media.DenyList;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.webhook.HttpTransport;
import java.io.IOException;

/**
 * Parley's outbound adapters as the composition root wires them: one {@link HttpTransport} for every webhook
 * (status callbacks, incoming-message webhooks and fallbacks, TwiML redirects, conversation hooks) and one
 * {@link MediaFetcher}, each over its own {@link OutboundHttpClient} pool because each has its own address policy
 * and redirect rule. Closing it closes both pools.
 */
public record Outbound(ApacheHttpTransport webhooks, HttpMediaFetcher media) implements AutoCloseable {

    /**
     * @param webhookDeny {@code PARLEY_WEBHOOK_DENY}: addresses no webhook may reach
     * @param media {@code PARLEY_MEDIA_DENY} and the media timeouts
     */
    public static Outbound create(DenyList webhookDeny, MediaFetcher.Settings media) {
        return new Outbound(new ApacheHttpTransport(new OutboundHttpClient(OutboundHttpClient.Settings.webhooks(
                new AddressPolicy(webhookDeny, "PARLEY_WEBHOOK_DENY")))), HttpMediaFetcher.of(media));
    }

    @Override
    public void close() throws IOException {
        try (webhooks; media) {
            // both closed, the second even if the first fails
        }
    }
}
