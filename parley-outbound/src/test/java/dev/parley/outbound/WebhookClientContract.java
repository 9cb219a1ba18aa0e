package dev.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.media.DenyList;
import dev.parley.core.webhook.RequestSignature;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.outbound.LoopbackReceiver.Answer;
import dev.parley.outbound.RawHttpServer.Reply;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link WebhookClient} over {@link ApacheHttpTransport} guarantees, run once over {@code http://} and once
 * over {@code https://} (a self-signed certificate the client trusts through its injected SSLContext, host names
 * verified). Every test runs against a real server on loopback.
 */
interface WebhookClientContract {
    String TOKEN = "auth-token-123";
    Map<String, List<String>> PARAMS = Map.of(
            "MessageSid", List.of("SM0123"),
            "Body", List.of("héllo & goodbye"),
            "MediaUrl", List.of("http://a/1", "http://a/0"));

    /** The receivers' TLS; null for plain {@code http://}. */
    SSLContext receiverTls();

    /** The transports the test made, closed after each test. */
    List<AutoCloseable> opened();

    @AfterEach
    default void closeOpened() throws Exception {
        for (AutoCloseable c : opened()) {
            c.close();
        }
    }

    /** A client over a fresh transport whose address policy is {@code deny}. */
    default WebhookClient client(Duration timeout, DenyList deny) {
        ApacheHttpTransport transport = new ApacheHttpTransport(new OutboundHttpClient(OutboundHttpClient.Settings
                .webhooks(new AddressPolicy(deny, "PARLEY_WEBHOOK_DENY")).withTls(TestTls.client())));
        opened().add(transport);
        return new WebhookClient(transport, timeout);
    }

    default WebhookClient client(Duration timeout) {
        return client(timeout, DenyList.DEFAULT);
    }

    default LoopbackReceiver receiver(Function<LoopbackReceiver.Received, Answer> answers) {
        return new LoopbackReceiver(receiverTls(), answers);
    }

    default RawHttpServer raw(Function<RawHttpServer.Received, Reply> replies) throws java.io.IOException {
        return new RawHttpServer(receiverTls(), replies);
    }

    private WebhookClient client() {
        return client(Duration.ofSeconds(15));
    }

    private static WebhookClient.Request post(String url) {
        return new WebhookClient.Request(url, "POST", PARAMS, TOKEN, "idem-1");
    }

    @Test
    default void postShouldSendSignedFormWithTwiliosHeaders() {
        try (var receiver = receiver(r -> Answer.of(200, "text/xml", "<Response/>"))) {
            String url = receiver.url("/hook?x=1");

            WebhookClient.Result result = client().call(post(url));

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("<Response/>");
            assertThat(result.contentType()).isEqualTo("text/xml");
            assertThat(result.error()).isNull();
            var request = receiver.received().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.query()).isEqualTo("x=1");
            assertThat(request.form()).containsEntry("Body", List.of("héllo & goodbye"))
                    .containsEntry("MediaUrl", List.of("http://a/1", "http://a/0"));
            assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
            assertThat(request.header("I-Twilio-Idempotency-Token")).isEqualTo("idem-1");
            assertThat(request.header("User-Agent")).isEqualTo("TwilioProxy/1.1 (Parley)");
            assertThat(request.header("Host")).isEqualTo(url.substring(url.indexOf("//") + 2, url.indexOf("/hook")));
            assertThat(RequestSignature.matches(TOKEN, url, request.form(), request.header("X-Twilio-Signature")))
                    .isTrue();
        }
    }

    @Test
    default void getShouldPutParametersInTheQueryAndSignTheWholeUrl() {
        try (var receiver = receiver(r -> Answer.of(200, "text/plain", "ok"))) {
            String url = receiver.url("/hook?x=1");

            WebhookClient.Result result = client().call(
                    new WebhookClient.Request(url, "GET", Map.of("Body", List.of("a b")), TOKEN, "idem-2"));

            assertThat(result.status()).isEqualTo(200);
            var request = receiver.received().getFirst();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.query()).isEqualTo("x=1&Body=a+b");
            assertThat(request.body()).isEmpty();
            assertThat(RequestSignature.matches(TOKEN, url + "&Body=a+b", Map.of(),
                    request.header("X-Twilio-Signature"))).isTrue();
        }
    }

    @Test
    default void chunkedBodyShouldBeReadWhole() {
        String body = "x".repeat(20_000) + "end";
        try (var receiver = receiver(r -> new Answer(200, "text/plain", body, true))) {
            WebhookClient.Result result = client().call(post(receiver.url("/chunked")));

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).isEqualTo(body);
        }
    }

    @Test
    default void errorStatusesShouldBePassedThroughWithTheirBodies() {
        try (var receiver = receiver(r -> r.path().equals("/boom")
                ? Answer.of(500, "text/plain", "broken") : Answer.of(404, "text/plain", "nope"))) {
            WebhookClient.Result boom = client().call(post(receiver.url("/boom")));
            WebhookClient.Result missing = client().call(post(receiver.url("/missing")));

            assertThat(boom.status()).isEqualTo(500);
            assertThat(boom.body()).isEqualTo("broken");
            assertThat(boom.retryable()).isTrue();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("nope");
            assertThat(missing.retryable()).isFalse();
        }
    }

    @Test
    default void redirectShouldBeTheAnswerNotFollowed() {
        try (var receiver = receiver(r -> r.path().equals("/from")
                ? new Answer(302, null, "", false) : Answer.of(200, "text/plain", "followed"))) {
            WebhookClient.Result result = client().call(post(receiver.url("/from")));

            assertThat(result.status()).isEqualTo(302);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    default void bodyLargerThanTheExcerptLimitShouldBeCut() {
        String body = "é".repeat(100 * 1024);
        try (var receiver = receiver(r -> Answer.of(200, "text/plain; charset=utf-8", body))) {
            WebhookClient.Result first = client().call(post(receiver.url("/big")));
            WebhookClient.Result second = client().call(post(receiver.url("/big")));

            assertThat(first.body()).hasSize(64 * 1024).isEqualTo(body.substring(0, 64 * 1024));
            assertThat(second.body()).hasSize(64 * 1024);
        }
    }

    @Test
    default void silentServerShouldTimeOutAfterTheTimeout() throws Exception {
        try (var server = raw(r -> Reply.silence())) {
            long start = System.nanoTime();

            WebhookClient.Result result = client(Duration.ofSeconds(1)).call(post(server.url("/silent")));

            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(result.status()).isNull();
            assertThat(result.error()).contains("timed out");
            assertThat(millis).isBetween(900L, 3_000L);
        }
    }

    /** The job runner calls from virtual threads, whose blocked reads the deadline must end as well. */
    @Test
    default void silentServerShouldTimeOutOnAVirtualThreadAfterTheTimeout() throws Exception {
        try (var server = raw(r -> Reply.silence());
                ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            WebhookClient client = client(Duration.ofSeconds(1));
            long start = System.nanoTime();

            WebhookClient.Result result = virtual.submit(() -> client.call(post(server.url("/silent")))).get();

            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(result.status()).isNull();
            assertThat(result.error()).contains("timed out");
            assertThat(result.retryable()).isTrue();
            assertThat(millis).isBetween(900L, 3_000L);
        }
    }

    @Test
    default void serverSilentInTheMiddleOfItsBodyShouldTimeOutAfterTheTimeout() throws Exception {
        try (var server = raw(r -> Reply.keepOpen("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten.."))) {
            long start = System.nanoTime();

            WebhookClient.Result result = client(Duration.ofSeconds(1)).call(post(server.url("/half")));

            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(result.status()).isNull();
            assertThat(result.error()).contains("timed out");
            assertThat(millis).isBetween(900L, 3_000L);
        }
    }

    @Test
    default void refusedConnectionShouldBeAConnectionError() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        String scheme = receiverTls() == null ? "http" : "https";
        WebhookClient.Result result = client().call(post(scheme + "://127.0.0.1:" + port + "/nobody"));

        assertThat(result.status()).isNull();
        assertThat(result.error()).contains("connection");
        assertThat(result.retryable()).isTrue();
    }

    @Test
    default void invalidUrlShouldBeReportedNotThrown() {
        WebhookClient.Result result = client().call(post("http://bad host/x"));

        assertThat(result.status()).isNull();
        assertThat(result.error()).startsWith("invalid URL");
    }

    @Test
    default void twoHundredConcurrentCallsShouldAllSucceed() throws Exception {
        try (var receiver = receiver(r -> Answer.of(200, "text/plain", r.header("I-Twilio-Idempotency-Token")));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            WebhookClient client = client();
            List<Future<WebhookClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String token = "idem-" + i;
                results.add(threads.submit(() -> client.call(
                        new WebhookClient.Request(receiver.url("/many"), "POST", PARAMS, TOKEN, token))));
            }
            for (int i = 0; i < 200; i++) {
                WebhookClient.Result result = results.get(i).get();
                assertThat(result.error()).isNull();
                assertThat(result.status()).isEqualTo(200);
                assertThat(result.body()).isEqualTo("idem-" + i);
            }
            assertThat(receiver.received()).hasSize(200);
        }
    }

    String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

    @Test
    default void sequentialCallsShouldReuseOnePooledConnection() throws Exception {
        try (var server = raw(r -> Reply.keepOpen(OK))) {
            WebhookClient client = client();
            for (int i = 0; i < 5; i++) {
                assertThat(client.call(post(server.url("/k"))).status()).isEqualTo(200);
            }

            assertThat(server.requests()).hasSize(5);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    default void pooledConnectionClosedByTheReceiverShouldBeReplacedAndTheCallSucceed() throws Exception {
        try (var server = raw(r -> Reply.keepOpen(OK))) {
            WebhookClient client = client();
            assertThat(client.call(post(server.url("/k"))).status()).isEqualTo(200);
            server.dropConnections();

            WebhookClient.Result again = client.call(post(server.url("/k")));

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo("ok");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    default void receiverThatTricklesShouldBeCutOffAtTheDeadline() throws Exception {
        try (var server = raw(r -> Reply.trickle("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"))) {
            long start = System.nanoTime();

            WebhookClient.Result result = client(Duration.ofSeconds(1)).call(post(server.url("/slow")));

            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(result.status()).isNull();
            assertThat(result.error()).startsWith("timed out after");
            assertThat(result.retryable()).isTrue();
            assertThat(millis).isBetween(900L, 3_000L);
        }
    }

    @Test
    default void receiverThatClosesMidResponseShouldBeAConnectionError() throws Exception {
        try (var server = raw(r -> Reply.thenClose("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..."))) {
            WebhookClient.Result result = client().call(post(server.url("/cut")));

            assertThat(result.status()).isNull();
            assertThat(result.error()).startsWith("connection failed");
            assertThat(result.retryable()).isTrue();
        }
    }

    @Test
    default void chunkedBodyWithExtensionsAndTrailersShouldBeReadAndTheConnectionReused() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
        try (var server = raw(r -> Reply.keepOpen(chunked))) {
            WebhookClient client = client();
            assertThat(client.call(post(server.url("/"))).body()).isEqualTo("hello world");
            assertThat(client.call(post(server.url("/"))).body()).isEqualTo("hello world");

            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    default void malformedChunkSizeShouldBeAConnectionErrorNotAnException() throws Exception {
        for (String size : List.of("-1", "zz", "fffffffffffffffffff")) {
            try (var server = raw(r -> Reply.thenClose(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nabc\r\n0\r\n\r\n"))) {
                WebhookClient.Result result = client().call(post(server.url("/bad")));

                assertThat(result.status()).as(size).isNull();
                assertThat(result.error()).as(size).startsWith("connection failed");
            }
        }
    }

    @Test
    default void deniedAddressShouldBeRefusedBeforeConnectingAndNotRetried() throws Exception {
        try (var server = raw(r -> Reply.keepOpen(OK))) {
            WebhookClient client = client(Duration.ofSeconds(5), DenyList.parse(List.of("127.0.0.0/8")));

            WebhookClient.Result result = client.call(post(server.url("/hook")));

            assertThat(result.status()).isNull();
            assertThat(result.error()).isEqualTo("refused: address 127.0.0.1 denied by PARLEY_WEBHOOK_DENY");
            assertThat(result.refused()).isTrue();
            assertThat(result.retryable()).isFalse();
            assertThat(result.outcome(false)).isEqualTo("failed");
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    default void metadataAddressShouldBeRefusedByDefault() {
        WebhookClient.Result result = client().call(post("http://169.254.169.254/latest/meta-data/"));

        assertThat(result.error()).isEqualTo("refused: address 169.254.169.254 denied by PARLEY_WEBHOOK_DENY");
        assertThat(result.retryable()).isFalse();
    }

    @Test
    default void bodyDelimitedByCloseShouldBeReadToTheEnd() throws Exception {
        try (var http10 = raw(r -> Reply.thenClose("HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n<R/>"));
                var http11 = raw(r -> Reply.thenClose("HTTP/1.1 201 Created\r\nConnection: close\r\n\r\nbye"))) {
            WebhookClient.Result old = client().call(post(http10.url("/")));
            WebhookClient.Result closing = client().call(post(http11.url("/")));

            assertThat(old.status()).isEqualTo(200);
            assertThat(old.body()).isEqualTo("<R/>");
            assertThat(old.contentType()).isEqualTo("text/xml");
            assertThat(closing.status()).isEqualTo(201);
            assertThat(closing.body()).isEqualTo("bye");
        }
    }

    @Test
    default void informationalAnswersShouldBeSkipped() throws Exception {
        try (var server = raw(r -> Reply.keepOpen("HTTP/1.1 102 Processing\r\nX: y\r\n\r\n" + OK))) {
            WebhookClient.Result result = client().call(post(server.url("/")));

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).isEqualTo("ok");
        }
    }

    @Test
    default void bodyTooLargeShouldBeCutAndItsConnectionClosedNotDrained() throws Exception {
        int size = 3 * 1024 * 1024;
        String huge = "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n" + "a".repeat(size);
        try (var server = raw(r -> Reply.keepOpen(huge))) {
            WebhookClient client = client();
            WebhookClient.Result first = client.call(post(server.url("/huge")));
            WebhookClient.Result second = client.call(post(server.url("/huge")));

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).hasSize(64 * 1024);
            assertThat(second.body()).hasSize(64 * 1024);
            assertThat(server.connections()).isEqualTo(2);
        }
    }
}
