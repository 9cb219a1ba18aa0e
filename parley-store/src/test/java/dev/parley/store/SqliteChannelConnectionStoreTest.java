package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteChannelConnectionStoreTest implements ChannelConnectionStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    @Override
    public TestDatabase db() {
        return db;
    }
}
