package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throughput limits per sender: a number's {@code MessagesPerSecond} spaces its messages on the server's clock, its
 * queue holds 10 hours of sending (then 21611), and one account's burst leaves another account's sender alone.
 * The tests that check exact spacing freeze the server's clock and move it themselves.
 */
interface RateLimitContract {

    Parley parley();

    private static String numbersPath(String accountSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers";
    }

    /** A fresh number of the account whose own rate is {@code rate} segments per second (Parley's parameter). */
    private IncomingPhoneNumber numberAt(TwilioRestClient client, String accountSid, String token, String rate) {
        IncomingPhoneNumber number = Fixtures.number(client, null, null);
        Parley.Answer updated = parley().post(numbersPath(accountSid) + "/" + number.getSid() + ".json",
                Map.of("MessagesPerSecond", rate), accountSid, token);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("messages_per_second").asDouble()).isEqualTo(Double.parseDouble(rate));
        return number;
    }

    private IncomingPhoneNumber numberAt(String rate) {
        return numberAt(parley().client(), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN, rate);
    }

    private static Message fetch(TwilioRestClient client, Message m) {
        return Message.fetcher(m.getSid()).fetch(client);
    }

    private static long countLeft(TwilioRestClient client, List<Message> messages) {
        return messages.stream().map(m -> fetch(client, m).getStatus())
                .filter(st -> st == Message.Status.SENT || st == Message.Status.DELIVERED).count();
    }

    /** Until the message has left its sender: sent, or already delivered when the clock flows. */
    private static void awaitSent(TwilioRestClient client, Message m) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message.Status status = fetch(client, m).getStatus();
            return status == Message.Status.SENT || status == Message.Status.DELIVERED;
        });
    }

    @Test
    default void fiveMessagesFromAOnePerSecondNumberLeaveOneSecondApartOnTheServersClock() {
        IncomingPhoneNumber number = numberAt("1");
        String to = Fixtures.handset();
        TwilioRestClient client = parley().client();
        parley().clock().freeze();
        try {
            List<Message> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(Message.creator(phone(to), number.getPhoneNumber(), "paced " + i).create(client));
            }
            assertThat(created).extracting(Message::getStatus).containsOnly(Message.Status.QUEUED);

            for (int i = 0; i < 5; i++) {
                awaitSent(client, created.get(i));
                if (i < 4) {
                    // Its slot is a second later on a clock that has not moved: it cannot have left yet.
                    assertThat(fetch(client, created.get(i + 1)).getStatus()).isEqualTo(Message.Status.QUEUED);
                    parley().advance(Duration.ofSeconds(1));
                }
            }
            List<ZonedDateTime> sent = created.stream().map(m -> fetch(client, m).getDateSent()).toList();
            for (int i = 1; i < 5; i++) {
                assertThat(Duration.between(sent.get(i - 1), sent.get(i))).as("gap before message %d", i)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            }
            JsonNode inbox = parley().get("/parley/v1/Simulator/Handsets/" + to.replace("+", "%2B") + "/Messages")
                    .json().get("messages");
            assertThat(inbox).hasSize(5);
        } finally {
            parley().clock().thaw();
        }
    }

    @Test
    default void pastTenHoursOfQueueCreateAnswers21611AndWritesNothingUntilTheQueueDrains() {
        // One segment per 1,000 s: 36 messages fill the 10 hours.
        IncomingPhoneNumber number = numberAt("0.001");
        String to = Fixtures.handset();
        TwilioRestClient client = parley().client();
        List<Message> accepted = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            accepted.add(Message.creator(phone(to), number.getPhoneNumber(), "queued " + i).create(client));
        }

        assertThatThrownBy(() -> Message.creator(phone(to), number.getPhoneNumber(), "one too many").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21611);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .isEqualTo("This 'From' number has exceeded the maximum number of queued messages");
                });
        assertThat(Message.reader().setFrom(number.getPhoneNumber()).read(client)).hasSize(36);
        awaitSent(client, accepted.getFirst());
        assertThat(fetch(client, accepted.get(1)).getStatus()).isEqualTo(Message.Status.QUEUED);

        // 1,000 s later the first slot of the queue has passed: there is room for one more.
        parley().advance(Duration.ofSeconds(1000));
        awaitSent(client, accepted.get(1));
        Message oneMore = Message.creator(phone(to), number.getPhoneNumber(), "room again").create(client);
        assertThat(oneMore.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThatThrownBy(() -> Message.creator(phone(to), number.getPhoneNumber(), "full again").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21611));
    }

    @Test
    default void throughAMessagingServiceAFullQueueFailsTheMessageAfterCreationWith30001() {
        IncomingPhoneNumber number = numberAt("0.001");
        TwilioRestClient client = parley().client();
        Service service = Service.creator("rate-limited pool").create(client);
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service.getSid(), number.getSid()).create(client);
        List<Message> accepted = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            accepted.add(Message.creator(phone(Fixtures.handset()), service.getSid(), "pooled " + i).create(client));
        }
        assertThat(accepted).extracting(Message::getStatus).containsOnly(Message.Status.ACCEPTED);

        Message overflow = Message.creator(phone(Fixtures.handset()), service.getSid(), "one too many").create(client);

        assertThat(overflow.getStatus()).isEqualTo(Message.Status.ACCEPTED);
        Message failed = fetch(client, overflow);
        assertThat(failed.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(failed.getErrorCode()).isEqualTo(30001);
        assertThat(failed.getErrorMessage()).isEqualTo("Queue overflow");
        assertThat(failed.getMessagingServiceSid()).isEqualTo(service.getSid());
        assertThat(fetch(client, accepted.get(1)).getStatus()).isEqualTo(Message.Status.ACCEPTED);
    }

    @Test
    default void scheduledMessagesTakeTheirSendersSlotsWhenTheirTimeComes() {
        IncomingPhoneNumber number = numberAt("1");
        TwilioRestClient client = parley().client();
        Service service = Service.creator("scheduled pool").create(client);
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service.getSid(), number.getSid()).create(client);
        parley().clock().freeze();
        try {
            ZonedDateTime sendAt = parley().clock().instant().plus(Duration.ofMinutes(10)).atZone(ZoneOffset.UTC);
            List<Message> scheduled = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                scheduled.add(Message.creator(phone(Fixtures.handset()), service.getSid(), "at ten " + i)
                        .setScheduleType(Message.ScheduleType.FIXED).setSendAt(sendAt).create(client));
            }
            assertThat(scheduled).extracting(Message::getStatus).containsOnly(Message.Status.SCHEDULED);

            parley().advance(Duration.ofMinutes(10));
            // All three are due at once; their sender takes one a second, on a clock that moves only when told.
            for (int i = 1; i <= 3; i++) {
                int left = i;
                await().atMost(Duration.ofSeconds(10)).until(() -> countLeft(client, scheduled) == left
                        && scheduled.stream().filter(m -> fetch(client, m).getStatus() == Message.Status.QUEUED)
                                .count() == 3 - left);
                parley().advance(Duration.ofSeconds(1));
            }
            List<ZonedDateTime> sent = scheduled.stream().map(m -> fetch(client, m).getDateSent()).sorted().toList();
            assertThat(Duration.between(sent.get(0), sent.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(Duration.between(sent.get(1), sent.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        } finally {
            parley().clock().thaw();
        }
    }

    @Test
    default void aStopToANumberWhoseQueueIsFullStillOptsTheHandsetOut() {
        IncomingPhoneNumber number = numberAt("0.001");
        TwilioRestClient client = parley().client();
        for (int i = 0; i < 36; i++) {
            Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "filling " + i).create(client);
        }
        String handset = Fixtures.handset();

        Parley.Answer stop = parley().post("/parley/v1/Simulator/Messages",
                Map.of("From", handset, "To", number.getPhoneNumber().toString(), "Body", "STOP"));

        // The STOP is received and counts; only its confirmation could not be queued.
        assertThat(stop.status()).isEqualTo(201);
        assertThatThrownBy(() -> Message.creator(phone(handset), number.getPhoneNumber(), "still there?")
                .create(client)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21610));
        assertThat(Message.reader().setFrom(number.getPhoneNumber()).read(client)).hasSize(36);
    }

    @Test
    default void oneAccountsBurstDoesNotDelayAnotherAccountsSender() {
        Account a = Account.creator().setFriendlyName("Flooding tenant").create(parley().client());
        Account b = Account.creator().setFriendlyName("Quiet tenant").create(parley().client());
        TwilioRestClient clientA = parley().client(a.getSid(), a.getAuthToken());
        TwilioRestClient clientB = parley().client(b.getSid(), b.getAuthToken());
        IncomingPhoneNumber limitedA = numberAt(clientA, a.getSid(), a.getAuthToken(), "1");
        IncomingPhoneNumber unlimitedA = Fixtures.number(clientA, null, null);
        IncomingPhoneNumber numberB = numberAt(clientB, b.getSid(), b.getAuthToken(), "1");
        parley().clock().freeze();
        try {
            List<Message> flood = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                flood.add(Message.creator(phone(Fixtures.handset()), limitedA.getPhoneNumber(), "burst " + i)
                        .create(clientA));
                Message.creator(phone(Fixtures.handset()), unlimitedA.getPhoneNumber(), "burst " + i).create(clientA);
            }

            Message quiet = Message.creator(phone(Fixtures.handset()), numberB.getPhoneNumber(), "hello")
                    .create(clientB);

            // B's sender is free: its message leaves at once, on a clock that has not moved, while A's burst waits
            // for its own sender's slots.
            awaitSent(clientB, quiet);
            Message sentB = fetch(clientB, quiet);
            assertThat(sentB.getDateSent()).isEqualTo(sentB.getDateCreated());
            awaitSent(clientA, flood.getFirst());
            assertThat(flood.subList(1, 20)).allSatisfy(m ->
                    assertThat(fetch(clientA, m).getStatus()).isEqualTo(Message.Status.QUEUED));
            // A's own queue holds 19 s of sending; B's next message is not behind it either.
            Message next = Message.creator(phone(Fixtures.handset()), numberB.getPhoneNumber(), "again")
                    .create(clientB);
            parley().advance(Duration.ofSeconds(1));
            awaitSent(clientB, next);
        } finally {
            parley().clock().thaw();
        }
    }

    @Test
    default void messagesPerSecondIsAParleyFieldOfTheNumberThatEmptyResetsAndBadValuesAreRefused() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String path = numbersPath(Parley.ACCOUNT_SID) + "/" + number.getSid() + ".json";
        assertThat(parley().get(path).json().get("messages_per_second").isNull()).isTrue();

        assertThat(parley().post(path, Map.of("MessagesPerSecond", "2.5")).json().get("messages_per_second")
                .asDouble()).isEqualTo(2.5);
        assertThat(parley().get(path).json().get("messages_per_second").asDouble()).isEqualTo(2.5);
        // Twilio's SDK reads the number as usual, the extra field aside.
        assertThat(IncomingPhoneNumber.fetcher(number.getSid()).fetch(parley().client()).getPhoneNumber())
                .isEqualTo(number.getPhoneNumber());

        for (String bad : List.of("-1", "fast", "10001")) {
            Parley.Answer refused = parley().post(path, Map.of("MessagesPerSecond", bad, "FriendlyName", "changed"));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("code").asInt()).isEqualTo(20001);
        }
        assertThat(parley().get(path).json().get("friendly_name").asText()).isNotEqualTo("changed");

        assertThat(parley().post(path, Map.of("MessagesPerSecond", "")).json().get("messages_per_second").isNull())
                .isTrue();
        Parley.Answer created = parley().post(numbersPath(Parley.ACCOUNT_SID) + ".json",
                Map.of("AreaCode", "415", "MessagesPerSecond", "100"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("messages_per_second").asDouble()).isEqualTo(100.0);
    }
}
