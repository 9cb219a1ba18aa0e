package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresContentStoreTest implements ContentStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }
}
