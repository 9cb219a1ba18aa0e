package dev.parley.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.webhook.LoopbackReceiver.Answer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What {@link WebhookClient} guarantees over {@code http://}, whichever {@link HttpTransport} carries it.
 * Every test runs against a server on loopback.
 */
interface WebhookClientContract {
    String TOKEN = "auth-token-123";
    Map<String, List<String>> PARAMS = Map.of(
            "MessageSid", List.of("SM0123"),
            "Body", List.of("héllo & goodbye"),
            "MediaUrl", List.of("http://a/1", "http://a/0"));

    /** A client whose {@code http://} requests go through the transport under test. */
    WebhookClient client(Duration timeout);

    private WebhookClient client() {
        return client(Duration.ofSeconds(15));
    }

    private static WebhookClient.Request post(String url) {
        return new WebhookClient.Request(url, "POST", PARAMS, TOKEN, "idem-1");
    }

    @Test
    default void postShouldSendSignedFormWithTwiliosHeaders() {
        try (var receiver = new LoopbackReceiver(r -> Answer.of(200, "text/xml", "<Response/>"))) {
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
            assertThat(request.header("Host")).isEqualTo(url.substring("http://".length(), url.indexOf("/hook")));
            assertThat(RequestSignature.matches(TOKEN, url, request.form(), request.header("X-Twilio-Signature")))
                    .isTrue();
        }
    }

    @Test
    default void getShouldPutParametersInTheQueryAndSignTheWholeUrl() {
        try (var receiver = new LoopbackReceiver(r -> Answer.of(200, "text/plain", "ok"))) {
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
        try (var receiver = new LoopbackReceiver(r -> new Answer(200, "text/plain", body, true))) {
            WebhookClient.Result result = client().call(post(receiver.url("/chunked")));

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.body()).isEqualTo(body);
        }
    }

    @Test
    default void errorStatusesShouldBePassedThroughWithTheirBodies() {
        try (var receiver = new LoopbackReceiver(r -> r.path().equals("/boom")
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
        try (var receiver = new LoopbackReceiver(r -> r.path().equals("/from")
                ? new Answer(302, null, "", false) : Answer.of(200, "text/plain", "followed"))) {
            WebhookClient.Result result = client().call(post(receiver.url("/from")));

            assertThat(result.status()).isEqualTo(302);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    default void bodyLargerThanTheExcerptLimitShouldBeCut() {
        String body = "é".repeat(100 * 1024);
        try (var receiver = new LoopbackReceiver(r -> Answer.of(200, "text/plain; charset=utf-8", body))) {
            WebhookClient.Result first = client().call(post(receiver.url("/big")));
            WebhookClient.Result second = client().call(post(receiver.url("/big")));

            assertThat(first.body()).hasSize(64 * 1024).isEqualTo(body.substring(0, 64 * 1024));
            assertThat(second.body()).hasSize(64 * 1024);
        }
    }

    @Test
    default void silentServerShouldTimeOutAfterTheTimeout() throws Exception {
        try (var server = new RawHttpServer(r -> RawHttpServer.Reply.silence())) {
            long start = System.nanoTime();

            WebhookClient.Result result = client(Duration.ofSeconds(1)).call(post(server.url("/silent")));

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

        WebhookClient.Result result = client().call(post("http://127.0.0.1:" + port + "/nobody"));

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
        try (var receiver = new LoopbackReceiver(r -> Answer.of(200, "text/plain", r.header("I-Twilio-Idempotency-Token")));
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
}
