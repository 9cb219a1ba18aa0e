package dev.parley.outbound;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;

/** {@link MediaFetcherContract} over {@code https://}, a self-signed certificate the client trusts. */
class HttpsMediaFetcherTest implements MediaFetcherContract {
    private final List<AutoCloseable> opened = new ArrayList<>();
    @TempDir
    Path dir;

    @Override
    public SSLContext serverTls() {
        return TestTls.server();
    }

    @Override
    public List<AutoCloseable> opened() {
        return opened;
    }

    @Override
    public Path dir() {
        return dir;
    }
}
