package dev.parley.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFetcherTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H'};
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/chunked.png", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PNG, 0, 5);
                out.flush();
                out.write(PNG, 5, PNG.length - 5);
            }
        });
        server.createContext("/loop", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    @Test
    void chunkedBodyIsStoredWhole() {
        MediaFetcher fetcher = new MediaFetcher(MediaFetcher.Settings.of(DenyList.DEFAULT, Duration.ofSeconds(2)));
        Path target = dir.resolve("a");
        assertThat(fetcher.fetch(url("127.0.0.1", "/chunked.png"), target))
                .isEqualTo(new MediaFetcher.Result.Fetched("image/png", PNG.length));
        assertThat(target).hasBinaryContent(PNG);
    }

    @Test
    void aNameResolvingToADeniedAddressIsNeverConnected() {
        DenyList deny = DenyList.parse(List.of("127.0.0.0/8"));
        MediaFetcher fetcher = new MediaFetcher(MediaFetcher.Settings.of(deny, Duration.ofSeconds(2)),
                host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getLoopbackAddress()});
        Path target = dir.resolve("b");
        MediaFetcher.Result result = fetcher.fetch(url("innocent.example", "/chunked.png"), target);
        assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(11200);
            assertThat(f.reason()).contains("deny list").contains("127.0.0.1");
        });
        assertThat(requests).hasValue(0);
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void endlessRedirectsEndWith11215() {
        MediaFetcher fetcher = new MediaFetcher(MediaFetcher.Settings.of(DenyList.DEFAULT, Duration.ofSeconds(2)));
        MediaFetcher.Result result = fetcher.fetch(url("127.0.0.1", "/loop"), dir.resolve("c"));
        assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class,
                f -> assertThat(f.code()).isEqualTo(11215));
        assertThat(requests).hasValue(MediaFetcher.MAX_REDIRECTS + 1);
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        MediaFetcher fetcher = new MediaFetcher(MediaFetcher.Settings.DEFAULT);
        assertThat(fetcher.fetch("file:///etc/passwd", dir.resolve("d"))).isInstanceOfSatisfying(
                MediaFetcher.Result.Failed.class, f -> assertThat(f.code()).isEqualTo(11200));
    }
}
