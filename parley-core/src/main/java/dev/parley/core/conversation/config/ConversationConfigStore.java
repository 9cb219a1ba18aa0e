package dev.parley.core.conversation.config;

import dev.parley.core.conversation.hook.WebhookConfiguration;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;

/**
 * Persistence of the account's Conversations defaults and address configurations, scoped by account. Every method
 * runs inside the caller's transaction.
 */
public interface ConversationConfigStore {

    Optional<ConversationDefaults> defaults(String accountSid);

    /** Inserts or replaces the account's defaults. */
    void saveDefaults(ConversationDefaults defaults);

    Optional<ServiceConfiguration> serviceConfiguration(String accountSid, String chatServiceSid);

    /** Inserts or replaces the service's configuration. */
    void saveServiceConfiguration(ServiceConfiguration configuration);

    Optional<WebhookConfiguration> webhooks(String accountSid);

    /** Inserts or replaces the account's webhook configuration. */
    void saveWebhooks(WebhookConfiguration configuration);

    /** The service's own webhook configuration ({@code /Services/{Sid}/Configuration/Webhooks}), if it saved one. */
    Optional<WebhookConfiguration> serviceWebhooks(String accountSid, String chatServiceSid);

    /** Inserts or replaces the service's own webhook configuration (its target is always {@code webhook}). */
    void saveServiceWebhooks(String chatServiceSid, WebhookConfiguration configuration);

    /**
     * The configuration the hooks of service {@code chatServiceSid}'s conversations follow, in one read (it is read on
     * every conversation event): the account's ({@link #webhooks}) when that is the account's default service, else
     * the service's own ({@link #serviceWebhooks}); empty when the one that applies was never saved or the service
     * does not exist.
     */
    Optional<WebhookConfiguration> webhooksFor(String accountSid, String chatServiceSid);

    /** The service's push notification settings, if it saved any. */
    Optional<ServiceNotifications> notifications(String accountSid, String chatServiceSid);

    /** Inserts or replaces the service's push notification settings. */
    void saveNotifications(ServiceNotifications notifications);

    /** @return false when the account already has a configuration for that address; nothing is written then */
    boolean insertAddress(AddressConfiguration address);

    void updateAddress(AddressConfiguration address);

    Optional<AddressConfiguration> findAddress(String accountSid, String sid);

    /** The configuration of {@code address} (wire form), if the account has one. */
    Optional<AddressConfiguration> findByAddress(String accountSid, String address);

    /**
     * Holds the configuration's row lock until the transaction ends, so that concurrent auto-creations on one
     * address take turns (and the second sees the first's conversation).
     */
    void lockAddress(String accountSid, String sid);

    /** Newest first; {@code type} null lists every type. */
    Page<AddressConfiguration> listAddresses(String accountSid, String type, PageRequest page);

    /** Deletes the configuration, with the record of the conversations chat identities started on it. */
    boolean deleteAddress(String accountSid, String sid);

    /** Records that chat identity {@code identity} started {@code conversationSid} on chat address {@code addressSid}. */
    void recordChatStart(String accountSid, String addressSid, String identity, String conversationSid,
            java.time.Instant at);

    /** The conversations {@code identity} started on chat address {@code addressSid}, newest first. */
    java.util.List<String> chatStarts(String accountSid, String addressSid, String identity);
}
