package dev.parley.core.conversation;

import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.inbound.ConversationRouter;
import dev.parley.core.message.Message;
import dev.parley.core.tx.Tx;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routes a received message into the conversation where its sender is a participant on the number it was sent to
 * (address = From, proxy address = To, conversation not closed): it becomes a conversation message authored by that
 * participant's address and fans out to the others. A group MMS ({@link Message#group()}) goes to the group text
 * whose projected address received it, whose handsets include the sender, and whose members are exactly the message's
 * sender and recipients (ADR 0018).
 */
public final class ConversationInbound implements ConversationRouter {
    private final ConversationMessageService messages;

    public ConversationInbound(ConversationMessageService messages) {
        this.messages = messages;
    }

    @Override
    public boolean route(Tx tx, Message received) {
        if (received.group()) {
            return routeGroup(tx, received);
        }
        List<Participant> bound = tx.conversations().openBindings(received.accountSid(), received.from(),
                received.to());
        if (bound.isEmpty()) {
            return false;
        }
        // 50416 keeps a pair in one open conversation; should two exist anyway, the oldest participant wins.
        messages.addFrom(tx, bound.getFirst(), received);
        return true;
    }

    /**
     * Every projected address of the group receives its own copy of a handset's group MMS; the copy received by the
     * group's first projected address becomes the one conversation message, the others are taken and dropped (the
     * chat participants read the conversation, the handsets had it from the carrier).
     */
    private boolean routeGroup(Tx tx, Message received) {
        Set<String> sentTo = new HashSet<>(received.groupRecipients());
        sentTo.add(received.from());
        sentTo.add(received.to());
        for (Participant projection : tx.conversations().openProjections(received.accountSid(), received.to())) {
            List<Participant> participants = tx.conversations().participants(received.accountSid(),
                    projection.conversationSid());
            if (!new HashSet<>(GroupTexting.members(participants)).equals(sentTo)) {
                continue;
            }
            Optional<Participant> author = participants.stream()
                    .filter(p -> GroupTexting.handset(p.binding()) && p.binding().address().equals(received.from()))
                    .findFirst();
            if (author.isEmpty()) {
                continue;
            }
            String first = participants.stream().map(p -> p.binding().projectedAddress()).filter(a -> a != null)
                    .findFirst().orElseThrow();
            if (first.equals(received.to())) {
                messages.addFrom(tx, author.get(), received);
            }
            return true;
        }
        return false;
    }
}
