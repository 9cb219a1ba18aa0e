package dev.parley.core.conversation.live;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A change in a conversation that connected web-chat clients are told about as it happens. It names what changed, not
 * its contents: each node reads the current state from the store, so an event can be small enough for PostgreSQL's
 * {@code NOTIFY}, and a late or repeated one is harmless.
 *
 * @param type      one of the constants below
 * @param sid       the message, participant or receipt SID the event is about; the conversation's for conversation
 *                  events
 * @param index     the message's index for message and delivery events, else -1
 * @param identity  the chat identity the event is about (the participant's, the typist's), null when none
 */
public record LiveEvent(String accountSid, String conversationSid, String type, String sid, long index,
        String identity) {
    public static final String MESSAGE_ADDED = "message_added";
    public static final String MESSAGE_UPDATED = "message_updated";
    public static final String MESSAGE_REMOVED = "message_removed";
    public static final String DELIVERY_UPDATED = "delivery_updated";
    public static final String PARTICIPANT_JOINED = "participant_joined";
    public static final String PARTICIPANT_UPDATED = "participant_updated";
    public static final String PARTICIPANT_LEFT = "participant_left";
    public static final String READ = "read";
    public static final String TYPING = "typing";
    public static final String CONVERSATION_UPDATED = "conversation_updated";
    public static final String CONVERSATION_REMOVED = "conversation_removed";
    /**
     * Not a change: the feed may have missed events (its connection to the database was lost and is back), so a
     * listener must re-read what it shows from the store. Every other field is null (index -1).
     */
    public static final String RESYNC = "resync";

    /** The signal that events may have been missed. */
    public static LiveEvent resync() {
        return new LiveEvent(null, null, RESYNC, null, -1, null);
    }

    public static LiveEvent messageAdded(ConversationMessage m) {
        return message(MESSAGE_ADDED, m);
    }

    public static LiveEvent messageUpdated(ConversationMessage m) {
        return message(MESSAGE_UPDATED, m);
    }

    public static LiveEvent messageRemoved(ConversationMessage m) {
        return message(MESSAGE_REMOVED, m);
    }

    private static LiveEvent message(String type, ConversationMessage m) {
        return new LiveEvent(m.accountSid(), m.conversationSid(), type, m.sid(), m.index(), null);
    }

    /** Receipt {@code r} (of the message at {@code messageIndex}) was opened or moved. */
    public static LiveEvent deliveryUpdated(DeliveryReceipt r, long messageIndex) {
        return new LiveEvent(r.accountSid(), r.conversationSid(), DELIVERY_UPDATED, r.sid(), messageIndex, null);
    }

    public static LiveEvent participantJoined(Participant p) {
        return participant(PARTICIPANT_JOINED, p);
    }

    public static LiveEvent participantLeft(Participant p) {
        return participant(PARTICIPANT_LEFT, p);
    }

    /**
     * What an update of a participant from {@code before} to {@code after} tells: {@code read} when its read horizon
     * moved, {@code participant_updated} when anything else changed.
     */
    public static List<LiveEvent> participantChanged(Participant before, Participant after) {
        List<LiveEvent> events = new ArrayList<>(2);
        boolean read = !Objects.equals(before.lastReadMessageIndex(), after.lastReadMessageIndex());
        boolean other = !Objects.equals(before.identity(), after.identity())
                || !Objects.equals(before.binding(), after.binding())
                || !Objects.equals(before.attributes(), after.attributes())
                || !Objects.equals(before.roleSid(), after.roleSid());
        if (other) {
            events.add(participant(PARTICIPANT_UPDATED, after));
        }
        if (read) {
            events.add(participant(READ, after));
        }
        return events;
    }

    private static LiveEvent participant(String type, Participant p) {
        return new LiveEvent(p.accountSid(), p.conversationSid(), type, p.sid(), -1, p.identity());
    }

    /** A typing indicator of participant {@code p} (published with {@link LiveFeed#publishNow}). */
    public static LiveEvent typing(Participant p) {
        return participant(TYPING, p);
    }

    public static LiveEvent conversationUpdated(Conversation c) {
        return new LiveEvent(c.accountSid(), c.sid(), CONVERSATION_UPDATED, c.sid(), -1, null);
    }

    public static LiveEvent conversationRemoved(Conversation c) {
        return new LiveEvent(c.accountSid(), c.sid(), CONVERSATION_REMOVED, c.sid(), -1, null);
    }
}
