package dev.parley.core.conversation.user;

import java.time.Instant;

/**
 * A user ({@code US} SID) of a Conversation Service: the chat identity behind participants of that identity, with a
 * service role.
 */
public record ConversationUser(String sid, String accountSid, String chatServiceSid, String identity,
        String friendlyName, String attributes, String roleSid, Instant dateCreated, Instant dateUpdated) {
}
