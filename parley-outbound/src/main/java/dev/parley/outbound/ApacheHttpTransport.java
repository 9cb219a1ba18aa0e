package dev.parley.outbound;

import dev.parley.core.webhook.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
        StringBuilder body = new StringBuilder();
        InputStream in = entity.getContent();
        Reader reader = new InputStreamReader(in, charset);
        char[] buffer = new char[8192];
        int n;
        while (body.length() < limit && (n = reader.read(buffer, 0, Math.min(buffer.length,
                limit - body.length()))) > 0) {
            body.append(buffer, 0, n);
        }
        if (body.length() >= limit && reader.read() >= 0) {
            request.cancel(); // the rest is not wanted: close the connection rather than drain it
        }
        return new Response(response.getCode(), body.toString(), type == null ? null : type.getValue());
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
