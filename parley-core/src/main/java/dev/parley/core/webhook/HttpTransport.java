package dev.parley.core.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request and its answer, as {@link WebhookClient} needs it: no redirects followed, no cookies,
 * no authentication challenges, the answer's body as text cut to a bound.
 *
 * <p>Callers may rely on: {@link #exchange} blocks the calling (virtual) thread until the answer is read
 * or the exchange's timeout has passed, whichever comes first; it is safe to call from many threads at
 * once; a timeout is reported as {@link HttpTimeoutException}, any other failure to get an answer as
 * another {@link IOException}; a connection the deployment's address policy refused as {@link AddressDenied},
 * before any byte was sent. An HTTP error status is an answer, not an exception. An implementation
 * may send the request a second time when a reused connection turns out closed before any byte of the
 * answer arrived; webhook requests carry an idempotency token, so the receiver can tell.
 */
public interface HttpTransport {

    Response exchange(Exchange exchange) throws IOException, InterruptedException;

    /**
     * @param method {@code GET} or {@code POST}
     * @param headers sent as given, one value each; the transport adds {@code Host} and, with a body,
     *     {@code Content-Length}
     * @param body null or empty for no body
     * @param timeout the whole exchange, connecting included
     * @param bodyLimit the answer's body is cut to this many characters
     */
    record Exchange(URI uri, String method, Map<String, String> headers, byte[] body, Duration timeout,
            int bodyLimit) {
        public Exchange {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(method, "method");
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
            Objects.requireNonNull(timeout, "timeout");
            if (bodyLimit < 0) {
                throw new IllegalArgumentException("bodyLimit must not be negative, got " + bodyLimit);
            }
        }
    }

    /**
     * The address policy refused every address a host name resolved to (or the name itself): nothing was sent,
     * and asking again will be refused again. A subclass of {@link UnknownHostException} because that is what a
     * resolver may throw; the message names the address and the setting that denies it.
     */
    final class AddressDenied extends UnknownHostException {
        public AddressDenied(String message) {
            super(message);
        }
    }

    /** @param body the decoded body, at most the exchange's {@code bodyLimit} characters; never null */
    record Response(int status, String body, String contentType) {
    }
}
