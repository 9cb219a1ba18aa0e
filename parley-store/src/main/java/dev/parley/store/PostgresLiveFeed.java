package dev.parley.store;

import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.live.LiveFeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed of a PostgreSQL database that several nodes may share. A write publishes with
 * {@code pg_notify('parley_live', …)} inside its transaction ({@link SqlTx}): PostgreSQL delivers the notification
 * to every listening session once the transaction commits, never for a rolled-back one (or savepoint), in commit
 * order. This node listens on a connection of its own, outside the pool, on one platform thread that also calls the
 * listeners.
 *
 * <p>When that connection is lost, the thread reconnects with a growing pause (up to {@link #MAX_BACKOFF}) and
 * then hands listeners {@link LiveEvent#resync()}: what was notified while it was away is gone, so they re-read
 * from the store. A connection that stays silent is probed every {@link #PROBE_AFTER}.
 */
final class PostgresLiveFeed implements LiveFeed, AutoCloseable {
    static final String CHANNEL = "parley_live";
    static final String NOTIFY = "select pg_notify('" + CHANNEL + "', ?)";
    private static final Logger log = LoggerFactory.getLogger(PostgresLiveFeed.class);
    private static final int POLL_MILLIS = 250;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration PROBE_AFTER = Duration.ofSeconds(10);

    /** Opens the listening connection (the pool's are borrowed per transaction and cannot keep a LISTEN). */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final LiveListeners listeners = new LiveListeners();
    private final Connector connector;
    private final Consumer<String> notifyNow;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection listening;

    /**
     * Listens at once: a write that returns after this constructor is heard. If the database cannot be reached now,
     * the thread keeps trying and sends a resync when it gets through.
     */
    PostgresLiveFeed(String jdbcUrl, Consumer<String> notifyNow) {
        this(() -> DriverManager.getConnection(jdbcUrl), notifyNow);
    }

    /** @param notifyNow sends a payload with {@link #NOTIFY} in a transaction of its own, on a pooled connection */
    PostgresLiveFeed(Connector connector, Consumer<String> notifyNow) {
        this.connector = connector;
        this.notifyNow = notifyNow;
        Connection first = null;
        try {
            first = listen();
        } catch (SQLException e) {
            log.warn("live feed: cannot listen yet ({}); retrying", e.getMessage());
        }
        Connection initial = first;
        this.thread = Thread.ofPlatform().name("parley-live-listen").daemon(true).start(() -> run(initial));
    }

    @Override
    public void subscribe(Consumer<LiveEvent> listener) {
        listeners.add(listener);
    }

    /** Notifies every node now, in a transaction of its own. */
    @Override
    public void publishNow(LiveEvent event) {
        notifyNow.accept(LiveEventCodec.encode(event));
    }

    private Connection listen() throws SQLException {
        Connection c = connector.connect();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            listening = c;
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void run(Connection initial) {
        Connection c = initial;
        Duration backoff = MIN_BACKOFF;
        while (!closed) {
            if (c == null) {
                try {
                    c = listen();
                    backoff = MIN_BACKOFF;
                    log.info("live feed: listening again; listeners re-read what they show");
                    listeners.deliver(LiveEvent.resync());
                } catch (SQLException e) {
                    log.warn("live feed: cannot listen ({}); next try in {} ms", e.getMessage(), backoff.toMillis());
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : backoff.multipliedBy(2);
                    continue;
                }
            }
            try {
                receive(c);
            } catch (SQLException e) {
                if (!closed) {
                    log.warn("live feed: lost the listening connection ({}); reconnecting", e.getMessage());
                }
                closeQuietly(c);
                c = null;
            }
        }
        closeQuietly(c);
    }

    /** Delivers notifications until the connection fails or the feed closes. */
    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long silentSince = System.nanoTime();
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    LiveEventCodec.decode(n.getParameter()).ifPresentOrElse(listeners::deliver,
                            () -> log.warn("live feed: ignored a payload it cannot read"));
                }
                silentSince = System.nanoTime();
            } else if (System.nanoTime() - silentSince > PROBE_AFTER.toNanos()) {
                // A peer that vanished without a reset would otherwise leave this waiting forever.
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                silentSince = System.nanoTime();
            }
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** The server process of the listening connection, 0 when there is none; for tests of the reconnection. */
    int listeningBackend() throws SQLException {
        Connection c = listening;
        return c == null ? 0 : c.unwrap(PGConnection.class).getBackendPID();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("live feed: closing the listening connection failed", e);
            }
        }
    }
}
