package dev.parley.channels.smpp.server;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code submit_sm} of one bind that are read and not yet answered, by sequence number (a client reusing a number
 * holds one place per submit all the same). A submit jSMPP answers itself without reaching Parley (a full processing
 * queue) would hold its place forever, so a place older than {@link #STALE_NANOS} no longer counts.
 */
final class InflightWindow {
    static final long STALE_NANOS = 30_000_000_000L;
    private final Map<Integer, ArrayDeque<Long>> inflight = new HashMap<>();
    private int size;

    /** Takes a place for {@code sequence} when fewer than {@code window} are in flight; false when full. */
    synchronized boolean tryEnter(int sequence, int window, long nowNanos) {
        if (size >= window) {
            dropStale(nowNanos);
        }
        if (size >= window) {
            return false;
        }
        inflight.computeIfAbsent(sequence, k -> new ArrayDeque<>(1)).addLast(nowNanos);
        size++;
        return true;
    }

    /** Whether {@code sequence} holds a place (it was read while the bind was up). */
    synchronized boolean holds(int sequence) {
        return inflight.containsKey(sequence);
    }

    synchronized void leave(int sequence) {
        ArrayDeque<Long> places = inflight.get(sequence);
        if (places != null) {
            places.pollFirst();
            size--;
            if (places.isEmpty()) {
                inflight.remove(sequence);
            }
        }
    }

    synchronized int size() {
        return size;
    }

    private void dropStale(long nowNanos) {
        for (Iterator<ArrayDeque<Long>> it = inflight.values().iterator(); it.hasNext();) {
            ArrayDeque<Long> places = it.next();
            int before = places.size();
            places.removeIf(at -> nowNanos - at > STALE_NANOS);
            size -= before - places.size();
            if (places.isEmpty()) {
                it.remove();
            }
        }
    }
}
