package dev.parley.store;

import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.live.LiveFeed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The live feed of a database only one process writes (SQLite): the writer hands it the events of each group commit,
 * in commit order, and one dispatcher thread delivers them. Handing over is a queue insert: the writer never waits
 * for a listener. The thread starts with the first listener; until then events are dropped, since nobody hears them.
 */
final class LocalLiveFeed implements LiveFeed, AutoCloseable {
    // Its own instance: compared by identity.
    private static final List<LiveEvent> STOP = Collections.unmodifiableList(new ArrayList<>());

    private final LiveListeners listeners = new LiveListeners();
    private final BlockingQueue<List<LiveEvent>> queue = new LinkedBlockingQueue<>();
    private Thread dispatcher;
    private volatile boolean closed;

    @Override
    public synchronized void subscribe(Consumer<LiveEvent> listener) {
        listeners.add(listener);
        if (dispatcher == null && !closed) {
            dispatcher = Thread.ofPlatform().name("parley-live").daemon(true).start(this::run);
        }
    }

    @Override
    public void publishNow(LiveEvent event) {
        committed(List.of(event));
    }

    /** The events of units that have just committed, in their order. Called by the writer; never blocks. */
    void committed(List<LiveEvent> events) {
        if (!events.isEmpty() && !listeners.isEmpty() && !closed) {
            queue.add(events);
        }
    }

    /** Events handed over and not yet delivered; for tests. */
    int pending() {
        return queue.size();
    }

    private void run() {
        try {
            while (true) {
                List<LiveEvent> events = queue.take();
                if (events == STOP) {
                    return;
                }
                events.forEach(listeners::deliver);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivers what was already handed over, then stops. */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            thread = dispatcher;
        }
        if (thread != null) {
            queue.add(STOP);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
