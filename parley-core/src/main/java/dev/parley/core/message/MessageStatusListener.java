package dev.parley.core.message;

import dev.parley.core.tx.Tx;

/**
 * Told of every status change of a Messaging-layer message, inside the transaction that stores it (the same call
 * that enqueues its status callback, {@link StatusCallbacks#enqueue}): what it writes commits with the change.
 * Called for messages of every account; an implementation must ignore the ones it does not know, cheaply.
 */
@FunctionalInterface
public interface MessageStatusListener {
    MessageStatusListener NONE = (tx, message) -> { };

    void statusChanged(Tx tx, Message message);
}
