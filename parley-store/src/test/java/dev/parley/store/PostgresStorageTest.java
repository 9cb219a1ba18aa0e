package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStorageTest implements StorageContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }
}
