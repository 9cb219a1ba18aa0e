package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.WebhookReceiver.ReceivedRequest;
import dev.parley.testing.WebhookReceiver.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {

    private static final Instant NOW = Instant.parse("2025-07-03T20:12:31Z");

    private final WebhookReceiver receiver = new WebhookReceiver(Clock.fixed(NOW, ZoneOffset.UTC));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        receiver.close();
        http.close();
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(receiver.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", "abc=")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(receiver.url(pathAndQuery))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsAFormPostAndAnswersEmptyTwimlByDefault() throws Exception {
        HttpResponse<String> response = post("/sms", "From=%2B15551230001&Body=hello+world&MediaUrl0=a&MediaUrl0=b");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/xml");
        assertThat(response.body()).isEqualTo("<Response/>");
        ReceivedRequest request = receiver.requests("/sms").getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/sms");
        assertThat(request.query()).isNull();
        assertThat(request.formParam("From")).isEqualTo("+15551230001");
        assertThat(request.formParam("Body")).isEqualTo("hello world");
        assertThat(request.formParams().get("MediaUrl0")).containsExactly("a", "b");
        assertThat(request.header("X-Twilio-Signature")).isEqualTo("abc=");
        assertThat(request.headers()).containsKey("x-twilio-signature");
        assertThat(request.body()).startsWith("From=%2B15551230001");
        assertThat(request.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void getParametersComeFromTheQuery() throws Exception {
        get("/status?MessageStatus=delivered&MessageSid=SM1");

        ReceivedRequest request = receiver.requests("/status").getFirst();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.query()).isEqualTo("MessageStatus=delivered&MessageSid=SM1");
        assertThat(request.singleFormParams()).containsEntry("MessageStatus", "delivered").containsEntry("MessageSid", "SM1");
    }

    @Test
    void answersWithConfiguredResponsesPerPath() throws Exception {
        receiver.respond("/sms", 200, "text/xml", "<Response><Message>pong</Message></Response>");
        receiver.respondWith("/echo", request -> new Response(201, "text/plain", "got " + request.formParam("Body")));
        receiver.respond("/broken", 503, "text/plain", "");

        assertThat(post("/sms", "Body=ping").body()).isEqualTo("<Response><Message>pong</Message></Response>");
        HttpResponse<String> echoed = post("/echo", "Body=ping");
        assertThat(echoed.statusCode()).isEqualTo(201);
        assertThat(echoed.body()).isEqualTo("got ping");
        assertThat(post("/broken", "").statusCode()).isEqualTo(503);
        assertThat(post("/other", "").body()).isEqualTo("<Response/>");
    }

    @Test
    void aFailingResponderAnswers500() throws Exception {
        receiver.respondWith("/boom", request -> {
            throw new IllegalStateException("kaput");
        });

        HttpResponse<String> response = post("/boom", "");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("kaput");
    }

    @Test
    void delayedAnswersAreRecordedBeforeTheyAreAnswered() throws Exception {
        receiver.delay("/slow", Duration.ofSeconds(5));

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(receiver.url("/slow")))
                        .timeout(Duration.ofMillis(200)).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(receiver.requests("/slow")).hasSize(1);
        assertThat(get("/fast").statusCode()).isEqualTo(200);
    }

    @Test
    void awaitRequestsReturnsOnceEnoughArrived() {
        CompletableFuture.runAsync(() -> {
            try {
                post("/sms", "n=1");
                post("/sms", "n=2");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<ReceivedRequest> requests = receiver.awaitRequests("/sms", 2, Duration.ofSeconds(5));

        assertThat(requests).extracting(r -> r.formParam("n")).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void awaitRequestsTimesOutListingWhatArrived() throws Exception {
        post("/sms", "n=1");
        post("/status", "MessageStatus=sent");

        assertThatThrownBy(() -> receiver.awaitRequests("/sms", 2, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 2 request(s) to /sms")
                .hasMessageContaining("got 1")
                .hasMessageContaining("POST /sms {n=[1]}")
                .hasMessageContaining("/status=1");
    }

    @Test
    void clearForgetsRequestsButKeepsResponses() throws Exception {
        receiver.respond("/sms", 204, "text/plain", "");
        post("/sms", "n=1");

        receiver.clear();

        assertThat(receiver.requests()).isEmpty();
        assertThat(post("/sms", "n=2").statusCode()).isEqualTo(204);
        assertThat(receiver.requests("/sms")).hasSize(1);
    }

    @Test
    void urlPointsAtLocalhostAndTheBoundPort() {
        assertThat(receiver.url("/sms")).isEqualTo("http://localhost:" + receiver.port() + "/sms");
        assertThat(receiver.url("sms")).isEqualTo(receiver.url("/sms"));
    }
}
