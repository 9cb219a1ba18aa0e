package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The webhook dispatcher: retries, the delivery log, dead letters, idempotency tokens. */
interface DispatcherContract {

    Parley parley();

    WebhookReceiver receiver();

    private List<JsonNode> deliveries(String messageSid) {
        List<JsonNode> out = new ArrayList<>();
        parley().get("/parley/v1/WebhookDeliveries?PageSize=100&MessageSid=" + messageSid).json()
                .get("webhook_deliveries").forEach(out::add);
        return out;
    }

    @Test
    default void callbackAnswered5xxIsRetriedWithTheSameIdempotencyTokenAndLogged() {
        String path = "/flaky/" + System.nanoTime();
        AtomicInteger calls = new AtomicInteger();
        receiver().respondWith(path, request -> request.singleFormParams().get("MessageStatus").equals("delivered")
                && calls.incrementAndGet() == 1
                ? new WebhookReceiver.Response(503, "text/plain", "try later")
                : new WebhookReceiver.Response(200, "text/plain", ""));
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Message m = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "retry me")
                .setStatusCallback(URI.create(receiver().url(path))).create(parley().client());

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver().requests(path).stream()
                .filter(r -> r.singleFormParams().get("MessageStatus").equals("delivered")).count() == 2);
        var deliveredCalls = receiver().requests(path).stream()
                .filter(r -> r.singleFormParams().get("MessageStatus").equals("delivered")).toList();
        assertThat(deliveredCalls.get(0).header("i-twilio-idempotency-token"))
                .isEqualTo(deliveredCalls.get(1).header("i-twilio-idempotency-token"));
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(m.getSid()).size() == 4);
        List<String> log = new ArrayList<>();
        for (JsonNode d : deliveries(m.getSid())) {
            log.add(d.get("attempt").asInt() + ":" + d.get("response_status").asInt() + ":" + d.get("outcome").asText());
            assertThat(d.get("url").asText()).isEqualTo(receiver().url(path));
            assertThat(d.get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        }
        assertThat(log).containsExactlyInAnyOrder("1:200:delivered", "1:200:delivered", "1:503:retrying",
                "2:200:delivered");
    }

    @Test
    default void sendingAndSentArriveInOrderAndAFailedSentIsRetriedOnItsOwn() {
        String path = "/ordered/" + System.nanoTime();
        AtomicInteger sentCalls = new AtomicInteger();
        receiver().respondWith(path, request -> request.singleFormParams().get("MessageStatus").equals("sent")
                && sentCalls.incrementAndGet() == 1
                ? new WebhookReceiver.Response(503, "text/plain", "try later")
                : new WebhookReceiver.Response(200, "text/plain", ""));
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Message m = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "in order")
                .setStatusCallback(URI.create(receiver().url(path))).create(parley().client());

        await().atMost(Duration.ofSeconds(15)).until(() -> receiver().requests(path).size() == 4);
        var calls = receiver().requests(path);
        List<String> order = calls.stream().map(r -> r.singleFormParams().get("MessageStatus")).toList();
        assertThat(order.indexOf("sending")).isLessThan(order.indexOf("sent"));
        assertThat(order).containsExactlyInAnyOrder("sending", "sent", "sent", "delivered");
        var sent = calls.stream().filter(r -> r.singleFormParams().get("MessageStatus").equals("sent")).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).header("i-twilio-idempotency-token"))
                .isEqualTo(sent.get(1).header("i-twilio-idempotency-token"))
                .isNotEqualTo(calls.getFirst().header("i-twilio-idempotency-token"));
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(m.getSid()).size() == 4);
        List<String> log = new ArrayList<>();
        for (JsonNode d : deliveries(m.getSid())) {
            log.add(d.get("attempt").asInt() + ":" + d.get("response_status").asInt() + ":" + d.get("outcome").asText());
        }
        assertThat(log).containsExactlyInAnyOrder("1:200:delivered", "1:503:retrying", "2:200:delivered",
                "1:200:delivered");
    }

    @Test
    default void unreachableCallbackEndsAsAVisibleDeadLetter() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Message m = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "nobody listens")
                .setStatusCallback(URI.create("http://127.0.0.1:9/nowhere")).create(parley().client());
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(m.getSid()).stream()
                .filter(d -> d.get("outcome").asText().equals("dead")).count() == 3);
        JsonNode any = deliveries(m.getSid()).getFirst();
        assertThat(any.get("response_status").isNull()).isTrue();
        assertThat(any.get("error").asText()).contains("connection");
        var dead = new HashSet<String>();
        parley().get("/parley/v1/DeadLetters?PageSize=1000").json().get("dead_letters").forEach(j -> {
            if (j.get("payload").asText().contains(m.getSid())) {
                dead.add(j.get("kind").asText() + "/" + j.get("attempts").asInt());
            }
        });
        assertThat(dead).containsExactly("webhook/3");
    }

    @Test
    default void clientErrorIsNotRetried() {
        String path = "/gone/" + System.nanoTime();
        receiver().respond(path, 410, "text/plain", "gone");
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Message m = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "4xx")
                .setStatusCallback(URI.create(receiver().url(path))).create(parley().client());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(m.getSid()).size() == 3);
        assertThat(deliveries(m.getSid())).allSatisfy(d -> {
            assertThat(d.get("outcome").asText()).isEqualTo("failed");
            assertThat(d.get("attempt").asInt()).isEqualTo(1);
        });
    }
}
