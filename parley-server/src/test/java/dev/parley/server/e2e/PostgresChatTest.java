package dev.parley.server.e2e;

import dev.parley.testing.PostgresCluster;

/** The web-chat contracts on PostgreSQL (a private cluster the test run starts). */
class PostgresChatTest extends ChatSuite {

    @Override
    String databaseUrl() {
        return PostgresCluster.shared().createDatabase();
    }
}
