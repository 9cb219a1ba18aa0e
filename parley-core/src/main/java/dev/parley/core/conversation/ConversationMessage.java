package dev.parley.core.conversation;

import dev.parley.core.message.MessageContent;
import java.time.Instant;
import java.util.List;

/**
 * A message of a conversation ({@code IM} SID). {@code index} is its place in the conversation's history: 0, 1,
 * 2… with no gap and no repeat. {@code participantSid} is its author's participant, when the author is one.
 * {@code content} is the Content API template it was created from ({@code ContentSid}, {@code ContentVariables}; its
 * {@code body} is the template rendered for chat), or null.
 */
public record ConversationMessage(String sid, String accountSid, String conversationSid, String chatServiceSid,
        long index, String author, String body, List<String> mediaSids, String attributes, String participantSid,
        Instant dateCreated, Instant dateUpdated, MessageContent content) {

    public ConversationMessage {
        mediaSids = mediaSids == null ? List.of() : List.copyOf(mediaSids);
    }

    /** A message of its own body (no template). */
    public ConversationMessage(String sid, String accountSid, String conversationSid, String chatServiceSid,
            long index, String author, String body, List<String> mediaSids, String attributes, String participantSid,
            Instant dateCreated, Instant dateUpdated) {
        this(sid, accountSid, conversationSid, chatServiceSid, index, author, body, mediaSids, attributes,
                participantSid, dateCreated, dateUpdated, null);
    }
}
