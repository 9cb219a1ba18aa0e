package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteLiveFeedTest implements LiveFeedContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    @Override
    public TestDatabase db() {
        return db;
    }
}
