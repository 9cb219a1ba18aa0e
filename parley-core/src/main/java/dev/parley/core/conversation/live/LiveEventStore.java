package dev.parley.core.conversation.live;

/**
 * Publishes live events inside the caller's transaction: they reach {@link LiveFeed} listeners on every node once,
 * and only once, the transaction commits (PostgreSQL: {@code NOTIFY}, which is transactional; SQLite: after the
 * group commit), in commit order. Reached through {@code Tx.liveEvents()}.
 */
public interface LiveEventStore {

    void publish(LiveEvent event);
}
