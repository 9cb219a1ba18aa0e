package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.conversations.v1.Conversation;
import dev.parley.testing.AdjustableClock;
import dev.parley.testing.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Conversation timers are durable jobs: set on one server, they fire on the next one when its clock passes them. */
class ConversationTimerRestartTest {

    @Test
    void timersSurviveARestartOnSqlite() throws Exception {
        setRestartAndFire(null);
    }

    @Test
    void timersSurviveARestartOnPostgres() throws Exception {
        setRestartAndFire(PostgresCluster.shared().createDatabase());
    }

    private void setRestartAndFire(String databaseUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-conversation-timers");
        AdjustableClock clock = new AdjustableClock();
        String sid;
        try (Parley first = Parley.start(databaseUrl, 3, dataDir, clock)) {
            sid = Conversation.creator().setState(Conversation.State.ACTIVE).setTimersInactive("PT10M")
                    .setTimersClosed("PT1H").create(first.client()).getSid();
        }
        try (Parley second = Parley.start(databaseUrl, 3, dataDir, clock)) {
            assertThat(Conversation.fetcher(sid).fetch(second.client()).getState())
                    .isEqualTo(Conversation.State.ACTIVE);
            second.advance(Duration.ofMinutes(11));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Conversation.fetcher(sid).fetch(second.client()).getState() == Conversation.State.INACTIVE);
            second.advance(Duration.ofMinutes(50));
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Conversation.fetcher(sid).fetch(second.client()).getState() == Conversation.State.CLOSED);
        }
    }
}
