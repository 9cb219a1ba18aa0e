package dev.parley.outbound;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes each request through the proxy the JVM's {@link ProxySelector} names for its target, as HttpClient's
 * {@code SystemDefaultRoutePlanner} does, asking the selector that is the default at the time of the request. The
 * selector is asked with a URI per target; that URI is made once per target rather than formatted and parsed again
 * for every request (most of a route's cost when webhooks go to a few receivers).
 */
final class JvmProxyRoutePlanner extends DefaultRoutePlanner {
    /** Targets whose URI is kept; past this many the cache starts over (receivers are few, hosts are not bounded). */
    private static final int MAX_TARGETS = 4096;
    private final Map<HttpHost, URI> targets = new ConcurrentHashMap<>();

    JvmProxyRoutePlanner() {
        super(DefaultSchemePortResolver.INSTANCE);
    }

    @Override
    protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        List<Proxy> proxies = selector.select(uri(target));
        for (Proxy proxy : proxies) {
            switch (proxy.type()) {
                case DIRECT -> {
                    return null;
                }
                case HTTP -> {
                    if (proxy.address() instanceof InetSocketAddress address) {
                        return new HttpHost(address.getHostString(), address.getPort());
                    }
                    throw new HttpException("Unable to handle non-Inet proxy address: " + proxy.address());
                }
                default -> {
                    // SOCKS is not HttpClient's to use here: the next one, as HttpClient does.
                }
            }
        }
        return null;
    }

    private URI uri(HttpHost target) throws HttpException {
        URI known = targets.get(target);
        if (known != null) {
            return known;
        }
        URI made;
        try {
            made = new URI(target.toURI());
        } catch (URISyntaxException e) {
            throw new HttpException("Cannot convert host to URI: " + target, e);
        }
        if (targets.size() >= MAX_TARGETS) {
            targets.clear();
        }
        targets.put(target, made);
        return made;
    }
}
