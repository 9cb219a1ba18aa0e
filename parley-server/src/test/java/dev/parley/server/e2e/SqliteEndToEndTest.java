package dev.parley.server.e2e;

import dev.parley.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Every end-to-end contract against Parley on its embedded default, SQLite. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteEndToEndTest implements MessagingContract, InboundContract, AccountsContract, WireContract,
        DispatcherContract {
    private Parley parley;
    private WebhookReceiver receiver;

    @BeforeAll
    void start() {
        receiver = new WebhookReceiver();
        parley = Parley.start(null, 3);
    }

    @AfterAll
    void stop() {
        parley.close();
        receiver.close();
    }

    @Override
    public Parley parley() {
        return parley;
    }

    @Override
    public WebhookReceiver receiver() {
        return receiver;
    }
}
