package dev.parley.channels.smpp;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.jsmpp.session.SMPPSession;

/**
 * One connected generation of a bind: its session (or transmitter and receiver), its window, its room for submits not
 * yet stored, and the threads whose submits await their response on it. {@link #lost} opens once when any of its
 * sessions closes; the next generation is a new link with a fresh window, so a permit never outlives its connection.
 */
final class BindLink {
    private static final int WAKE_ALL = 1 << 20;
    /** The room for unstored segments in windows ({@link #unstoredRoom}). */
    static final int UNSTORED_WINDOWS = 4;
    /**
     * The least room for unstored segments, whatever the window: what one bind acknowledges at 2,000 segments/s in the
     * 100 ms a segment's id may take to commit under load. Four windows alone held window 10 back: one bind made
     * 1,367/s with room for 40, 1,747/s for 100 and 2,064/s for 200 (bench/RESULTS.md, 2026-12-08).
     */
    static final int MIN_UNSTORED = 200;
    /** One permit per {@code submit_sm} awaiting its response: SMPP's window. */
    final Semaphore window;
    /**
     * One permit per segment from its submit until its SMSC id is committed (or its commit failed):
     * {@link #unstoredRoom}, the window's submits awaiting a response and the acknowledged whose ids are still being
     * stored. What a crash can make the SMSC see twice is acknowledged and not stored, so this bounds it (ADR 0024).
     */
    final Semaphore unstored;
    /** The window slots of the submits on the wire, by sequence number: each is given back as its response is read. */
    private final Map<Integer, Runnable> onTheWire = new ConcurrentHashMap<>();
    final CountDownLatch lost = new CountDownLatch(1);
    /** The threads submitting on this link, each with its submit. */
    private final Map<Thread, Submit> submitters = new HashMap<>();
    volatile SMPPSession transmitter;
    volatile SMPPSession receiver;
    private volatile String lostReason;

    BindLink(int window) {
        this.window = new Semaphore(window, true);
        this.unstored = new Semaphore(unstoredRoom(window), true);
    }

    /** How many segments a bind at {@code window} may have submitted and not stored yet. */
    static int unstoredRoom(int window) {
        return Math.max(UNSTORED_WINDOWS * window, MIN_UNSTORED);
    }

    /** Marks the link lost for {@code reason} (the first reason stays) and interrupts the submits awaiting a response. */
    void lose(String reason) {
        synchronized (this) {
            if (lostReason == null) {
                lostReason = reason;
            }
        }
        lost.countDown();
        wakeWaiters();
        interruptSubmitters();
    }

    /**
     * One thread's submit: its window slot, given back once by whoever comes first (the reader on the response, or the
     * thread when it is over), the sequence number jSMPP gave it, and whether the link's loss interrupted the thread.
     */
    private static final class Submit {
        final Runnable slot;
        int sequence = -1;
        boolean interrupted;

        Submit(Runnable slot) {
            this.slot = slot;
        }
    }

    /**
     * The current thread submits on this link until {@link #leave}, its window slot given back by {@code slot}: the
     * reader gives it back as it reads the response ({@link #responded}), before jSMPP's pool wakes the thread. If the
     * link is lost meanwhile, the thread is interrupted, which ends jSMPP's wait for the response at once. False (and
     * not entered) when it is lost already.
     */
    synchronized boolean enter(Runnable slot) {
        if (lost.getCount() == 0) {
            return false;
        }
        submitters.put(Thread.currentThread(), new Submit(slot));
        return true;
    }

    /**
     * The current thread's submit is over, answered or not (its slot is no longer awaited on the wire); true when the
     * link's loss interrupted it (its interrupt status is then cleared: the interrupt was the link's, and the caller is
     * told by the outcome).
     */
    boolean leave() {
        Submit s;
        synchronized (this) {
            s = submitters.remove(Thread.currentThread());
        }
        if (s == null) {
            return false;
        }
        if (s.sequence >= 0) {
            onTheWire.remove(s.sequence, s.slot);
        }
        if (s.interrupted) {
            Thread.interrupted();
        }
        return s.interrupted;
    }

    /** jSMPP numbered the submit the current thread sends, and is about to write it. */
    void sending(int sequence) {
        Submit s;
        synchronized (this) {
            s = submitters.get(Thread.currentThread());
        }
        if (s != null) {
            s.sequence = sequence;
            onTheWire.put(sequence, s.slot);
        }
    }

    /** The reader read the response (or {@code generic_nack}) to {@code sequence}: that submit's window slot is free. */
    void responded(int sequence) {
        Runnable slot = onTheWire.remove(sequence);
        if (slot != null) {
            slot.run();
        }
    }

    /** Submits awaiting their response. */
    synchronized int inFlight() {
        return submitters.size();
    }

    /**
     * Wakes every send waiting for room in this window (or among its unstored), for good: the link is lost or closing,
     * so each finds it so and tries another bind. The permits no longer count anything; {@link #inFlight} still counts
     * the submits in flight.
     */
    void wakeWaiters() {
        unstored.release(WAKE_ALL);
        window.release(WAKE_ALL);
    }

    /** Why the link was lost (null while it is not). */
    String lostReason() {
        return lostReason;
    }

    private synchronized void interruptSubmitters() {
        for (Map.Entry<Thread, Submit> s : submitters.entrySet()) {
            if (!s.getValue().interrupted) {
                s.getValue().interrupted = true;
                s.getKey().interrupt();
            }
        }
    }

    void unbind() {
        for (SMPPSession s : new SMPPSession[] {receiver, transmitter}) {
            if (s != null && s.getSessionState().isBound()) {
                s.unbindAndClose();
            }
        }
    }

    /** Loses the link for {@code reason} and closes its sessions. */
    void close(String reason) {
        lose(reason);
        for (SMPPSession s : new SMPPSession[] {receiver, transmitter}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
