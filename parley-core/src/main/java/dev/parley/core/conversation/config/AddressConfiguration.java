package dev.parley.core.conversation.config;

import java.time.Instant;
import java.util.List;

/**
 * An address configuration ({@code IG} SID, {@code /conversations/v1/Configuration/Addresses}): what a message
 * received on one of the account's addresses does when its sender is in no open conversation on it. {@code address}
 * is in wire form ({@code +E.164}, or {@code whatsapp:+E.164} for type whatsapp).
 */
public record AddressConfiguration(String sid, String accountSid, String type, String address, String friendlyName,
        String addressCountry, AutoCreation autoCreation, Instant dateCreated, Instant dateUpdated) {

    /**
     * Auto-creation: when {@code enabled}, such a message starts a conversation in {@code conversationServiceSid}
     * (null: the account's default service). {@code type} is webhook, studio or default; for webhook, the events in
     * {@code webhookFilters} are posted to {@code webhookUrl}.
     */
    public record AutoCreation(boolean enabled, String type, String conversationServiceSid, String webhookUrl,
            String webhookMethod, List<String> webhookFilters, String studioFlowSid, Integer studioRetryCount) {
        public AutoCreation {
            webhookFilters = webhookFilters == null ? List.of() : List.copyOf(webhookFilters);
        }
    }

    public AddressConfiguration with(String newFriendlyName, AutoCreation newAutoCreation, Instant now) {
        return new AddressConfiguration(sid, accountSid, type, address, newFriendlyName, addressCountry,
                newAutoCreation, dateCreated, now);
    }
}
