package dev.parley.server.e2e;

/** The web-chat contracts on SQLite. */
class SqliteChatTest extends ChatSuite {

    @Override
    String databaseUrl() {
        return null;
    }
}
