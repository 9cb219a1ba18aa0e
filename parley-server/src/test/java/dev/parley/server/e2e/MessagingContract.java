package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sending through Twilio's SDK: lifecycle, status callbacks, Twilio's refusals. */
interface MessagingContract {

    Parley parley();

    WebhookReceiver receiver();

    @Test
    default void sentSmsGoesQueuedSendingSentDeliveredWithSignedCallbacks() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        String callbackPath = "/status/" + to;
        Message created = Message.creator(phone(to), number.getPhoneNumber(), "Hello from Parley")
                .setStatusCallback(URI.create(receiver().url(callbackPath)))
                .create(parley().client());

        assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(created.getSid()).matches("SM[0-9a-f]{32}");
        assertThat(created.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
        assertThat(created.getNumSegments()).isEqualTo("1");
        assertThat(created.getDateCreated()).isNotNull();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(created.getSid()).fetch(parley().client()).getStatus() == Message.Status.DELIVERED);
        Message delivered = Message.fetcher(created.getSid()).fetch(parley().client());
        assertThat(delivered.getPrice()).isEqualTo("-0.00790");
        assertThat(delivered.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
        assertThat(delivered.getDateSent()).isNotNull();
        assertThat(delivered.getErrorCode()).isNull();

        var callbacks = receiver().awaitRequests(callbackPath, 3, Duration.ofSeconds(10));
        List<String> statuses = new ArrayList<>();
        RequestValidator validator = new RequestValidator(Parley.AUTH_TOKEN);
        for (var request : callbacks) {
            Map<String, String> params = request.singleFormParams();
            statuses.add(params.get("MessageStatus"));
            assertThat(params).containsEntry("MessageSid", created.getSid())
                    .containsEntry("SmsSid", created.getSid())
                    .containsEntry("AccountSid", Parley.ACCOUNT_SID)
                    .containsEntry("From", number.getPhoneNumber().toString())
                    .containsEntry("To", to)
                    .containsEntry("ApiVersion", "2010-04-01");
            assertThat(params.get("SmsStatus")).isEqualTo(params.get("MessageStatus"));
            assertThat(validator.validate(receiver().url(callbackPath), params,
                    request.header("x-twilio-signature"))).as("signature of %s", params).isTrue();
            assertThat(request.header("i-twilio-idempotency-token")).isNotBlank();
            if (params.get("MessageStatus").equals("delivered")) {
                assertThat(params.get("RawDlrDoneDate")).matches("\\d{10}");
            } else {
                assertThat(params).doesNotContainKey("RawDlrDoneDate");
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder("sending", "sent", "delivered");

        var inbox = parley().get("/parley/v1/Simulator/Handsets/" + to.replace("+", "%2B") + "/Messages");
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.json().get("messages").get(0).get("body").asText()).isEqualTo("Hello from Parley");
    }

    @Test
    default void failingHandsetEndsFailedWithItsErrorCodeInTheCallback() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        var configured = parley().post("/parley/v1/Simulator/Handsets/" + to.replace("+", "%2B"),
                Map.of("Behavior", "undeliver", "ErrorCode", "30005"));
        assertThat(configured.status()).isEqualTo(200);
        Message created = Message.creator(phone(to), number.getPhoneNumber(), "Are you there?")
                .setStatusCallback(URI.create(receiver().url("/undelivered/" + to)))
                .create(parley().client());

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(created.getSid()).fetch(parley().client()).getStatus() == Message.Status.UNDELIVERED);
        Message undelivered = Message.fetcher(created.getSid()).fetch(parley().client());
        assertThat(undelivered.getErrorCode()).isEqualTo(30005);
        assertThat(undelivered.getErrorMessage()).isEqualTo("Unknown destination handset");
        var last = receiver().awaitRequests("/undelivered/" + to, 3, Duration.ofSeconds(10)).stream()
                .map(r -> r.singleFormParams())
                .filter(p -> p.get("MessageStatus").equals("undelivered"))
                .findFirst().orElseThrow();
        assertThat(last).containsEntry("ErrorCode", "30005");
    }

    @Test
    default void refusingHandsetFailsAtOnceAndSilentHandsetStaysSent() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String refusing = Fixtures.handset();
        String silent = Fixtures.handset();
        parley().post("/parley/v1/Simulator/Handsets/" + refusing.replace("+", "%2B"),
                Map.of("Behavior", "fail", "ErrorCode", "30004"));
        parley().post("/parley/v1/Simulator/Handsets/" + silent.replace("+", "%2B"), Map.of("Behavior", "silent"));
        Message refused = Message.creator(phone(refusing), number.getPhoneNumber(), "blocked?").create(parley().client());
        Message unanswered = Message.creator(phone(silent), number.getPhoneNumber(), "hello?").create(parley().client());

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(refused.getSid()).fetch(parley().client()).getStatus() == Message.Status.FAILED);
        Message failed = Message.fetcher(refused.getSid()).fetch(parley().client());
        assertThat(failed.getErrorCode()).isEqualTo(30004);
        assertThat(failed.getErrorMessage()).isEqualTo("Message blocked");
        assertThat(failed.getDateSent()).isNull();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(unanswered.getSid()).fetch(parley().client()).getStatus() == Message.Status.SENT);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() ->
                Message.fetcher(unanswered.getSid()).fetch(parley().client()).getStatus() == Message.Status.SENT);
    }

    @Test
    default void listFiltersByDateSent() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        Message m = Message.creator(phone(to), number.getPhoneNumber(), "dated").create(parley().client());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(m.getSid()).fetch(parley().client()).getDateSent() != null);
        java.time.LocalDate today = Message.fetcher(m.getSid()).fetch(parley().client()).getDateSent().toLocalDate();
        String base = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json?To=" + to.replace("+", "%2B");
        assertThat(parley().get(base + "&DateSent=" + today).json().get("messages")).hasSize(1);
        assertThat(parley().get(base + "&DateSent=" + today.minusDays(1)).json().get("messages")).isEmpty();
        assertThat(parley().get(base + "&DateSent%3E=" + today).json().get("messages")).hasSize(1);
        assertThat(parley().get(base + "&DateSent%3C=" + today.minusDays(1)).json().get("messages")).isEmpty();
        assertThat(parley().get(base + "&DateSent%3C=" + today).json().get("messages")).hasSize(1);
        List<String> viaSdk = new ArrayList<>();
        Message.reader().setTo(phone(to)).setDateSentAfter(java.time.ZonedDateTime.now().minusHours(1))
                .read(parley().client()).forEach(x -> viaSdk.add(x.getSid()));
        assertThat(viaSdk).containsExactly(m.getSid());
        assertThat(parley().get(base + "&DateSent=yesterday").json().get("code").asInt()).isEqualTo(20001);
    }

    @Test
    default void refusesInvalidToWith21211AndStoresNothing() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        int before = Message.reader().setFrom(number.getPhoneNumber()).read(parley().client()).getPageSize();
        assertThatThrownBy(() -> Message.creator(phone("12345"), number.getPhoneNumber(), "x").create(parley().client()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21211);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21211");
                });
        var listed = parley().get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json?From="
                + number.getPhoneNumber().toString().replace("+", "%2B"));
        assertThat(listed.json().get("messages")).isEmpty();
        assertThat(before).isGreaterThanOrEqualTo(0);
    }

    @Test
    default void refusesEachBadInputWithTwiliosCode() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        var from = number.getPhoneNumber();
        String to = Fixtures.handset();
        assertCode(() -> Message.creator(phone(to), phone("+1415"), "x").create(parley().client()), 21212);
        assertCode(() -> Message.creator(phone(to), phone("+14152220123"), "x").create(parley().client()), 21606);
        assertCode(() -> Message.creator(phone(to), from, "").create(parley().client()), 21602);
        assertCode(() -> Message.creator(phone(to), from, "x".repeat(1601)).create(parley().client()), 21617);
        var noTo = parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json",
                Map.of("From", from.toString(), "Body", "x"));
        assertThat(noTo.status()).isEqualTo(400);
        assertThat(noTo.json().get("code").asInt()).isEqualTo(21604);
        assertCode(() -> Message.fetcher("SM" + "0".repeat(32)).fetch(parley().client()), 20404);
        assertCode(() -> Message.creator(phone(to), from, "x").create(parley().client("AC" + "1".repeat(32), "nope")),
                20003);
        // 1600 characters exactly is accepted.
        Message longest = Message.creator(phone(to), from, "y".repeat(1600)).create(parley().client());
        assertThat(longest.getNumSegments()).isEqualTo("11");
    }

    @Test
    default void magicTestNumbersAnswerAsTwilioDocuments() {
        var valid = phone("+15005550006");
        String to = Fixtures.handset();
        assertCode(() -> Message.creator(phone("+15005550001"), valid, "x").create(parley().client()), 21211);
        assertCode(() -> Message.creator(phone("+15005550002"), valid, "x").create(parley().client()), 21612);
        assertCode(() -> Message.creator(phone("+15005550003"), valid, "x").create(parley().client()), 21408);
        assertCode(() -> Message.creator(phone("+15005550004"), valid, "x").create(parley().client()), 21610);
        assertCode(() -> Message.creator(phone("+15005550009"), valid, "x").create(parley().client()), 21614);
        assertCode(() -> Message.creator(phone(to), phone("+15005550001"), "x").create(parley().client()), 21212);
        assertCode(() -> Message.creator(phone(to), phone("+15005550007"), "x").create(parley().client()), 21606);
        assertCode(() -> Message.creator(phone(to), phone("+15005550008"), "x").create(parley().client()), 21611);
        Message ok = Message.creator(phone(to), valid, "magic").create(parley().client());
        assertThat(ok.getStatus()).isEqualTo(Message.Status.QUEUED);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(ok.getSid()).fetch(parley().client()).getStatus() == Message.Status.DELIVERED);
    }

    @Test
    default void segmentsAreCountedForGsmUnicodeAndSmartEncoding() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        var from = number.getPhoneNumber();
        assertThat(Message.creator(phone(to), from, "a".repeat(160)).create(parley().client()).getNumSegments())
                .isEqualTo("1");
        assertThat(Message.creator(phone(to), from, "a".repeat(161)).create(parley().client()).getNumSegments())
                .isEqualTo("2");
        assertThat(Message.creator(phone(to), from, "😀".repeat(35)).create(parley().client()).getNumSegments())
                .isEqualTo("1");
        assertThat(Message.creator(phone(to), from, "😀".repeat(36)).create(parley().client()).getNumSegments())
                .isEqualTo("2");
        String curly = "\u201cQuoted\u201d \u2014 " + "a".repeat(150);
        assertThat(Message.creator(phone(to), from, curly).create(parley().client()).getNumSegments()).isEqualTo("3");
        Message smart = Message.creator(phone(to), from, curly).setSmartEncoded(true).create(parley().client());
        assertThat(smart.getNumSegments()).isEqualTo("2");
        assertThat(smart.getBody()).startsWith("\"Quoted\" - ");
    }

    @Test
    default void listsFiltersAndPagesThroughTheSdk() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(Message.creator(phone(to), number.getPhoneNumber(), "page " + i).create(parley().client()).getSid());
        }
        List<String> seen = new ArrayList<>();
        Message.reader().setTo(phone(to)).pageSize(3).read(parley().client()).forEach(m -> seen.add(m.getSid()));
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(seen.getFirst()).isEqualTo(sent.getLast());
        List<String> other = new ArrayList<>();
        Message.reader().setTo(phone(Fixtures.handset())).read(parley().client()).forEach(m -> other.add(m.getSid()));
        assertThat(other).isEmpty();
    }

    @Test
    default void redactsBodyAndDeletesFinishedMessages() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        Message m = Message.creator(phone(to), number.getPhoneNumber(), "secret code 1234").create(parley().client());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(m.getSid()).fetch(parley().client()).getStatus() == Message.Status.DELIVERED);
        Message redacted = Message.updater(m.getSid()).setBody("").update(parley().client());
        assertThat(redacted.getBody()).isEmpty();
        assertThat(redacted.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertCode(() -> Message.updater(m.getSid()).setStatus(Message.UpdateStatus.CANCELED).update(parley().client()),
                30409);
        assertThat(Message.deleter(m.getSid()).delete(parley().client())).isTrue();
        assertCode(() -> Message.fetcher(m.getSid()).fetch(parley().client()), 20404);
    }

    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(code));
    }
}
