package dev.parley.server.e2e;

import dev.parley.testing.PostgresCluster;
import dev.parley.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Every end-to-end contract against Parley on PostgreSQL (a private cluster the test run starts). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresEndToEndTest implements MessagingContract, InboundContract, AccountsContract, WireContract,
        DispatcherContract {
    private Parley parley;
    private WebhookReceiver receiver;

    @BeforeAll
    void start() {
        receiver = new WebhookReceiver();
        parley = Parley.start(PostgresCluster.shared().createDatabase(), 3);
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
