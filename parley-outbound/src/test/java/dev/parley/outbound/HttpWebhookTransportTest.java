package dev.parley.outbound;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;

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

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}
