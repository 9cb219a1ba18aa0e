package dev.parley.core.conversation;

import java.time.Instant;

/**
 * A conversation ({@code CH} SID) of a {@link ChatService}. {@code attributes} is a JSON text, "{}" by default.
 */
public record Conversation(String sid, String accountSid, String chatServiceSid, String messagingServiceSid,
        String friendlyName, String uniqueName, String attributes, ConversationState state, Timers timers,
        Instant dateCreated, Instant dateUpdated) {

    /**
     * The timers as given (ISO 8601 durations, null when unset) and when they fire next (null when they will not:
     * unset, already fired, or the conversation is closed).
     */
    public record Timers(String inactive, String closed, Instant dateInactive, Instant dateClosed) {
        public static final Timers NONE = new Timers(null, null, null, null);

        /** The earliest instant a timer fires, or null. */
        public Instant nextDue() {
            if (dateInactive == null) {
                return dateClosed;
            }
            return dateClosed == null || dateInactive.isBefore(dateClosed) ? dateInactive : dateClosed;
        }
    }

    public Conversation with(ConversationState newState, Timers newTimers, Instant now) {
        return new Conversation(sid, accountSid, chatServiceSid, messagingServiceSid, friendlyName, uniqueName,
                attributes, newState, newTimers, dateCreated, now);
    }
}
