package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresChatSendRaceTest implements ChatSendRaceContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }
}
