package dev.parley.server.e2e;

import dev.parley.testing.PostgresCluster;

/** The end-to-end contracts on PostgreSQL (a private cluster the test run starts). */
class PostgresEndToEndTest extends EndToEndSuite {

    @Override
    String databaseUrl() {
        return PostgresCluster.shared().createDatabase();
    }
}
