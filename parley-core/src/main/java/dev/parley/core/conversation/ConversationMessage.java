package dev.parley.core.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A message of a conversation ({@code IM} SID). {@code index} is its place in the conversation's history: 0, 1,
 * 2… with no gap and no repeat. {@code participantSid} is its author's participant, when the author is one.
 */
public record ConversationMessage(String sid, String accountSid, String conversationSid, String chatServiceSid,
        long index, String author, String body, List<String> mediaSids, String attributes, String participantSid,
        Instant dateCreated, Instant dateUpdated) {

    public ConversationMessage {
        mediaSids = mediaSids == null ? List.of() : List.copyOf(mediaSids);
    }
}
