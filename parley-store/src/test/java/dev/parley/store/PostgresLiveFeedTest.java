package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.conversation.live.LiveEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract, plus what only PostgreSQL has: several nodes on one database, and a lost listening connection. */
class PostgresLiveFeedTest implements LiveFeedContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }

    @Test
    void twoNodesOnOneDatabaseBothHearWhatEitherCommits() {
        try (Database other = Database.open(db.url())) {
            Heard here = listen(db.database());
            Heard there = listen(other);
            db.database().writeVoid(tx -> tx.liveEvents().publish(LiveFeedContract.event("CH1", "from-here", 0)));
            other.writeVoid(tx -> tx.liveEvents().publish(LiveFeedContract.event("CH1", "from-there", 1)));
            other.liveFeed().publishNow(LiveFeedContract.event("CH1", "typing-there", -1));
            await().atMost(BOUND).until(() -> here.sids().size() == 3 && there.sids().size() == 3);
            assertThat(here.sids()).containsExactly("from-here", "from-there", "typing-there");
            assertThat(there.sids()).containsExactly("from-here", "from-there", "typing-there");
        }
    }

    @Test
    void aLostListeningConnectionComesBackAndSaysListenersMustResync() throws Exception {
        Heard heard = listen(db.database());
        flush(heard);
        PostgresLiveFeed feed = (PostgresLiveFeed) db.database().liveFeed();
        int backend = feed.listeningBackend();
        assertThat(backend).isPositive();
        try (Connection admin = DriverManager.getConnection(db.url()); Statement s = admin.createStatement()) {
            s.execute("select pg_terminate_backend(" + backend + ")");
        }
        await().atMost(BOUND).until(() -> heard.events.stream().anyMatch(e -> e.type().equals(LiveEvent.RESYNC)));
        assertThat(feed.listeningBackend()).isNotEqualTo(backend);
        flush(heard);
        assertThat(heard.sids()).hasSize(2);
        LiveEvent resync = heard.events.stream().filter(e -> e.type().equals(LiveEvent.RESYNC)).findFirst()
                .orElseThrow();
        assertThat(resync.conversationSid()).isNull();
    }
}
