package dev.parley.store;

import dev.parley.testing.PostgresCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated database for each test: a SQLite file in a temporary folder, or a new database on the shared
 * PostgreSQL cluster. Closes whatever it opened after the test.
 */
final class TestDatabase implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<String> newUrl;
    private final List<Database> opened = new ArrayList<>();
    private Path folder;
    private String url;

    private TestDatabase(Supplier<String> newUrl) {
        this.newUrl = newUrl;
    }

    static TestDatabase sqlite() {
        return new TestDatabase(null);
    }

    static TestDatabase postgres() {
        return new TestDatabase(() -> PostgresCluster.shared().createDatabase());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (newUrl == null) {
            folder = Files.createTempDirectory("parley-store-");
            url = "jdbc:sqlite:" + folder.resolve("parley.db");
        } else {
            url = newUrl.get();
        }
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(Database::close);
        opened.clear();
        if (folder != null) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The database opened for this test (the latest, after {@link #reopen()}). */
    Database database() {
        return opened.getLast();
    }

    String url() {
        return url;
    }

    /** Closes the current database and opens the same one again. */
    Database reopen() {
        database().close();
        return open();
    }

    private Database open() {
        Database db = Database.open(url);
        opened.add(db);
        return db;
    }
}
