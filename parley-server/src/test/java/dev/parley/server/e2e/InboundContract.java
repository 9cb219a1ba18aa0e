package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A handset writes to a Parley number: inbound webhook, TwiML replies, fallback, opt-out keywords. */
interface InboundContract {

    Parley parley();

    WebhookReceiver receiver();

    private static String enc(String number) {
        return number.replace("+", "%2B");
    }

    private List<JsonNode> inbox(String handset) {
        JsonNode messages = parley().get("/parley/v1/Simulator/Handsets/" + enc(handset) + "/Messages").json()
                .get("messages");
        List<JsonNode> out = new ArrayList<>();
        messages.forEach(out::add);
        return out;
    }

    private Parley.Answer handsetSends(String handset, String to, String body) {
        return parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", to, "Body", body));
    }

    @Test
    default void handsetReplyReachesTheWebhookAndItsTwimlAnswerIsDelivered() {
        String hook = "/sms/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml",
                "<Response><Message>Thanks, got it!</Message><Message><Body>Second</Body></Message></Response>");
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(hook), null);
        String handset = Fixtures.handset();

        Parley.Answer sent = handsetSends(handset, number.getPhoneNumber().toString(), "Hello there");
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().get("status").asText()).isEqualTo("received");
        assertThat(sent.json().get("direction").asText()).isEqualTo("inbound");

        var request = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst();
        Map<String, String> params = request.singleFormParams();
        assertThat(params).containsEntry("From", handset)
                .containsEntry("To", number.getPhoneNumber().toString())
                .containsEntry("Body", "Hello there")
                .containsEntry("SmsStatus", "received")
                .containsEntry("NumMedia", "0")
                .containsEntry("NumSegments", "1")
                .containsEntry("AccountSid", Parley.ACCOUNT_SID)
                .containsEntry("ApiVersion", "2010-04-01")
                .containsEntry("MessageSid", sent.json().get("sid").asText())
                .containsEntry("SmsMessageSid", sent.json().get("sid").asText())
                .containsEntry("ToCountry", "US")
                .containsEntry("FromCountry", "US");
        assertThat(params.get("ToState")).isEqualTo("CA");
        assertThat(new RequestValidator(Parley.AUTH_TOKEN).validate(receiver().url(hook), params,
                request.header("x-twilio-signature"))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset).stream()
                .filter(m -> m.get("status").asText().equals("delivered")).count() == 2);
        List<JsonNode> replies = inbox(handset);
        assertThat(replies).extracting(m -> m.get("body").asText()).containsExactlyInAnyOrder("Thanks, got it!", "Second");
        assertThat(replies).allSatisfy(m -> {
            assertThat(m.get("direction").asText()).isEqualTo("outbound-reply");
            assertThat(m.get("from").asText()).isEqualTo(number.getPhoneNumber().toString());
        });
    }

    @Test
    default void failingWebhookFallsBackToSmsFallbackUrl() {
        String hook = "/broken/" + System.nanoTime();
        String fallback = "/fallback/" + System.nanoTime();
        receiver().respond(hook, 500, "text/plain", "boom");
        receiver().respond(fallback, 200, "application/xml", "<Response><Message>From the fallback</Message></Response>");
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(hook), null);
        IncomingPhoneNumber.updater(number.getSid()).setSmsFallbackUrl(java.net.URI.create(receiver().url(fallback)))
                .update(parley().client());
        String handset = Fixtures.handset();
        handsetSends(handset, number.getPhoneNumber().toString(), "anyone?");

        receiver().awaitRequests(fallback, 1, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset).stream()
                .anyMatch(m -> m.get("body").asText().equals("From the fallback")));
        JsonNode log = parley().get("/parley/v1/WebhookDeliveries?PageSize=100").json().get("webhook_deliveries");
        List<String> outcomes = new ArrayList<>();
        log.forEach(d -> {
            if (d.get("url").asText().equals(receiver().url(hook))) {
                outcomes.add(d.get("response_status").asInt() + " " + d.get("outcome").asText());
            }
        });
        assertThat(outcomes).containsExactly("500 failed");
    }

    @Test
    default void slowWebhookTimesOutAndTheFallbackAnswers() {
        String slow = "/slow/" + System.nanoTime();
        String fallback = "/fallback-after-timeout/" + System.nanoTime();
        receiver().respond(slow, 200, "text/xml", "<Response><Message>too late</Message></Response>");
        receiver().delay(slow, Duration.ofSeconds(5));
        receiver().respond(fallback, 200, "text/xml", "<Response><Message>fallback in time</Message></Response>");
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(slow), null);
        IncomingPhoneNumber.updater(number.getSid()).setSmsFallbackUrl(java.net.URI.create(receiver().url(fallback)))
                .update(parley().client());
        String handset = Fixtures.handset();
        String sid = handsetSends(handset, number.getPhoneNumber().toString(), "quick").json().get("sid").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> inbox(handset).stream()
                .anyMatch(m -> m.get("body").asText().equals("fallback in time")));
        assertThat(inbox(handset)).noneMatch(m -> m.get("body").asText().equals("too late"));
        JsonNode log = parley().get("/parley/v1/WebhookDeliveries?MessageSid=" + sid).json().get("webhook_deliveries");
        List<String> rows = new ArrayList<>();
        log.forEach(d -> rows.add(d.get("purpose").asText() + " " + d.get("outcome").asText() + " "
                + d.get("error").asText("")));
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("incoming-message failed 11200 timed out"));
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("incoming-message-fallback delivered"));
    }

    @Test
    default void malformedTwimlIsLoggedAsAWebhookErrorAndNothingIsSent() {
        String hook = "/malformed/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml", "<Response><Message>unclosed</Response>");
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(hook), null);
        String handset = Fixtures.handset();
        String sid = handsetSends(handset, number.getPhoneNumber().toString(), "hi").json().get("sid").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode log = parley().get("/parley/v1/WebhookDeliveries?MessageSid=" + sid).json()
                    .get("webhook_deliveries");
            return log.size() == 1 && log.get(0).get("error").asText().startsWith("12100");
        });
        assertThat(inbox(handset)).isEmpty();
        // The server is fine: the next message still flows.
        assertThat(handsetSends(handset, number.getPhoneNumber().toString(), "again").status()).isEqualTo(201);
    }

    @Test
    default void redirectIsFollowedAndItsTwimlActedOn() {
        String hook = "/redirecting/" + System.nanoTime();
        String next = "/next/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml", "<Response><Redirect>" + next + "</Redirect></Response>");
        receiver().respond(next, 200, "text/xml", "<Response><Message>after redirect</Message></Response>");
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(hook), null);
        String handset = Fixtures.handset();
        handsetSends(handset, number.getPhoneNumber().toString(), "go");
        var redirected = receiver().awaitRequests(next, 1, Duration.ofSeconds(10)).getFirst();
        assertThat(redirected.singleFormParams()).containsEntry("Body", "go");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset).stream()
                .anyMatch(m -> m.get("body").asText().equals("after redirect")));
    }

    @Test
    default void stopOptsOutUntilStartAndTheWebhookSeesOptOutType() {
        String hook = "/optout/" + System.nanoTime();
        IncomingPhoneNumber number = Fixtures.number(parley().client(), receiver().url(hook), null);
        var from = number.getPhoneNumber();
        String handset = Fixtures.handset();

        handsetSends(handset, from.toString(), "  stop ");
        var webhook = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst();
        assertThat(webhook.singleFormParams()).containsEntry("OptOutType", "STOP").containsEntry("Body", "  stop ");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset).stream().anyMatch(m -> m.get("body").asText()
                .equals("You have successfully been unsubscribed. You will not receive any more messages from this "
                        + "number. Reply START to resubscribe.")));
        assertCode(() -> Message.creator(phone(handset), from, "promo").create(parley().client()), 21610);

        handsetSends(handset, from.toString(), "START");
        receiver().awaitRequests(hook, 2, Duration.ofSeconds(10));
        assertThat(receiver().requests(hook).get(1).singleFormParams()).containsEntry("OptOutType", "START");
        Message ok = Message.creator(phone(handset), from, "welcome back").create(parley().client());
        assertThat(ok.getStatus()).isEqualTo(Message.Status.QUEUED);

        handsetSends(handset, from.toString(), "help");
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset).stream()
                .anyMatch(m -> m.get("body").asText().startsWith("Reply STOP to unsubscribe.")));
    }

    @Test
    default void simulatorRefusesNumbersTheAccountDoesNotOwn() {
        // Outside the 555 exchange that AreaCode provisioning draws from, so no other test on this server owns it.
        Parley.Answer answer = handsetSends(Fixtures.handset(), "+14152220199", "hello?");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asInt()).isEqualTo(21606);
    }
}
