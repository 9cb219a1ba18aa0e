package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.AdjustableClock;
import dev.parley.testing.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sender's schedule is stored: after a restart, the messages queued before it leave at their slots, and a new
 * message queues behind them rather than at once. Messages that fell due while Parley was stopped leave at the
 * sender's rate from the restart, not in a burst.
 */
class RateLimitRestartTest {

    @Test
    void theSendScheduleSurvivesARestartOnSqlite() throws Exception {
        scheduleSurvivesRestart(null);
    }

    @Test
    void theSendScheduleSurvivesARestartOnPostgres() throws Exception {
        scheduleSurvivesRestart(PostgresCluster.shared().createDatabase());
    }

    private void scheduleSurvivesRestart(String databaseUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-rate-restart");
        AdjustableClock clock = new AdjustableClock();
        clock.freeze();
        List<String> sids = new ArrayList<>();
        String from;
        String to = Fixtures.handset();
        try (Parley first = Parley.start(databaseUrl, 3, dataDir, clock)) {
            TwilioRestClient client = first.client();
            IncomingPhoneNumber number = IncomingPhoneNumber.creator("415").create(client);
            from = number.getPhoneNumber().toString();
            assertThat(first.post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                    + number.getSid() + ".json", Map.of("MessagesPerSecond", "1")).status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                sids.add(Message.creator(new PhoneNumber(to), new PhoneNumber(from), "before " + i)
                        .create(client).getSid());
            }
            awaitLeft(client, sids.getFirst());
        }

        try (Parley second = Parley.start(databaseUrl, 3, dataDir, clock)) {
            TwilioRestClient client = second.client();
            sids.add(Message.creator(new PhoneNumber(to), new PhoneNumber(from), "after").create(client).getSid());
            assertThat(status(client, sids.get(1))).isEqualTo(Message.Status.QUEUED);
            for (int i = 1; i < 4; i++) {
                second.advance(Duration.ofSeconds(1));
                awaitLeft(client, sids.get(i));
                if (i < 3) {
                    assertThat(status(client, sids.get(i + 1))).as("message %d", i + 1)
                            .isEqualTo(Message.Status.QUEUED);
                }
            }
        }
    }

    @Test
    void messagesThatFellDueWhileStoppedLeaveAtTheSendersRateOnSqlite() throws Exception {
        resumesAtItsRate(null);
    }

    @Test
    void messagesThatFellDueWhileStoppedLeaveAtTheSendersRateOnPostgres() throws Exception {
        resumesAtItsRate(PostgresCluster.shared().createDatabase());
    }

    private void resumesAtItsRate(String databaseUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-rate-resume");
        AdjustableClock clock = new AdjustableClock();
        clock.freeze();
        List<String> sids = new ArrayList<>();
        String from;
        String to = Fixtures.handset();
        try (Parley first = Parley.start(databaseUrl, 3, dataDir, clock)) {
            TwilioRestClient client = first.client();
            IncomingPhoneNumber number = IncomingPhoneNumber.creator("415").create(client);
            from = number.getPhoneNumber().toString();
            first.post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/" + number.getSid()
                    + ".json", Map.of("MessagesPerSecond", "1"));
            for (int i = 0; i < 4; i++) {
                sids.add(Message.creator(new PhoneNumber(to), new PhoneNumber(from), "before " + i)
                        .create(client).getSid());
            }
            awaitLeft(client, sids.getFirst());
        }
        // Stopped for a minute: the three messages left in the queue are all overdue.
        clock.advance(Duration.ofMinutes(1));

        try (Parley second = Parley.start(databaseUrl, 3, dataDir, clock)) {
            TwilioRestClient client = second.client();
            awaitLeft(client, sids.get(1));
            assertThat(status(client, sids.get(2))).isEqualTo(Message.Status.QUEUED);
            sids.add(Message.creator(new PhoneNumber(to), new PhoneNumber(from), "after").create(client).getSid());
            for (int i = 2; i < 5; i++) {
                second.advance(Duration.ofSeconds(1));
                awaitLeft(client, sids.get(i));
                if (i < 4) {
                    assertThat(status(client, sids.get(i + 1))).as("message %d", i + 1)
                            .isEqualTo(Message.Status.QUEUED);
                }
            }
        }
    }

    private static Message.Status status(TwilioRestClient client, String sid) {
        return Message.fetcher(sid).fetch(client).getStatus();
    }

    private static void awaitLeft(TwilioRestClient client, String sid) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status(client, sid) == Message.Status.SENT);
    }
}
