package dev.parley.core.conversation.config;

import java.time.Instant;

/**
 * A Conversation Service's configuration ({@code /conversations/v1/Services/{Sid}/Configuration}): the roles given by
 * default to a conversation's creator, to conversation participants and to service users (null when unset), and
 * whether the Reachability Indicator is on.
 */
public record ServiceConfiguration(String accountSid, String chatServiceSid, String conversationCreatorRoleSid,
        String conversationRoleSid, String chatServiceRoleSid, boolean reachabilityEnabled, Instant dateUpdated) {

    public static ServiceConfiguration none(String accountSid, String chatServiceSid) {
        return new ServiceConfiguration(accountSid, chatServiceSid, null, null, null, false, null);
    }
}
