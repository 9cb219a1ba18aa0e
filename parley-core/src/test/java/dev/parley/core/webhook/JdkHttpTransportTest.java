package dev.parley.core.webhook;

import java.net.http.HttpClient;
import java.time.Duration;

/** The java.net.http transport, built as ParleyServer builds it; it still carries https://. */
class JdkHttpTransportTest implements WebhookClientContract {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Override
    public WebhookClient client(Duration timeout) {
        return new WebhookClient(http, timeout);
    }
}
