package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Account;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How Parley lays out a SQLite file: the page size of a new one, and an older file left as it was made. */
class SqliteFileTest {

    @Test
    void aNewFileHasEightKibPagesInWalMode(@TempDir Path folder) throws Exception {
        String url = "jdbc:sqlite:" + folder.resolve("parley.db");
        try (Database db = Database.open(url)) {
            db.writeVoid(tx -> tx.accounts().insert(Fixtures.account(Instant.EPOCH)));
        }
        assertThat(pragma(url, "page_size")).isEqualTo("8192");
        assertThat(pragma(url, "journal_mode")).isEqualTo("wal");
    }

    @Test
    void aFileMadeWithOtherPagesKeepsThemAndItsRows(@TempDir Path folder) throws Exception {
        String url = "jdbc:sqlite:" + folder.resolve("parley.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 4096");
            s.execute("PRAGMA journal_mode = WAL");
        }
        Database.flyway(url, "sqlite").load().migrate();
        Account account = Fixtures.account(Instant.EPOCH);
        try (Database db = Database.open(url)) {
            db.writeVoid(tx -> tx.accounts().insert(account));
        }
        try (Database db = Database.open(url)) {
            Optional<Account> found = db.read(tx -> tx.accounts().find(account.sid()));
            assertThat(found).map(Account::sid).contains(account.sid());
        }
        assertThat(pragma(url, "page_size")).isEqualTo("4096");
    }

    private static String pragma(String url, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getString(1);
        }
    }
}
