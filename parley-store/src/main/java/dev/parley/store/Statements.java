package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prepared statements of one physical connection, kept open for the life of the connection: SQLite parses the
 * SQL at every {@code prepareStatement}, and pgjdbc switches a statement it sees repeatedly to a server-side prepared
 * one. Statements are prepared on the driver's own connection, not the pool's proxy, which would close them every
 * time the connection goes back to the pool.
 *
 * <p>Not thread-safe, and needs not be: a pooled connection is used by one thread at a time, and the pool's
 * hand-over orders one borrower's use before the next one's.
 */
final class Statements implements AutoCloseable {
    private final Connection physical;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    private Statements(Connection physical) {
        this.physical = physical;
    }

    /** The statement for {@code sql} on this connection, prepared on first use. Its parameters may hold old values. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = cache.get(sql);
        if (statement == null) {
            statement = physical.prepareStatement(sql);
            cache.put(sql, statement);
        }
        return statement;
    }

    /** Closes every statement; the connection stays open. */
    @Override
    public void close() {
        for (PreparedStatement statement : cache.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // The connection is going away or already gone; its statements with it.
            }
        }
        cache.clear();
    }

    /**
     * The caches of a pool's connections, keyed by physical connection. A connection the pool retired is dropped
     * (with its statements) when the next new connection is first seen.
     */
    static final class Registry implements AutoCloseable {
        private final Map<Connection, Statements> byConnection = new ConcurrentHashMap<>();

        /** The cache of the physical connection behind {@code pooled}. */
        Statements of(Connection pooled) throws SQLException {
            Connection physical = pooled.unwrap(Connection.class);
            Statements statements = byConnection.get(physical);
            return statements != null ? statements : register(physical);
        }

        private Statements register(Connection physical) {
            byConnection.entrySet().removeIf(entry -> {
                if (isClosed(entry.getKey())) {
                    entry.getValue().close();
                    return true;
                }
                return false;
            });
            Statements statements = new Statements(physical);
            byConnection.put(physical, statements);
            return statements;
        }

        private static boolean isClosed(Connection connection) {
            try {
                return connection.isClosed();
            } catch (SQLException e) {
                return true;
            }
        }

        /** Closes every cached statement; call before the pool closes its connections. */
        @Override
        public void close() {
            byConnection.values().forEach(Statements::close);
            byConnection.clear();
        }
    }
}
