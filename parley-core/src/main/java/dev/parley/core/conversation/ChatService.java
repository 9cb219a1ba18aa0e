package dev.parley.core.conversation;

import java.time.Instant;

/**
 * A Conversation Service ({@code IS} SID): the container of conversations. Each account has one default service,
 * the one Twilio's unscoped {@code /Conversations} paths act on.
 */
public record ChatService(String sid, String accountSid, String friendlyName, boolean isDefault, Instant dateCreated,
        Instant dateUpdated) {
}
