package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteChatStoreTest implements ChatStoreContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    @Override
    public TestDatabase db() {
        return db;
    }
}
