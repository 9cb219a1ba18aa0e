package dev.parley.store;

import dev.parley.core.conversation.live.LiveEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of a live feed: each event goes to every one, and one that throws does not stop the others. */
final class LiveListeners {
    private static final Logger log = LoggerFactory.getLogger(LiveListeners.class);

    private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<LiveEvent> listener) {
        listeners.add(listener);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    void deliver(LiveEvent event) {
        for (Consumer<LiveEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.error("a live event listener failed on {} of {}", event.type(), event.conversationSid(), e);
            }
        }
    }
}
