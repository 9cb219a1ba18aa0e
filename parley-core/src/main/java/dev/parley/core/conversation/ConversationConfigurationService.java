package dev.parley.core.conversation;

import dev.parley.core.error.ApiException;
import dev.parley.core.store.Storage;
import java.time.Clock;

/**
 * The account's Conversations configuration ({@code /conversations/v1/Configuration}): its default chat service
 * (the one the unscoped paths act on), and the default messaging service and timers given to conversations created
 * without their own. A refusal writes nothing; a returned configuration is committed.
 */
public final class ConversationConfigurationService {
    private final Storage storage;
    private final ChatServiceService services;
    private final Clock clock;

    public ConversationConfigurationService(Storage storage, ChatServiceService services, Clock clock) {
        this.storage = storage;
        this.services = services;
        this.clock = clock;
    }

    /** The configuration as the API shows it. */
    public record Configuration(String accountSid, String defaultChatServiceSid, ConversationDefaults defaults) {
    }

    /** What an update sets, as given; null leaves a field as it is, "" clears it (but the chat service). */
    public record Changes(String defaultChatServiceSid, String defaultMessagingServiceSid, String inactiveTimer,
            String closedTimer) {
    }

    public Configuration fetch(String accountSid) {
        String chatService = services.ensureDefault(accountSid).sid();
        return new Configuration(accountSid, chatService, storage.read(tx -> defaults(tx, accountSid)));
    }

    public Configuration update(String accountSid, Changes c) {
        String inactive = c.inactiveTimer() == null ? null : timer(ConversationTimers.checkInactive(c.inactiveTimer()));
        String closed = c.closedTimer() == null ? null : timer(ConversationTimers.checkClosed(c.closedTimer()));
        services.ensureDefault(accountSid);
        return storage.write(tx -> {
            String chatService = tx.chatServices().findDefault(accountSid).orElseThrow().sid();
            if (c.defaultChatServiceSid() != null && !c.defaultChatServiceSid().isBlank()) {
                String wanted = c.defaultChatServiceSid().strip();
                if (tx.chatServices().find(accountSid, wanted).isEmpty()) {
                    throw ApiException.badRequest(20001, "DefaultChatServiceSid " + wanted
                            + " is not a Conversation Service of this account");
                }
                tx.chatServices().makeDefault(accountSid, wanted);
                chatService = wanted;
            }
            ConversationDefaults current = defaults(tx, accountSid);
            ConversationDefaults updated = new ConversationDefaults(accountSid,
                    ConversationService.messagingService(tx, accountSid, c.defaultMessagingServiceSid(),
                            current.messagingServiceSid()),
                    c.inactiveTimer() == null ? current.inactiveTimer() : inactive,
                    c.closedTimer() == null ? current.closedTimer() : closed, clock.instant());
            tx.conversationConfig().saveDefaults(updated);
            return new Configuration(accountSid, chatService, updated);
        });
    }

    /** What a service configuration update sets, as given; null leaves a field as it is, "" clears a role. */
    public record ServiceChanges(String conversationCreatorRoleSid, String conversationRoleSid,
            String chatServiceRoleSid, String reachabilityEnabled) {
    }

    /** The configuration of the account's service {@code chatServiceSid} (Twilio's 404 for another's). */
    public ServiceConfiguration fetchService(String accountSid, String chatServiceSid) {
        String service = services.resolve(accountSid, chatServiceSid);
        return storage.read(tx -> tx.conversationConfig().serviceConfiguration(accountSid, service))
                .orElseGet(() -> ServiceConfiguration.none(accountSid, service));
    }

    /**
     * Sets the service's default role SIDs and reachability switch. The role SIDs are checked for their form; which
     * roles exist, and giving them to participants, is the Roles resource's part.
     */
    public ServiceConfiguration updateService(String accountSid, String chatServiceSid, ServiceChanges c) {
        String service = services.resolve(accountSid, chatServiceSid);
        String creator = role(c.conversationCreatorRoleSid(), "DefaultConversationCreatorRoleSid");
        String member = role(c.conversationRoleSid(), "DefaultConversationRoleSid");
        String user = role(c.chatServiceRoleSid(), "DefaultChatServiceRoleSid");
        Boolean reachability = c.reachabilityEnabled() == null || c.reachabilityEnabled().isBlank() ? null
                : switch (c.reachabilityEnabled().strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw ApiException.badRequest(20001, "ReachabilityEnabled must be true or false, not "
                            + c.reachabilityEnabled());
                };
        return storage.write(tx -> {
            ServiceConfiguration current = tx.conversationConfig().serviceConfiguration(accountSid, service)
                    .orElseGet(() -> ServiceConfiguration.none(accountSid, service));
            ServiceConfiguration updated = new ServiceConfiguration(accountSid, service,
                    c.conversationCreatorRoleSid() == null ? current.conversationCreatorRoleSid() : creator,
                    c.conversationRoleSid() == null ? current.conversationRoleSid() : member,
                    c.chatServiceRoleSid() == null ? current.chatServiceRoleSid() : user,
                    reachability == null ? current.reachabilityEnabled() : reachability, clock.instant());
            tx.conversationConfig().saveServiceConfiguration(updated);
            return updated;
        });
    }

    /** A role SID as given, null for "" or absent; 20001 when it is not one. */
    private static String role(String given, String name) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String sid = given.strip();
        if (!sid.matches("RL[0-9a-fA-F]{32}")) {
            throw ApiException.badRequest(20001, name + " " + sid + " is not a Role SID");
        }
        return sid;
    }

    /** The account's defaults, all unset when it never configured any. */
    static ConversationDefaults defaults(dev.parley.core.store.Tx tx, String accountSid) {
        return tx.conversationConfig().defaults(accountSid).orElseGet(() -> ConversationDefaults.none(accountSid));
    }

    /** A checked timer, or null for "" (which clears it). */
    private static String timer(String checked) {
        return checked == null || checked.isBlank() ? null : checked;
    }
}
