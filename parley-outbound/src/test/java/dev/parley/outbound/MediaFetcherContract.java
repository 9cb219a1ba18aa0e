package dev.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.media.DenyList;
import dev.parley.core.media.MediaFetcher;
import dev.parley.outbound.RawHttpServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link HttpMediaFetcher} guarantees, run over {@code http://} and {@code https://} against a real server on
 * loopback: every failure is a {@link MediaFetcher.Result.Failed} with Twilio's code and no file left behind.
 */
interface MediaFetcherContract {
    byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H'};
    String PNG_TEXT = new String(PNG, StandardCharsets.ISO_8859_1);

    /** The server's TLS; null for plain {@code http://}. */
    SSLContext serverTls();

    /** The fetchers the test made, closed after each test. */
    List<AutoCloseable> opened();

    @AfterEach
    default void closeOpened() throws Exception {
        for (AutoCloseable c : opened()) {
            c.close();
        }
    }

    /** A temporary directory of the test's own. */
    Path dir();

    default HttpMediaFetcher fetcher(DenyList deny, Duration timeout, AddressPolicy.Lookup lookup) {
        MediaFetcher.Settings settings = MediaFetcher.Settings.of(deny, timeout);
        HttpMediaFetcher fetcher = new HttpMediaFetcher(settings, new OutboundHttpClient(OutboundHttpClient.Settings
                .media(new AddressPolicy(deny, "PARLEY_MEDIA_DENY", lookup), timeout, MediaFetcher.MAX_REDIRECTS)
                .withTls(TestTls.client())));
        opened().add(fetcher);
        return fetcher;
    }

    default HttpMediaFetcher fetcher() {
        return fetcher(DenyList.DEFAULT, Duration.ofSeconds(2), AddressPolicy.Lookup.SYSTEM);
    }

    /** Serves {@code /chunked.png} (chunked), {@code /redirect} (to it), {@code /loop} (to itself), and more. */
    default RawHttpServer server() throws IOException {
        return new RawHttpServer(serverTls(), r -> switch (r.requestLine().split(" ")[1]) {
            case "/chunked.png" -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n" + PNG_TEXT.substring(0, 5) + "\r\n"
                    + Integer.toHexString(PNG.length - 5) + "\r\n" + PNG_TEXT.substring(5) + "\r\n0\r\n\r\n");
            case "/redirect" -> Reply.keepOpen(
                    "HTTP/1.1 302 Found\r\nLocation: /chunked.png\r\nContent-Length: 0\r\n\r\n");
            case "/loop" -> Reply.keepOpen("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
            case "/bad-chunk.png" -> Reply.thenClose("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n-1\r\n" + PNG_TEXT + "\r\n0\r\n\r\n");
            case "/cut.png" -> Reply.thenClose(
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n" + PNG_TEXT);
            case "/slow.png" -> Reply.trickle(
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n" + PNG_TEXT);
            default -> Reply.keepOpen("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        });
    }

    @Test
    default void chunkedBodyShouldBeStoredWhole() throws Exception {
        try (var server = server()) {
            Path target = dir().resolve("a");

            assertThat(fetcher().fetch(server.url("/chunked.png"), target))
                    .isEqualTo(new MediaFetcher.Result.Fetched("image/png", PNG.length));
            assertThat(target).hasBinaryContent(PNG);
        }
    }

    @Test
    default void redirectShouldBeFollowedOnThePooledConnection() throws Exception {
        try (var server = server()) {
            Path target = dir().resolve("r");

            assertThat(fetcher().fetch(server.url("/redirect"), target))
                    .isEqualTo(new MediaFetcher.Result.Fetched("image/png", PNG.length));
            assertThat(server.requests()).hasSize(2);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    default void headersShouldBeSentAndNoRedirectFollowedWithThem() throws Exception {
        try (var server = server()) {
            Path fetched = dir().resolve("h");
            Path redirected = dir().resolve("h2");

            assertThat(fetcher().fetch(server.url("/chunked.png"), Map.of("Authorization", "Bearer t0k3n"), fetched))
                    .isEqualTo(new MediaFetcher.Result.Fetched("image/png", PNG.length));
            MediaFetcher.Result result = fetcher().fetch(server.url("/redirect"),
                    Map.of("Authorization", "Bearer t0k3n"), redirected);

            assertThat(server.requests().getFirst().headers()).containsEntry("authorization", "Bearer t0k3n");
            assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class,
                    f -> assertThat(f.code()).isEqualTo(11200));
            assertThat(server.requests()).hasSize(2);
            assertThat(redirected).doesNotExist();
        }
    }

    @Test
    default void malformedChunkSizeShouldFailWith11200AndLeaveNoFile() throws Exception {
        try (var server = server()) {
            Path target = dir().resolve("m");

            MediaFetcher.Result result = fetcher().fetch(server.url("/bad-chunk.png"), target);

            assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class, f -> {
                assertThat(f.code()).isEqualTo(11200);
                assertThat(f.reason()).startsWith("cannot fetch").contains("chunk");
            });
            assertThat(Files.exists(target)).isFalse();
        }
    }

    @Test
    default void serverThatClosesMidBodyShouldFailWith11200() throws Exception {
        try (var server = server()) {
            MediaFetcher.Result result = fetcher().fetch(server.url("/cut.png"), dir().resolve("c"));

            assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class,
                    f -> assertThat(f.code()).isEqualTo(11200));
        }
    }

    @Test
    default void serverThatTricklesShouldFailWith11200AtTheTotalDeadline() throws Exception {
        try (var server = server()) {
            long start = System.nanoTime();

            // 250 ms per read and connect, 1 s for the whole fetch: each byte comes within the read timeout.
            MediaFetcher.Result result = fetcher(DenyList.DEFAULT, Duration.ofMillis(250), AddressPolicy.Lookup.SYSTEM)
                    .fetch(server.url("/slow.png"), dir().resolve("s"));

            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class, f -> {
                assertThat(f.code()).isEqualTo(11200);
                assertThat(f.reason()).startsWith("timed out");
            });
            assertThat(millis).isBetween(900L, 3_000L);
        }
    }

    @Test
    default void aNameResolvingToADeniedAddressShouldNeverBeConnected() throws Exception {
        try (var server = server()) {
            DenyList deny = DenyList.parse(List.of("127.0.0.0/8"));
            HttpMediaFetcher fetcher = fetcher(deny, Duration.ofSeconds(2), host -> new InetAddress[] {
                    InetAddress.getByName("93.184.216.34"), InetAddress.getLoopbackAddress()});
            Path target = dir().resolve("b");
            String url = server.url("/chunked.png").replace("127.0.0.1", "innocent.example");

            MediaFetcher.Result result = fetcher.fetch(url, target);

            assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class, f -> {
                assertThat(f.code()).isEqualTo(11200);
                assertThat(f.reason()).contains("media deny list")
                        .contains("address 127.0.0.1 of innocent.example denied by PARLEY_MEDIA_DENY");
            });
            assertThat(server.connections()).isZero();
            assertThat(Files.exists(target)).isFalse();
        }
    }

    @Test
    default void metadataAddressShouldBeDeniedByDefault() {
        MediaFetcher.Result result = fetcher().fetch("http://169.254.169.254/latest/meta-data/", dir().resolve("d"));

        assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class,
                f -> assertThat(f.reason()).contains("address 169.254.169.254 denied by PARLEY_MEDIA_DENY"));
    }

    @Test
    default void endlessRedirectsShouldEndWith11215() throws Exception {
        try (var server = server()) {
            MediaFetcher.Result result = fetcher().fetch(server.url("/loop"), dir().resolve("l"));

            assertThat(result).isInstanceOfSatisfying(MediaFetcher.Result.Failed.class,
                    f -> assertThat(f.code()).isEqualTo(11215));
            assertThat(server.requests()).hasSize(MediaFetcher.MAX_REDIRECTS + 1);
        }
    }

    @Test
    default void onlyHttpAndHttpsShouldBeFetched() {
        assertThat(fetcher().fetch("file:///etc/passwd", dir().resolve("f"))).isInstanceOfSatisfying(
                MediaFetcher.Result.Failed.class, f -> assertThat(f.code()).isEqualTo(11200));
    }
}
