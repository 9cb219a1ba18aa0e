package dev.parley.outbound;

import dev.parley.core.webhook.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * {@link HttpTransport} over {@link OutboundHttpClient}: {@code http://} and {@code https://} through one pool, no
 * redirects followed (a 3xx is the answer), the answer's body decoded by its declared charset (UTF-8 when none)
 * and cut to the exchange's bound; the rest of a long body is not read, and its connection is closed rather than
 * drained.
 */
public final class ApacheHttpTransport implements HttpTransport, AutoCloseable {
    private final OutboundHttpClient client;

    public ApacheHttpTransport(OutboundHttpClient client) {
        this.client = client;
    }

    @Override
    public Response exchange(Exchange exchange) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(exchange.method(), exchange.uri());
        exchange.headers().forEach(request::setHeader);
        if (exchange.body().length > 0 || !"GET".equalsIgnoreCase(exchange.method())) {
            request.setEntity(new ByteArrayEntity(exchange.body(), null));
        }
        // One timeout for the whole exchange: per read and overall alike.
        return client.execute(request, exchange.timeout(), exchange.timeout(),
                (r, response) -> read(r, response, exchange.bodyLimit()));
    }

    private static Response read(HttpUriRequestBase request, ClassicHttpResponse response, int limit)
            throws IOException {
        Header type = response.getFirstHeader("Content-Type");
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Response(response.getCode(), "", type == null ? null : type.getValue());
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            ContentType parsed = type == null ? null : ContentType.parse(type.getValue());
            if (parsed != null && parsed.getCharset() != null) {
                charset = parsed.getCharset();
            }
        } catch (RuntimeException e) {
            // An unknown charset name: read as UTF-8, as the answer is only logged and parsed as TwiML.
        }
        // Bytes first, then one decode: no reader and no buffers of its own for the short answers webhooks get. A
        // character takes at most four bytes in the charsets met here, so this many bytes hold the bound's worth.
        InputStream in = entity.getContent();
        int maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, 4L * limit);
        byte[] bytes = in.readNBytes(maxBytes);
        String body = new String(bytes, charset);
        if (body.length() > limit || bytes.length == maxBytes && in.read() >= 0) {
            request.cancel(); // the rest is not wanted: close the connection rather than drain it
        }
        if (body.length() > limit) {
            body = body.substring(0, limit);
        }
        return new Response(response.getCode(), body, type == null ? null : type.getValue());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
