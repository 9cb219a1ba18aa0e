package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWebhookLogStoreTest implements WebhookLogStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }
}
