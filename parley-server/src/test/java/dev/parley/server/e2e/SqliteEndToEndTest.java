package dev.parley.server.e2e;

/** The end-to-end contracts on Parley's embedded default, SQLite. */
class SqliteEndToEndTest extends EndToEndSuite {

    @Override
    String databaseUrl() {
        return null;
    }
}
