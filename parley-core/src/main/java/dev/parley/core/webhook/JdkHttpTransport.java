package dev.parley.core.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@link HttpTransport} over {@link java.net.http.HttpClient}: TLS, HTTP/2 if the client is built for it,
 * any scheme the JDK knows. Redirects follow whatever the given client is configured to do; Parley's is
 * built with {@code Redirect.NEVER}. A URI the JDK refuses raises {@link IllegalArgumentException}.
 */
public final class JdkHttpTransport implements HttpTransport {
    private final HttpClient http;

    public JdkHttpTransport(HttpClient http) {
        this.http = http;
    }

    @Override
    public Response exchange(Exchange exchange) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(exchange.uri()).timeout(exchange.timeout());
        exchange.headers().forEach(builder::header);
        if (exchange.body().length == 0 && "GET".equalsIgnoreCase(exchange.method())) {
            builder.GET();
        } else {
            builder.method(exchange.method(), HttpRequest.BodyPublishers.ofByteArray(exchange.body()));
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body() == null ? "" : response.body();
        if (body.length() > exchange.bodyLimit()) {
            body = body.substring(0, exchange.bodyLimit());
        }
        return new Response(response.statusCode(), body,
                response.headers().firstValue("Content-Type").orElse(null));
    }
}
