package dev.parley.core.conversation.live;

/**
 * A change in a conversation that connected web-chat clients are told about as it happens. It names what changed, not
 * its contents: each node reads the current state from the store, so an event can be small enough for PostgreSQL's
 * {@code NOTIFY}, and a late or repeated one is harmless.
 *
 * @param type      one of the constants below
 * @param sid       the message, participant or receipt SID the event is about; the conversation's for conversation
 *                  events
 * @param index     the message's index for message events, else -1
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
}
