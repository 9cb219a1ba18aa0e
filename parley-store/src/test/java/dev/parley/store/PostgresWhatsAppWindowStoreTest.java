package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWhatsAppWindowStoreTest implements WhatsAppWindowStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }
}
