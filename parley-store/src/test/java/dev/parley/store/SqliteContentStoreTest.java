package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteContentStoreTest implements ContentStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    @Override
    public TestDatabase db() {
        return db;
    }
}
