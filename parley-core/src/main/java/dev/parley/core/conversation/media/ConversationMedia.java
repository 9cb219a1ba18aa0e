package dev.parley.core.conversation.media;

import java.time.Instant;

/**
 * A media file of a Conversation Service (Twilio's Media Content Service resource, {@code ME} SID): uploaded through
 * {@code /mcs/v1/Services/{ChatServiceSid}/Media} or received by MMS from a participant's handset. It is attached to
 * at most one conversation message; {@code conversationSid} and {@code messageSid} stay null until then. Its bytes
 * live in {@link dev.parley.core.media.MediaFiles} under the chat service: {@code <account>/<chatServiceSid>/<sid>}.
 */
public record ConversationMedia(String sid, String accountSid, String chatServiceSid, String contentType,
        String filename, long size, String author, String conversationSid, String messageSid, Instant dateCreated,
        Instant dateUpdated) {

    /** Whether a message already carries it (Twilio: 50508 on a second use). */
    public boolean attached() {
        return messageSid != null;
    }

    /** This media, attached to {@code messageSid} of {@code conversation}. */
    public ConversationMedia attachedTo(String conversation, String message, Instant now) {
        return new ConversationMedia(sid, accountSid, chatServiceSid, contentType, filename, size, author,
                conversation, message, dateCreated, now);
    }
}
