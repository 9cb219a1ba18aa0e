package dev.parley.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.core.conversation.live.LiveFeed;
import dev.parley.core.queue.JobHandoff;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The {@link Storage} over SQLite (one file, the embedded default) or PostgreSQL, chosen by the JDBC URL.
 *
 * <p>Writes go through one writer thread with one connection that commits concurrent writes together (see
 * {@link GroupCommitWriter}); reads run on a small pool. On SQLite the file is in WAL mode with
 * {@code synchronous=FULL}: a write that returned survives a power cut, and readers never wait for the writer.
 * The writer connection keeps the file's write lock while the database is open (sqlite-jdbc begins the next
 * {@code IMMEDIATE} transaction right after each commit), so one file serves one process at a time.
 *
 * <p>Migrations: {@code db/migration/common} holds the portable schema (versions 1, 2, …); a folder named after
 * the product ({@code db/migration/postgresql}, {@code db/migration/sqlite}) may add dialect-only steps numbered
 * {@code N_1, N_2, …}, which run after common version N and before N+1.
 */
public final class Database implements Storage, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int SQLITE_READERS = 4;
    /**
     * The writer reads pages through a memory map instead of a read() call each (256 MiB of address space, not of
     * memory): bench/messages' creates went from about 4,300 to 5,100–5,600/s. SQLite still writes with write(); the
     * file never shrinks under the map (no VACUUM runs). The readers map nothing: a reader that finds the WAL changed
     * since its last transaction, as it nearly always does under load, unmaps the whole file and faults each page
     * back in, which took about 5% of Parley's CPU under bench/smpp (read() calls cost less than that).
     */
    private static final String MMAP_BYTES = String.valueOf(256L << 20);
    /**
     * The page size of a new SQLite file. A commit writes each page it changed to the WAL whole, and a message changes
     * about twenty b-trees (rows and indexes, mostly appended to at their right edge): with 8 KiB pages instead of
     * SQLite's 4 KiB, bench/smpp's writer spent about a fifth less CPU per message (1 KiB pages: a fifth more).
     */
    private static final int SQLITE_PAGE_BYTES = 8192;
    private static final int POSTGRES_POOL = 10;
    private static final int SQLITE_BATCH = 256;
    // More writing savepoints than this in one transaction overflow PostgreSQL's per-backend subtransaction
    // cache, which slows every other session's snapshots.
    private static final int POSTGRES_BATCH = 64;

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final SQLDialect dialect;
    private final Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
    private final HikariDataSource readers;
    private final List<HikariDataSource> pools;
    private final Statements.Registry statements = new Statements.Registry();
    private final GroupCommitWriter writer;
    /**
     * Readers queue here, first come first served, before asking the pool: Hikari's hand-off is not fair, and
     * under sustained load one reader was seen waiting seconds while others went through. On PostgreSQL the
     * pool is shared with the writer, which must always find a connection: readers get one fewer than the pool.
     */
    private final Semaphore readSlots;
    private final List<Runnable> jobListeners = new CopyOnWriteArrayList<>();
    private final String jdbcUrl;
    private final LocalLiveFeed localFeed;
    private PostgresLiveFeed postgresFeed;
    private volatile boolean closed;

    private Database(SQLDialect dialect, String jdbcUrl, HikariDataSource writes, HikariDataSource readers,
            int maxBatch) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.readers = readers;
        this.pools = writes == readers ? List.of(writes) : List.of(writes, readers);
        int size = readers.getMaximumPoolSize();
        this.readSlots = new Semaphore(writes == readers ? size - 1 : size, true);
        this.localFeed = dialect == SQLDialect.POSTGRES ? null : new LocalLiveFeed();
        this.writer = new GroupCommitWriter(writes, this::jdbc, maxBatch, this::jobsCommitted,
                localFeed == null ? events -> { } : localFeed::committed);
    }

    /**
     * Opens the database, creating it and migrating its schema as needed.
     *
     * @param jdbcUrl {@code jdbc:sqlite:/path/file.db} or {@code jdbc:postgresql://host:port/name?user=…}
     */
    public static Database open(String jdbcUrl) {
        String product = migrate(jdbcUrl);
        return switch (product) {
            case "sqlite" -> openSqlite(jdbcUrl);
            case "postgresql" -> openPostgres(jdbcUrl);
            default -> throw new IllegalArgumentException("unsupported database " + product + " at " + jdbcUrl
                    + "; Parley runs on SQLite or PostgreSQL");
        };
    }

    /** Runs Flyway over the portable folder plus the dialect's own; returns the product name in lower case. */
    private static String migrate(String jdbcUrl) {
        String product = product(jdbcUrl);
        var result = flyway(jdbcUrl, product).load().migrate();
        if (result.migrationsExecuted > 0) {
            log.info("migrated {} to schema version {} ({} migrations)", product, result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
        return product;
    }

    /**
     * The name of the database product at {@code jdbcUrl}, in lower case ("sqlite", "postgresql"). Its connection is
     * the first to a SQLite file, so a new file gets its page size here, before Flyway's first table fixes it.
     */
    static String product(String jdbcUrl) {
        try (Connection c = Flyway.configure().dataSource(jdbcUrl, null, null).getDataSource().getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.equals("sqlite")) {
                layOutSqlite(c);
            }
            return product;
        } catch (SQLException e) {
            throw new StorageException("cannot connect to " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives a new SQLite file {@link #SQLITE_PAGE_BYTES} pages. A file that already has a table keeps its own (changing
     * it takes a {@code VACUUM} outside WAL mode, which Parley does not run by itself).
     */
    private static void layOutSqlite(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = " + SQLITE_PAGE_BYTES);
            // Writes a new file's header, and the page size with it (the writer's connection asks for WAL too).
            s.execute("PRAGMA journal_mode = WAL");
        }
    }

    /** Flyway over the portable migrations folder plus {@code product}'s own, for the database at {@code jdbcUrl}. */
    static FluentConfiguration flyway(String jdbcUrl, String product) {
        // Flyway's {vendor} placeholder is Spring Boot's, not Flyway's: pick the dialect folder here.
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration/common"));
        if (Database.class.getClassLoader().getResource("db/migration/" + product) != null) {
            locations.add("classpath:db/migration/" + product);
        }
        return Flyway.configure().dataSource(jdbcUrl, null, null).locations(locations.toArray(String[]::new));
    }

    private static Database openSqlite(String jdbcUrl) {
        SQLiteConfig write = new SQLiteConfig();
        write.setJournalMode(SQLiteConfig.JournalMode.WAL);
        write.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        write.setBusyTimeout(10_000);
        // A deferred transaction that reads then writes fails with SQLITE_BUSY instead of waiting.
        write.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Otherwise the driver runs (and parses) "SELECT last_insert_rowid()" after every INSERT; no store reads it.
        write.setGetGeneratedKeys(false);
        // Each unit's savepoint copies the pages it changes to a statement journal, which spills to a temporary
        // file after 64 KiB: in memory, a unit's savepoint costs ~2 us of CPU instead of ~20 us.
        write.setTempStore(SQLiteConfig.TempStore.MEMORY);
        write.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, MMAP_BYTES);
        HikariDataSource writes = pool("parley-sqlite-writer", jdbcUrl, 1, write, false);

        SQLiteConfig read = new SQLiteConfig();
        read.setReadOnly(true);
        read.setBusyTimeout(10_000);
        try {
            HikariDataSource reads = pool("parley-sqlite-reader", jdbcUrl, SQLITE_READERS, read, true);
            return new Database(SQLDialect.SQLITE, jdbcUrl, writes, reads, SQLITE_BATCH);
        } catch (RuntimeException e) {
            writes.close();
            throw e;
        }
    }

    private static Database openPostgres(String jdbcUrl) {
        // One pool serves the readers and lends the single writer its connection for each batch.
        HikariDataSource pool = pool("parley-postgres", jdbcUrl, POSTGRES_POOL, null, false);
        return new Database(SQLDialect.POSTGRES, jdbcUrl, pool, pool, POSTGRES_BATCH);
    }

    private static HikariDataSource pool(String name, String jdbcUrl, int size, SQLiteConfig sqlite,
            boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(size, 2));
        config.setAutoCommit(false);
        if (sqlite != null) {
            config.setDataSourceProperties(sqlite.toProperties());
            // SQLite fixes the flag when the connection opens; Hikari must ask for the same one or it is refused.
            config.setReadOnly(readOnly);
        }
        return new HikariDataSource(config);
    }

    private Jdbc jdbc(Connection connection) throws SQLException {
        return new Jdbc(connection, statements.of(connection), dialect, settings);
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return writer.write(work);
    }

    /**
     * Runs {@code work} in a read transaction on a pooled connection. Called from inside a write, it runs in that
     * write's transaction instead and sees its uncommitted changes.
     */
    @Override
    public <T> T read(Function<Tx, T> work) {
        SqlTx inWrite = writer.currentTx();
        if (inWrite != null) {
            return work.apply(inWrite);
        }
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
        try {
            readSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a read connection", e);
        }
        try (Connection connection = readers.getConnection()) {
            try {
                return work.apply(new SqlTx(jdbc(connection)));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        } finally {
            readSlots.release();
        }
    }

    /**
     * The live events of conversations ({@code Tx.liveEvents()}), as this node hears them. On SQLite they come from
     * this process's commits; on PostgreSQL from every node's, through a connection of its own that {@code LISTEN}s,
     * opened by the first call (a process that never asks holds no such connection).
     */
    public LiveFeed liveFeed() {
        if (localFeed != null) {
            return localFeed;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("database is closed");
            }
            if (postgresFeed == null) {
                postgresFeed = new PostgresLiveFeed(jdbcUrl, this::notifyNow);
            }
            return postgresFeed;
        }
    }

    /**
     * A live event's {@code NOTIFY} outside any write (typing indicators): on a read connection, in a transaction that
     * need not wait for the disk, since nothing it commits is kept.
     */
    private void notifyNow(String payload) {
        try {
            readSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a connection", e);
        }
        try (Connection connection = readers.getConnection()) {
            Jdbc jdbc = jdbc(connection);
            jdbc.execute("set local synchronous_commit to off");
            jdbc.exists(PostgresLiveFeed.NOTIFY, s -> s.setString(1, payload));
            connection.commit();
        } catch (SQLException e) {
            throw new StorageException("cannot publish a live event: " + e.getMessage(), e);
        } finally {
            readSlots.release();
        }
    }

    /** Writes waiting for the writer thread; for tests. */
    int queuedWrites() {
        return writer.queued();
    }

    @Override
    public void onJobsCommitted(Runnable listener) {
        jobListeners.add(listener);
    }

    @Override
    public void handOffJobs(JobHandoff handoff) {
        writer.handOffJobs(handoff);
    }

    private void jobsCommitted() {
        for (Runnable listener : jobListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.error("a jobs-committed listener failed", e);
            }
        }
    }

    /** Commits the writes already queued, then closes every connection. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        if (localFeed != null) {
            localFeed.close();
        }
        synchronized (this) {
            if (postgresFeed != null) {
                postgresFeed.close();
            }
        }
        pools.forEach(HikariDataSource::close);
        statements.close();
    }
}
