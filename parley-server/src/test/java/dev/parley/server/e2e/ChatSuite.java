package dev.parley.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The web-chat contracts against a server of their own. Not mixed into {@link EndToEndSuite}: access tokens carry
 * absolute times, which twilio-java computes from the machine's clock plus an {@code int} number of seconds whose
 * milliseconds overflow past 24 days, and the shared server's clock may have been moved further ahead than that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatSuite implements ChatSocketContract, ChatEventsContract {
    private Parley parley;

    /** The JDBC URL of a fresh database, or null for the embedded SQLite default. */
    abstract String databaseUrl();

    @BeforeAll
    void start() {
        parley = Parley.start(databaseUrl(), 3);
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Override
    public Parley parley() {
        return parley;
    }
}
