package dev.parley.core.inbound;

import dev.parley.core.message.Message;
import dev.parley.core.tx.Tx;

/**
 * The Conversations step of the inbound order (architecture.md): after a received message is stored and its
 * opt-out keyword applied, and before the number's webhook. Called inside the transaction that stores the message.
 */
public interface ConversationRouter {

    /** Routes nowhere: the number's webhook always gets the message. */
    ConversationRouter NONE = (tx, received) -> false;

    /**
     * Hands the received message to the open conversation in which its sender talks to this number, if any.
     *
     * @return true when a conversation took it: the number's webhook is not called then
     */
    boolean route(Tx tx, Message received);
}
