package dev.parley.core.conversation.live;

import java.util.function.Consumer;

/**
 * The live events of every node, delivered to this node's listeners: those committed through {@link LiveEventStore}
 * and the ephemeral ones published with {@link #publishNow} (typing indicators, never stored). On PostgreSQL every
 * node sharing the database receives every event ({@code LISTEN/NOTIFY}); on SQLite there is one node.
 */
public interface LiveFeed {

    /** Listeners are called on the feed's own thread, in the order events were committed; they must not block. */
    void subscribe(Consumer<LiveEvent> listener);

    /** Publishes {@code event} at once, outside any transaction. */
    void publishNow(LiveEvent event);
}
