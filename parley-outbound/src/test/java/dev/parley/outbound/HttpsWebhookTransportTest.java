package dev.parley.outbound;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** {@link WebhookClientContract} over {@code https://}, a self-signed certificate the client trusts. */
class HttpsWebhookTransportTest implements WebhookClientContract {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    public SSLContext receiverTls() {
        return TestTls.server();
    }

    @Override
    public List<AutoCloseable> opened() {
        return opened;
    }
}
