package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import dev.parley.testing.AdjustableClock;
import dev.parley.testing.PostgresCluster;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scheduled message survives restarts and fires exactly once: scheduled on one server, sent by the next one when
 * its clock passes SendAt, and not again by a third one on the same storage. The clock is moved, never waited for.
 */
class ScheduledRestartTest {

    @Test
    void scheduledMessageSurvivesARestartAndFiresOnceOnSqlite() throws Exception {
        scheduleRestartAndFire(null);
    }

    @Test
    void scheduledMessageSurvivesARestartAndFiresOnceOnPostgres() throws Exception {
        scheduleRestartAndFire(PostgresCluster.shared().createDatabase());
    }

    private void scheduleRestartAndFire(String databaseUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-scheduled");
        AdjustableClock clock = new AdjustableClock();
        String handset = Fixtures.handset();
        String statusPath = "/scheduled-restart/" + System.nanoTime();
        String sid;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            try (Parley first = Parley.start(databaseUrl, 3, dataDir, clock)) {
                Service service = Service.creator("restart").create(first.client());
                IncomingPhoneNumber number = Fixtures.number(first.client(), null, null);
                PhoneNumber.creator(service.getSid(), number.getSid()).create(first.client());
                Message scheduled = Message.creator(phone(handset), service.getSid(), "after the restart")
                        .setScheduleType(Message.ScheduleType.FIXED)
                        .setSendAt(clock.instant().plus(Duration.ofMinutes(30)).atZone(ZoneOffset.UTC))
                        .setStatusCallback(URI.create(receiver.url(statusPath)))
                        .create(first.client());
                assertThat(scheduled.getStatus()).isEqualTo(Message.Status.SCHEDULED);
                sid = scheduled.getSid();
            }

            try (Parley second = Parley.start(databaseUrl, 3, dataDir, clock)) {
                assertThat(Message.fetcher(sid).fetch(second.client()).getStatus())
                        .isEqualTo(Message.Status.SCHEDULED);
                second.advance(Duration.ofMinutes(31));
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        Message.fetcher(sid).fetch(second.client()).getStatus() == Message.Status.DELIVERED);
                receiver.awaitRequests(statusPath, 3, Duration.ofSeconds(10));
                assertThat(inbox(second, handset)).as("what the handset received").hasSize(1);
            }

            try (Parley third = Parley.start(databaseUrl, 3, dataDir, clock)) {
                third.advance(Duration.ofHours(2));
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                        receiver.requests(statusPath).size() == 3);
                assertThat(Message.fetcher(sid).fetch(third.client()).getStatus()).isEqualTo(Message.Status.DELIVERED);
                assertThat(inbox(third, handset)).hasSize(1);
            }
            List<String> statuses = receiver.requests(statusPath).stream()
                    .map(r -> r.singleFormParams().get("MessageStatus")).toList();
            assertThat(statuses).containsExactlyInAnyOrder("sending", "sent", "delivered");
        }
    }

    /** The messages the handset holds, delivered ones only. */
    private static List<String> inbox(Parley parley, String handset) {
        List<String> sids = new java.util.ArrayList<>();
        parley.get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B") + "/Messages").json()
                .get("messages").forEach(m -> {
                    if (m.get("status").asText().equals("delivered")) {
                        sids.add(m.get("sid").asText());
                    }
                });
        return sids;
    }
}
