package dev.parley.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.webhook.RawHttpServer.Reply;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PlainHttp1TransportTest implements WebhookClientContract {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

    private final MutableClock clock = new MutableClock();
    private final PlainHttp1Transport transport = new PlainHttp1Transport(PlainHttp1Transport.Settings.DEFAULT, clock);
    private final HttpClient jdk = HttpClient.newHttpClient();

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    @Override
    public WebhookClient client(Duration timeout) {
        return new WebhookClient(transport, new JdkHttpTransport(jdk), timeout);
    }

    private WebhookClient.Result post(String url) {
        return client(Duration.ofSeconds(5)).call(
                new WebhookClient.Request(url, "POST", Map.of("A", List.of("1")), TOKEN, "idem"));
    }

    @Test
    void keepAliveShouldCarrySequentialRequestsOnOneConnection() throws Exception {
        try (var server = new RawHttpServer(r -> Reply.keepOpen(OK))) {
            for (int i = 0; i < 5; i++) {
                assertThat(post(server.url("/k")).status()).isEqualTo(200);
            }

            assertThat(server.requests()).hasSize(5);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(transport.idleConnections(URI.create(server.url("/")))).isEqualTo(1);
        }
    }

    @Test
    void idleConnectionClosedByTheServerShouldBeReplacedAndTheCallSucceed() throws Exception {
        try (var server = new RawHttpServer(r -> Reply.keepOpen(OK))) {
            assertThat(post(server.url("/k")).status()).isEqualTo(200);
            server.dropConnections();

            WebhookClient.Result again = post(server.url("/k"));

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo("ok");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void connectionDroppedRightAfterAnAnswerShouldNotFailTheNextCall() throws Exception {
        // Answers as if keep-alive, then closes: every pooled connection is stale when next used.
        try (var server = new RawHttpServer(r -> Reply.thenClose(OK))) {
            for (int i = 0; i < 5; i++) {
                assertThat(post(server.url("/k")).status()).isEqualTo(200);
            }

            assertThat(server.requests()).hasSize(5);
        }
    }

    @Test
    void connectionCloseShouldBeHonoured() throws Exception {
        String closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
        try (var server = new RawHttpServer(r -> Reply.thenClose(closing))) {
            assertThat(post(server.url("/c")).body()).isEqualTo("ok");
            assertThat(post(server.url("/c")).body()).isEqualTo("ok");

            assertThat(server.connections()).isEqualTo(2);
            assertThat(transport.idleConnections(URI.create(server.url("/")))).isZero();
        }
    }

    @Test
    void bodyDelimitedByCloseShouldBeReadToTheEnd() throws Exception {
        try (var http10 = new RawHttpServer(r -> Reply.thenClose("HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n<R/>"));
                var http11 = new RawHttpServer(r -> Reply.thenClose("HTTP/1.1 201 Created\r\nConnection: close\r\n\r\nbye"))) {
            WebhookClient.Result old = post(http10.url("/"));
            WebhookClient.Result closing = post(http11.url("/"));

            assertThat(old.status()).isEqualTo(200);
            assertThat(old.body()).isEqualTo("<R/>");
            assertThat(old.contentType()).isEqualTo("text/xml");
            assertThat(closing.status()).isEqualTo(201);
            assertThat(closing.body()).isEqualTo("bye");
        }
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersShouldLeaveTheConnectionReusable() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
        try (var server = new RawHttpServer(r -> Reply.keepOpen(chunked))) {
            assertThat(post(server.url("/")).body()).isEqualTo("hello world");
            assertThat(post(server.url("/")).body()).isEqualTo("hello world");

            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void informationalAnswersShouldBeSkipped() throws Exception {
        try (var server = new RawHttpServer(r -> Reply.keepOpen(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\nX: y\r\n\r\n" + OK))) {
            WebhookClient.Result result = post(server.url("/"));

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("ok");
        }
    }

    @Test
    void bodyTooLargeToDrainShouldBeCutAndItsConnectionClosed() throws Exception {
        int size = 3 * 1024 * 1024;
        String huge = "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n" + "a".repeat(size);
        try (var server = new RawHttpServer(r -> Reply.keepOpen(huge))) {
            WebhookClient.Result result = post(server.url("/huge"));

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).hasSize(64 * 1024);
            assertThat(transport.idleConnections(URI.create(server.url("/")))).isZero();
        }
    }

    @Test
    void connectionIdlePastTheIdleTimeoutShouldNotBeReused() throws Exception {
        try (var server = new RawHttpServer(r -> Reply.keepOpen(OK))) {
            post(server.url("/"));
            clock.advance(Duration.ofSeconds(31));

            post(server.url("/"));

            assertThat(server.connections()).isEqualTo(2);
            clock.advance(Duration.ofSeconds(31));
            transport.evictIdle();
            assertThat(transport.idleConnections(URI.create(server.url("/")))).isZero();
        }
    }

    @Test
    void ipv6LiteralHostShouldBeConnectedAndSentAsHost() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        RawHttpServer server;
        try {
            server = new RawHttpServer(v6, r -> Reply.keepOpen(OK));
        } catch (java.io.IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        }
        try (server) {
            assertThat(v6).isInstanceOf(Inet6Address.class);
            String url = server.url("/six");
            assertThat(url).startsWith("http://[");

            assertThat(post(url).status()).isEqualTo(200);
            assertThat(server.requests().getFirst().headers().get("host"))
                    .isEqualTo(url.substring("http://".length(), url.indexOf("/six")));
            assertThat(server.requests().getFirst().requestLine()).isEqualTo("POST /six HTTP/1.1");
        }
    }

    @Test
    void garbageAnswerShouldBeAConnectionError() throws Exception {
        try (var server = new RawHttpServer(r -> Reply.thenClose("SSH-2.0-OpenSSH\r\n"))) {
            WebhookClient.Result result = post(server.url("/"));

            assertThat(result.status()).isNull();
            assertThat(result.error()).startsWith("connection failed");
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
