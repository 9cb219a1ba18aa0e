package dev.parley.channels.smpp;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.jsmpp.session.SMPPSession;

/**
 * One connected generation of a bind: its session (or transmitter and receiver), its window, and the submits waiting
 * on it. {@link #lost} opens once when any of its sessions closes; the next generation is a new link with a fresh
 * window, so a permit never outlives its connection.
 */
final class BindLink {
    private static final int WAKE_ALL = 1 << 20;
    final Semaphore window;
    final CountDownLatch lost = new CountDownLatch(1);
    final Set<CompletableFuture<SubmitOutcome>> waiting = ConcurrentHashMap.newKeySet();
    volatile SMPPSession transmitter;
    volatile SMPPSession receiver;
    private volatile String lostReason;

    BindLink(int window) {
        this.window = new Semaphore(window, true);
    }

    /** Marks the link lost for {@code reason} (the first reason stays) and answers the submits waiting on it. */
    void lose(String reason) {
        synchronized (this) {
            if (lostReason == null) {
                lostReason = reason;
            }
        }
        lost.countDown();
        wakeWaiters();
        answerWaiting();
    }

    /**
     * Wakes every send waiting for room in this window, for good: the link is lost or closing, so each finds it so
     * and tries another bind. The permits no longer count anything; {@link #waiting} still counts the submits in
     * flight.
     */
    void wakeWaiters() {
        window.release(WAKE_ALL);
    }

    /** Why the link was lost (null while it is not). */
    String lostReason() {
        return lostReason;
    }

    void answerWaiting() {
        for (CompletableFuture<SubmitOutcome> f : waiting) {
            f.complete(new SubmitOutcome.NoResponse("bind lost with the submit_sm unanswered"));
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
