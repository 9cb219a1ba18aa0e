package dev.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.webhook.WebhookClient;
import dev.parley.outbound.RawHttpServer.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** {@link WebhookClientContract} over plain {@code http://}. */
class HttpWebhookTransportTest implements WebhookClientContract {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    public SSLContext receiverTls() {
        return null;
    }

    @Override
    public List<AutoCloseable> opened() {
        return opened;
    }

    @Test
    void theJvmsProxySelectorShouldCarryWebhooks() throws Exception {
        ProxySelector before = ProxySelector.getDefault();
        try (var proxy = raw(r -> Reply.keepOpen(OK))) {
            URI proxyUri = URI.create(proxy.url("/"));
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(new Proxy(Proxy.Type.HTTP,
                            new InetSocketAddress(proxyUri.getHost(), proxyUri.getPort())));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException e) {
                }
            });
            // The receiver's name needs no DNS: the proxy resolves it, Parley resolves only the proxy.
            WebhookClient.Result result = client(Duration.ofSeconds(5)).call(new WebhookClient.Request(
                    "http://receiver.parley.test/hook", "POST", Map.of("A", List.of("1")), TOKEN, "idem"));

            assertThat(result.status()).isEqualTo(200);
            assertThat(proxy.requests()).singleElement().satisfies(r -> assertThat(r.requestLine())
                    .isEqualTo("POST http://receiver.parley.test/hook HTTP/1.1"));
        } finally {
            ProxySelector.setDefault(before);
        }
    }
}
