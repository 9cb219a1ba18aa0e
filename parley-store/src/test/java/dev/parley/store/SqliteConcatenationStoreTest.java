package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteConcatenationStoreTest implements ConcatenationStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    @Override
    public TestDatabase db() {
        return db;
    }
}
