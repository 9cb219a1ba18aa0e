package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresConcatenationTest implements ConcatenationContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }
}
