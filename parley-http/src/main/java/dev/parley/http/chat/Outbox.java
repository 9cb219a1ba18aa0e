package dev.parley.http.chat;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames waiting to be written to one connection, in the order given: one frame in flight on the {@link Wire},
 * the rest queued here. {@link #offer} never blocks. The queue is bounded in characters: a client that reads slower
 * than its frames arrive is refused (the caller closes it) instead of growing the server's heap; it reconnects and
 * resumes from its last index.
 */
final class Outbox {
    private final Wire wire;
    private final long limitChars;
    private final Runnable onFailure;
    private final ArrayDeque<String> queue = new ArrayDeque<>(4);
    private long queuedChars;
    private boolean sending;
    private boolean held;
    private boolean closed;

    /** {@code onFailure} runs (once per failed write) when the wire fails a frame: the connection is gone. */
    Outbox(Wire wire, long limitChars, Runnable onFailure) {
        this.wire = wire;
        this.limitChars = limitChars;
        this.onFailure = onFailure;
    }

    /**
     * Queues {@code frame} behind those before it; false, and nothing queued, when the queue would pass its bound.
     * After {@link #close} frames are dropped (true: nothing to refuse).
     */
    boolean offer(String frame) {
        synchronized (queue) {
            if (closed) {
                return true;
            }
            if (sending || held) {
                if (queuedChars + frame.length() > limitChars) {
                    return false;
                }
                queue.addLast(frame);
                queuedChars += frame.length();
                return true;
            }
            sending = true;
        }
        write(frame);
        return true;
    }

    /** Queues frames without writing them until {@link #release}. */
    void hold() {
        synchronized (queue) {
            held = true;
        }
    }

    /** Writes what {@link #hold} kept back, in order, and what follows as it comes. */
    void release() {
        String first;
        synchronized (queue) {
            held = false;
            if (sending || closed) {
                return;
            }
            first = queue.pollFirst();
            if (first == null) {
                return;
            }
            queuedChars -= first.length();
            sending = true;
        }
        write(first);
    }

    /** Frames queued, not counting the one in flight. */
    int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Drops what is queued and refuses nothing from now on; the frame in flight, if any, still completes. */
    void close() {
        synchronized (queue) {
            closed = true;
            queue.clear();
            queuedChars = 0;
        }
    }

    /**
     * Writes {@code frame}, then each next one, while the wire completes them before {@code sendText} returns; a write
     * completed later goes on from its callback. A loop rather than recursion: a fast wire must not grow the stack.
     */
    private void write(String frame) {
        String next = frame;
        while (next != null) {
            Completion completion = new Completion();
            wire.sendText(next, completion);
            if (!completion.returned()) {
                return;
            }
            if (completion.failure) {
                return;
            }
            next = nextOrIdle();
        }
    }

    private String nextOrIdle() {
        synchronized (queue) {
            String next = held ? null : queue.pollFirst();
            if (next == null) {
                sending = false;
            } else {
                queuedChars -= next.length();
            }
            return next;
        }
    }

    private void failed() {
        synchronized (queue) {
            closed = true;
            queue.clear();
            queuedChars = 0;
            sending = false;
        }
        onFailure.run();
    }

    /**
     * One frame's completion, racing the return of {@code sendText}: whichever comes second goes on with the next
     * frame (the writer's loop if the wire completed at once, else the callback).
     */
    private final class Completion implements Wire.Done {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int COMPLETED = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private volatile boolean failure;

        /** Called by the writer after {@code sendText} returned: true when the frame was already written. */
        boolean returned() {
            return !state.compareAndSet(PENDING, RETURNED);
        }

        @Override
        public void written() {
            if (!state.compareAndSet(PENDING, COMPLETED)) {
                write(nextOrIdle());
            }
        }

        @Override
        public void failed(Throwable cause) {
            failure = true;
            state.set(COMPLETED);
            Outbox.this.failed();
        }
    }
}
