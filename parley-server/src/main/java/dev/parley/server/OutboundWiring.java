package dev.parley.server;

import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.webhook.JdkHttpTransport;
import dev.parley.core.webhook.PlainHttp1Transport;
import dev.parley.core.webhook.WebhookClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything Parley calls out to over HTTP: webhooks (status callbacks, inbound and conversation webhooks), the
 * pre-event hooks' client with Twilio's 5 s budget, and media fetches. {@link #close} releases the pooled
 * connections.
 */
record OutboundWiring(WebhookClient webhooks, WebhookClient preEventHooks, MediaFetcher mediaFetcher,
        PlainHttp1Transport plainHttp) implements AutoCloseable {

    static OutboundWiring wire(ParleyConfig config, Clock clock) {
        // Webhook receivers are plain HTTP/1.1 servers: skip the h2c upgrade attempt on every new connection.
        HttpClient httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        PlainHttp1Transport plainHttp = new PlainHttp1Transport(PlainHttp1Transport.Settings.DEFAULT, clock);
        WebhookClient webhooks = new WebhookClient(plainHttp,          // http://
                new JdkHttpTransport(httpClient), config.webhookTimeout()); // https:// and the rest
        // Pre-event hooks answer within Twilio's 5 s budget; post-event hooks go through the dispatcher.
        WebhookClient preEventHooks = new WebhookClient(plainHttp, new JdkHttpTransport(httpClient),
                PreEventHooks.BUDGET);
        return new OutboundWiring(webhooks, preEventHooks, new MediaFetcher(config.mediaFetch()), plainHttp);
    }

    @Override
    public void close() {
        plainHttp.close();
    }
}
