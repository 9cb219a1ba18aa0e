package dev.parley.core.webhook;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Idle keep-alive connections per host and port. Most recently used first, so a busy host works on a
 * few warm connections and the rest age out. At most {@code maxIdlePerHost} are kept per endpoint; one
 * idle longer than {@code idleTimeoutMillis} is closed rather than handed out (the receiver has likely
 * dropped it by then). {@link #evictIdle} closes those of endpoints nobody calls any more.
 */
final class Http1ConnectionPool {
    record Endpoint(String host, int port) {
    }

    private final ConcurrentHashMap<Endpoint, Idle> idle = new ConcurrentHashMap<>();
    private final int maxIdlePerHost;
    private final long idleTimeoutMillis;
    private final Clock clock;

    Http1ConnectionPool(int maxIdlePerHost, long idleTimeoutMillis, Clock clock) {
        this.maxIdlePerHost = maxIdlePerHost;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.clock = clock;
    }

    /** An idle connection to {@code endpoint}, now owned by the caller; null when there is none. */
    Http1Connection take(Endpoint endpoint) {
        Idle pool = idle.get(endpoint);
        if (pool == null) {
            return null;
        }
        long now = clock.millis();
        List<Http1Connection> expired = null;
        Http1Connection found = null;
        pool.lock.lock();
        try {
            Http1Connection c = pool.connections.pollFirst();
            if (c != null && now - c.idleSinceMillis() > idleTimeoutMillis) {
                // The newest is stale, so all older ones are too.
                expired = new ArrayList<>(pool.connections);
                expired.add(c);
                pool.connections.clear();
            } else {
                found = c;
            }
        } finally {
            pool.lock.unlock();
        }
        closeAll(expired);
        return found;
    }

    /** Takes back a connection whose last exchange ended cleanly; closes it if the endpoint has enough. */
    void give(Endpoint endpoint, Http1Connection connection) {
        connection.idleSince(clock.millis());
        Idle pool = idle.computeIfAbsent(endpoint, e -> new Idle());
        boolean kept;
        pool.lock.lock();
        try {
            kept = pool.connections.size() < maxIdlePerHost;
            if (kept) {
                pool.connections.addFirst(connection);
            }
        } finally {
            pool.lock.unlock();
        }
        if (!kept) {
            connection.close();
        }
    }

    /** Closes every connection idle for longer than the idle timeout. */
    void evictIdle() {
        long now = clock.millis();
        for (Idle pool : idle.values()) {
            List<Http1Connection> expired = new ArrayList<>();
            pool.lock.lock();
            try {
                Http1Connection oldest;
                while ((oldest = pool.connections.peekLast()) != null
                        && now - oldest.idleSinceMillis() > idleTimeoutMillis) {
                    expired.add(pool.connections.pollLast());
                }
            } finally {
                pool.lock.unlock();
            }
            closeAll(expired);
        }
    }

    int idleCount(Endpoint endpoint) {
        Idle pool = idle.get(endpoint);
        if (pool == null) {
            return 0;
        }
        pool.lock.lock();
        try {
            return pool.connections.size();
        } finally {
            pool.lock.unlock();
        }
    }

    void closeAll() {
        for (Idle pool : idle.values()) {
            List<Http1Connection> all;
            pool.lock.lock();
            try {
                all = new ArrayList<>(pool.connections);
                pool.connections.clear();
            } finally {
                pool.lock.unlock();
            }
            closeAll(all);
        }
    }

    private static void closeAll(List<Http1Connection> connections) {
        if (connections != null) {
            connections.forEach(Http1Connection::close);
        }
    }

    /** A ReentrantLock rather than synchronized: callers are virtual threads, and the code targets Java 21. */
    private static final class Idle {
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<Http1Connection> connections = new ArrayDeque<>();
    }
}
