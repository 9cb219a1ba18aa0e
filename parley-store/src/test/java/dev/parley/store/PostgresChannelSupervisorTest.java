package dev.parley.store;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresChannelSupervisorTest implements ChannelSupervisorContract {
    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Override
    public TestDatabase db() {
        return db;
    }
}
