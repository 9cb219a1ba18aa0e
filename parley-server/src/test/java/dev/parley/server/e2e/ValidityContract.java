package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Validity periods: a message still queued when its period ends fails with 30036 and is never sent. A busy handset
 * (the simulator retries every second) holds the message queued while the test moves the clock.
 */
interface ValidityContract {

    Parley parley();

    WebhookReceiver receiver();

    private String busyHandset() {
        String handset = Fixtures.handset();
        assertThat(parley().post("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B"),
                Map.of("Behavior", "busy")).status()).isEqualTo(200);
        return handset;
    }

    private Message fetch(String sid) {
        return Message.fetcher(sid).fetch(parley().client());
    }

    @Test
    default void queuedMessagePastItsValidityPeriodFailsWith30036AndIsNeverSent() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String statusPath = "/validity/" + System.nanoTime();
        Message created = Message.creator(phone(busyHandset()), number.getPhoneNumber(), "only for a minute")
                .setValidityPeriod(60).setStatusCallback(URI.create(receiver().url(statusPath)))
                .create(parley().client());
        assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);

        parley().advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetch(created.getSid()).getStatus() == Message.Status.FAILED);
        Message failed = fetch(created.getSid());
        assertThat(failed.getErrorCode()).isEqualTo(30036);
        assertThat(failed.getErrorMessage()).isEqualTo("Validity period expired");
        assertThat(failed.getDateSent()).isNull();
        Map<String, String> callback = receiver().awaitRequests(statusPath, 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(callback).containsEntry("MessageStatus", "failed").containsEntry("ErrorCode", "30036");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver().requests(statusPath).size() == 1);
    }

    @Test
    default void messageThroughAServiceTakesTheServiceValidityPeriod() {
        Service service = Service.creator("short-lived").setValidityPeriod(30).create(parley().client());
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        PhoneNumber.creator(service.getSid(), number.getSid()).create(parley().client());
        Message created = Message.creator(phone(busyHandset()), service.getSid(), "hurry").create(parley().client());

        parley().advance(Duration.ofSeconds(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> fetch(created.getSid()).getStatus() == Message.Status.FAILED);
        assertThat(fetch(created.getSid()).getErrorCode()).isEqualTo(30036);
    }

    @Test
    default void messageWithinItsValidityPeriodIsStillDelivered() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String handset = busyHandset();
        Message created = Message.creator(phone(handset), number.getPhoneNumber(), "patience")
                .setValidityPeriod(600).create(parley().client());
        parley().advance(Duration.ofSeconds(30));
        parley().post("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B"), Map.of("Behavior", "deliver"));
        parley().advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fetch(created.getSid()).getStatus() == Message.Status.DELIVERED);
    }

    @Test
    default void outOfRangeValidityPeriodIsRefusedWith21624() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        assertCode(() -> Message.creator(phone(to), number.getPhoneNumber(), "x").setValidityPeriod(0)
                .create(parley().client()), 21624);
        assertCode(() -> Message.creator(phone(to), number.getPhoneNumber(), "x").setValidityPeriod(36001)
                .create(parley().client()), 21624);
        assertThat(parley().get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json?To="
                + to.replace("+", "%2B")).json().get("messages")).isEmpty();
    }
}
