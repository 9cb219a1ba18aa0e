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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scheduled messages ({@code ScheduleType=fixed}): sent at SendAt by the work queue, cancelable, Twilio's refusals. */
interface SchedulingContract {

    Parley parley();

    WebhookReceiver receiver();

    private Service pooledService() {
        Service service = Service.creator("scheduled").create(parley().client());
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        PhoneNumber.creator(service.getSid(), number.getSid()).create(parley().client());
        return service;
    }

    private ZonedDateTime inServerTime(Duration ahead) {
        return parley().clock().instant().plus(ahead).atZone(ZoneOffset.UTC);
    }

    private Message.Status status(String sid) {
        return Message.fetcher(sid).fetch(parley().client()).getStatus();
    }

    @Test
    default void scheduledMessageIsSentAtSendAtAndNotBefore() {
        Service service = pooledService();
        String to = Fixtures.handset();
        String statusPath = "/scheduled/" + System.nanoTime();
        Message scheduled = Message.creator(phone(to), service.getSid(), "see you tomorrow")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(inServerTime(Duration.ofMinutes(10)))
                .setStatusCallback(URI.create(receiver().url(statusPath)))
                .create(parley().client());
        assertThat(scheduled.getStatus()).isEqualTo(Message.Status.SCHEDULED);
        assertThat(scheduled.getMessagingServiceSid()).isEqualTo(service.getSid());

        parley().advance(Duration.ofMinutes(9));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> status(scheduled.getSid()) == Message.Status.SCHEDULED);
        assertThat(receiver().requests(statusPath)).isEmpty();

        parley().advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(scheduled.getSid()) == Message.Status.DELIVERED);
        assertThat(Message.fetcher(scheduled.getSid()).fetch(parley().client()).getDateSent()).isNotNull();
        var callbacks = receiver().awaitRequests(statusPath, 3, Duration.ofSeconds(10));
        assertThat(callbacks).extracting(r -> r.singleFormParams().get("MessageStatus"))
                .containsExactlyInAnyOrder("sending", "sent", "delivered");
    }

    @Test
    default void canceledScheduledMessageIsNeverSent() {
        Service service = pooledService();
        String statusPath = "/canceled/" + System.nanoTime();
        Message scheduled = Message.creator(phone(Fixtures.handset()), service.getSid(), "never mind")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(inServerTime(Duration.ofMinutes(6)))
                .setStatusCallback(URI.create(receiver().url(statusPath)))
                .create(parley().client());
        Message canceled = Message.updater(scheduled.getSid()).setStatus(Message.UpdateStatus.CANCELED)
                .update(parley().client());
        assertThat(canceled.getStatus()).isEqualTo(Message.Status.CANCELED);

        parley().advance(Duration.ofMinutes(7));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> status(scheduled.getSid()) == Message.Status.CANCELED);
        assertThat(Message.fetcher(scheduled.getSid()).fetch(parley().client()).getDateSent()).isNull();
        assertThat(receiver().requests(statusPath)).isEmpty();
    }

    @Test
    default void schedulingRefusalsAreTwiliosAndCreateNothing() {
        Service service = pooledService();
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        String to = Fixtures.handset();
        assertCode(() -> Message.creator(phone(to), number.getPhoneNumber(), "no service")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(inServerTime(Duration.ofHours(1)))
                .create(parley().client()), 35118);
        assertCode(() -> Message.creator(phone(to), service.getSid(), "no time")
                .setScheduleType(Message.ScheduleType.FIXED).create(parley().client()), 35111);
        assertCode(() -> Message.creator(phone(to), service.getSid(), "too soon")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(inServerTime(Duration.ofSeconds(120)))
                .create(parley().client()), 35115);
        assertCode(() -> Message.creator(phone(to), service.getSid(), "too late")
                .setScheduleType(Message.ScheduleType.FIXED).setSendAt(inServerTime(Duration.ofDays(36)))
                .create(parley().client()), 35115);
        Parley.Answer garbled = parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json",
                Map.of("To", to, "MessagingServiceSid", service.getSid(), "Body", "when?", "ScheduleType", "fixed",
                        "SendAt", "next tuesday"));
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.json().get("code").asInt()).isEqualTo(35114);
        assertThat(parley().get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json?To="
                + to.replace("+", "%2B")).json().get("messages")).isEmpty();
    }
}
