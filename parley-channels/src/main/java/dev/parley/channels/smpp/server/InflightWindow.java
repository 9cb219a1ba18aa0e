package dev.parley.channels.smpp.server;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code submit_sm} of one bind that are read and not yet answered, by sequence number. A submit jSMPP answers
 * itself without reaching Parley (a body it cannot decode, a full processing queue) would hold its place forever, so
 * an entry older than {@link #STALE_NANOS} no longer counts.
 */
final class InflightWindow {
    static final long STALE_NANOS = 30_000_000_000L;
    private final ConcurrentHashMap<Integer, Long> inflight = new ConcurrentHashMap<>();

    /** Takes a place for {@code sequence} when fewer than {@code window} are in flight; false when full. */
    synchronized boolean tryEnter(int sequence, int window, long nowNanos) {
        if (inflight.size() >= window) {
            inflight.values().removeIf(at -> nowNanos - at > STALE_NANOS);
        }
        if (inflight.size() >= window) {
            return false;
        }
        inflight.put(sequence, nowNanos);
        return true;
    }

    /** Whether {@code sequence} holds a place (it was read while the bind was up). */
    boolean holds(int sequence) {
        return inflight.containsKey(sequence);
    }

    void leave(int sequence) {
        inflight.remove(sequence);
    }

    int size() {
        return inflight.size();
    }
}
