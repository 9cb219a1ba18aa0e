package dev.parley.core.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes one signed webhook request as Twilio does: form-encoded POST (or GET with the parameters in the
 * query), {@code X-Twilio-Signature} keyed by the account's auth token, {@code I-Twilio-Idempotency-Token}
 * stable across retries of the same delivery. Never throws for network trouble: it is in the result.
 */
public final class WebhookClient {
    private static final int EXCERPT_LIMIT = 64 * 1024;
    private static final String TIMED_OUT = "timed out after ";
    private static final String REFUSED = "refused: ";
    private final HttpTransport transport;
    private final Duration timeout;

    /**
     * @param transport carries every request, {@code http://} and {@code https://}
     * @param timeout the whole of one request, connecting included
     */
    public WebhookClient(HttpTransport transport, Duration timeout) {
        this.transport = transport;
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

        /** Whether no answer came within the client's timeout. */
        public boolean timedOut() {
            return status == null && error != null && error.startsWith(TIMED_OUT);
        }

        /** Whether the address policy refused the receiver's address: nothing was sent. */
        public boolean refused() {
            return status == null && error != null && error.startsWith(REFUSED);
        }

        /**
         * Connection errors, timeouts, 5xx and 429 may pass; other answers will not change on retry, nor will an
         * address the policy refused (the deployment's setting decides, not the receiver).
         */
        public boolean retryable() {
            return status == null ? !refused() : status >= 500 || status == 429;
        }

        /**
         * How the delivery log records this answer: delivered; failed (an answer a retry will not change); dead
         * when this was the last attempt; retrying otherwise.
         */
        public String outcome(boolean lastAttempt) {
            return success() ? "delivered" : !retryable() ? "failed" : lastAttempt ? "dead" : "retrying";
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
        URI uri;
        String signature;
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            if (get) {
                url = form.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + form;
                signature = RequestSignature.sign(request.authToken(), url, Map.of());
            } else {
                signature = RequestSignature.sign(request.authToken(), url, request.params());
                headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            }
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Result(null, null, null, 0, "invalid URL: " + url);
        }
        headers.put("X-Twilio-Signature", signature);
        headers.put("I-Twilio-Idempotency-Token", request.idempotencyToken());
        headers.put("User-Agent", "TwilioProxy/1.1 (Parley)");
        headers.put("Accept", "*/*");
        byte[] body = get ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try {
            HttpTransport.Response response = transport.exchange(new HttpTransport.Exchange(
                    uri, get ? "GET" : "POST", headers, body, timeout, EXCERPT_LIMIT));
            return new Result(response.status(), response.body(), response.contentType(), elapsed(start), null);
        } catch (IllegalArgumentException e) {
            return new Result(null, null, null, 0, "invalid URL: " + url);
        } catch (HttpTransport.AddressDenied e) {
            return new Result(null, null, null, elapsed(start), REFUSED + e.getMessage());
        } catch (HttpTimeoutException e) {
            return new Result(null, null, null, elapsed(start), TIMED_OUT + timeout.toSeconds() + " s");
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

    /** {@code application/x-www-form-urlencoded}, as {@link java.net.URLEncoder} writes it, in the map's order. */
    static String encode(Map<String, List<String>> params) {
        StringBuilder out = new StringBuilder(64 * params.size());
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            for (String value : e.getValue()) {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                enc(out, e.getKey());
                out.append('=');
                enc(out, value);
            }
        }
        return out.toString();
    }

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    /** Letters, digits and {@code .-*_} as they are, a space as {@code +}, every other byte of UTF-8 as {@code %XX}. */
    private static void enc(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // The rest of the string as UTF-8 bytes (a surrogate pair stays whole; a lone one becomes '?').
                for (byte b : s.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    ascii(out, b & 0xFF);
                }
                return;
            }
            ascii(out, c);
        }
    }

    /** One byte: as it is when unreserved, {@code +} for a space, else {@code %XX}. */
    private static void ascii(StringBuilder out, int b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '-' || b == '*'
                || b == '_') {
            out.append((char) b);
        } else if (b == ' ') {
            out.append('+');
        } else {
            percent(out, b);
        }
    }

    private static void percent(StringBuilder out, int b) {
        out.append('%').append(HEX_DIGITS[b >> 4]).append(HEX_DIGITS[b & 0xF]);
    }
}
