package dev.parley.server;

import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.outbound.Outbound;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Parley calls out to over HTTP, through parley-outbound (ADR 21): webhooks (status callbacks, inbound and
 * conversation webhooks), the pre-event hooks' client with Twilio's 5 s budget, and media fetches, each under its
 * deny list. {@link #close} releases the pooled connections.
 */
record OutboundWiring(Outbound outbound, WebhookClient webhooks, WebhookClient preEventHooks)
        implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboundWiring.class);

    static OutboundWiring wire(ParleyConfig config) {
        Outbound outbound = Outbound.create(config.webhookDeny(), config.mediaFetch());
        // Pre-event hooks answer within Twilio's 5 s budget; post-event hooks go through the dispatcher.
        return new OutboundWiring(outbound, new WebhookClient(outbound.webhooks(), config.webhookTimeout()),
                new WebhookClient(outbound.webhooks(), PreEventHooks.BUDGET));
    }

    MediaFetcher mediaFetcher() {
        return outbound.media();
    }

    @Override
    public void close() {
        try {
            outbound.close();
        } catch (IOException e) {
            log.warn("closing outbound HTTP connections: {}", e.toString());
        }
    }
}
