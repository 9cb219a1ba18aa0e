package dev.parley.core.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes one signed webhook request as Twilio does: form-encoded POST (or GET with the parameters in the
 * query), {@code X-Twilio-Signature} keyed by the account's auth token, {@code I-Twilio-Idempotency-Token}
 * stable across retries of the same delivery. Never throws for network trouble: it is in the result.
 */
public final class WebhookClient {
    private static final int EXCERPT_LIMIT = 64 * 1024;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    public record Request(String url, String method, Map<String, List<String>> params, String authToken,
            String idempotencyToken) {
    }

    /** {@code status} null when no HTTP answer came; then {@code error} says why. */
    public record Result(Integer status, String body, String contentType, long latencyMillis, String error) {
        public boolean success() {
            return status != null && status >= 200 && status < 300;
        }

        /** Connection errors, timeouts, 5xx and 429 may pass; other answers will not change on retry. */
        public boolean retryable() {
            return status == null || status >= 500 || status == 429;
        }

        public String excerpt(int max) {
            if (body == null) {
                return null;
            }
            return body.length() <= max ? body : body.substring(0, max);
        }
    }

    public Result call(Request request) {
        boolean get = "GET".equalsIgnoreCase(request.method());
        String form = encode(request.params());
        String url = request.url();
        String signature;
        HttpRequest.Builder builder;
        try {
            if (get) {
                url = form.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form;
                signature = RequestSignature.sign(request.authToken(), url, Map.of());
                builder = HttpRequest.newBuilder(URI.create(url)).GET();
            } else {
                signature = RequestSignature.sign(request.authToken(), url, request.params());
                builder = HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
            }
        } catch (IllegalArgumentException e) {
            return new Result(null, null, null, 0, "invalid URL: " + url);
        }
        builder.timeout(timeout)
                .header("X-Twilio-Signature", signature)
                .header("I-Twilio-Idempotency-Token", request.idempotencyToken())
                .header("User-Agent", "TwilioProxy/1.1 (Parley)")
                .header("Accept", "*/*");
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            String body = response.body();
            if (body != null && body.length() > EXCERPT_LIMIT) {
                body = body.substring(0, EXCERPT_LIMIT);
            }
            return new Result(response.statusCode(), body,
                    response.headers().firstValue("Content-Type").orElse(null), millis, null);
        } catch (HttpTimeoutException e) {
            return new Result(null, null, null, elapsed(start), "timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Result(null, null, null, elapsed(start), "connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, null, null, elapsed(start), "interrupted");
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static String encode(Map<String, List<String>> params) {
        return params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
