package dev.parley.core.conversation.config;

import java.time.Instant;

/**
 * An account's Conversations defaults ({@code /conversations/v1/Configuration}), applied to a conversation created
 * without its own messaging service or timers. Null fields are unset. The default chat service is not here: it is
 * the service {@link ChatServiceStore#findDefault} names.
 */
public record ConversationDefaults(String accountSid, String messagingServiceSid, String inactiveTimer,
        String closedTimer, Instant dateUpdated) {

    public static ConversationDefaults none(String accountSid) {
        return new ConversationDefaults(accountSid, null, null, null, null);
    }
}
