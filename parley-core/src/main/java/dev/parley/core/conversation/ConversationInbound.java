package dev.parley.core.conversation;

import dev.parley.core.inbound.ConversationRouter;
import dev.parley.core.message.Message;
import dev.parley.core.store.Tx;
import java.util.List;

/**
 * Routes a received message into the conversation where its sender is a participant on the number it was sent to
 * (address = From, proxy address = To, conversation not closed): it becomes a conversation message authored by that
 * participant's address and fans out to the others.
 */
public final class ConversationInbound implements ConversationRouter {
    private final ConversationMessageService messages;

    public ConversationInbound(ConversationMessageService messages) {
        this.messages = messages;
    }

    @Override
    public boolean route(Tx tx, Message received) {
        List<Participant> bound = tx.conversations().openBindings(received.accountSid(), received.from(),
                received.to());
        if (bound.isEmpty()) {
            return false;
        }
        // 50416 keeps a pair in one open conversation; should two exist anyway, the oldest participant wins.
        messages.addFrom(tx, bound.getFirst(), received);
        return true;
    }
}
