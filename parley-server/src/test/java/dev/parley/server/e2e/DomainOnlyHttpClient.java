package dev.parley.server.e2e;

import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * Twilio's SDK pointed at Parley by changing the domain alone, as a deployment with host names would:
 * {@code https://conversations.twilio.com/v1/…} goes to {@code http://conversations.localhost:<port>/v1/…}, path
 * untouched, so Parley must tell the product from the {@code Host} header. Names under {@code .localhost} resolve
 * to loopback here: Java's resolver does not do it reliably.
 */
final class DomainOnlyHttpClient extends NetworkHttpClient {
    private final int port;

    DomainOnlyHttpClient(int port) {
        super(HttpClientBuilder.create().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new SystemDefaultDnsResolver() {
                    @Override
                    public InetAddress[] resolve(String host) throws UnknownHostException {
                        return host.endsWith(".localhost")
                                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}
                                : super.resolve(host);
                    }
                }).build()));
        this.port = port;
    }

    @Override
    public Response makeRequest(Request original) {
        String url = original.getUrl().replaceFirst("^https://([a-z]+)\\.twilio\\.com",
                "http://$1.localhost:" + port);
        Request copy = new VerbatimRequest(original.getMethod(), url);
        copy.setAuth(original.getUsername(), original.getPassword());
        copy(original.getQueryParams(), copy::addQueryParam);
        copy(original.getPostParams(), copy::addPostParam);
        copy(original.getHeaderParams(), copy::addHeaderParam);
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        return super.makeRequest(copy);
    }

    private static void copy(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }

    /** The SDK would splice region and edge into a dotted host; this one is sent as written. */
    private static final class VerbatimRequest extends Request {
        VerbatimRequest(HttpMethod method, String url) {
            super(method, url);
        }

        @Override
        protected String buildURL() {
            return getUrl();
        }
    }
}
