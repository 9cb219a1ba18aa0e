package dev.parley.core.conversation.config;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationTimers;
import dev.parley.core.conversation.user.Role;
import dev.parley.core.conversation.user.Roles;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.util.Map;

/**
 * The account's Conversations configuration ({@code /conversations/v1/Configuration}): its default chat service
 * (the one the unscoped paths act on), and the default messaging service and timers given to conversations created
 * without their own. A refusal writes nothing; a returned configuration is committed.
 */
public final class ConversationConfigurationService {
    private final Storage storage;
    private final ChatServiceService services;
    private final IdGenerator ids;
    private final Clock clock;

    public ConversationConfigurationService(Storage storage, ChatServiceService services, IdGenerator ids,
            Clock clock) {
        this.storage = storage;
        this.services = services;
        this.ids = ids;
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

    /**
     * The configuration of the account's service {@code chatServiceSid} (Twilio's 404 for another's). A role not set
     * shows the service's default one (channel admin for a conversation's creator, channel user for participants,
     * service user for users), created with the service's default roles if they do not exist yet.
     */
    public ServiceConfiguration fetchService(String accountSid, String chatServiceSid) {
        String service = services.resolve(accountSid, chatServiceSid);
        return storage.write(tx -> effective(tx, stored(tx, accountSid, service)));
    }

    /**
     * Sets the service's default roles (each a role of the service, of the conversation type for a conversation's
     * creator and participants, of the service type for users) and the reachability switch. New participants and users
     * of the service get the default roles ({@link Roles}).
     */
    public ServiceConfiguration updateService(String accountSid, String chatServiceSid, ServiceChanges c) {
        String service = services.resolve(accountSid, chatServiceSid);
        Boolean reachability = c.reachabilityEnabled() == null || c.reachabilityEnabled().isBlank() ? null
                : switch (c.reachabilityEnabled().strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw ApiException.badRequest(20001, "ReachabilityEnabled must be true or false, not "
                            + c.reachabilityEnabled());
                };
        return storage.write(tx -> {
            ServiceConfiguration current = stored(tx, accountSid, service);
            ServiceConfiguration updated = new ServiceConfiguration(accountSid, service,
                    role(tx, current, c.conversationCreatorRoleSid(), current.conversationCreatorRoleSid(),
                            Role.Type.CONVERSATION, "DefaultConversationCreatorRoleSid"),
                    role(tx, current, c.conversationRoleSid(), current.conversationRoleSid(), Role.Type.CONVERSATION,
                            "DefaultConversationRoleSid"),
                    role(tx, current, c.chatServiceRoleSid(), current.chatServiceRoleSid(), Role.Type.SERVICE,
                            "DefaultChatServiceRoleSid"),
                    reachability == null ? current.reachabilityEnabled() : reachability, clock.instant());
            tx.conversationConfig().saveServiceConfiguration(updated);
            return effective(tx, updated);
        });
    }

    private static ServiceConfiguration stored(Tx tx, String accountSid, String service) {
        return tx.conversationConfig().serviceConfiguration(accountSid, service)
                .orElseGet(() -> ServiceConfiguration.none(accountSid, service));
    }

    /** {@code c} with the service's default roles in place of the unset ones. */
    private ServiceConfiguration effective(Tx tx, ServiceConfiguration c) {
        Map<String, Role> defaults = Roles.defaultsIn(tx, ids, clock, c.accountSid(), c.chatServiceSid());
        return new ServiceConfiguration(c.accountSid(), c.chatServiceSid(),
                c.conversationCreatorRoleSid() != null ? c.conversationCreatorRoleSid()
                        : defaults.get(Roles.CHANNEL_ADMIN).sid(),
                c.conversationRoleSid() != null ? c.conversationRoleSid() : defaults.get(Roles.CHANNEL_USER).sid(),
                c.chatServiceRoleSid() != null ? c.chatServiceRoleSid() : defaults.get(Roles.SERVICE_USER).sid(),
                c.reachabilityEnabled(), c.dateUpdated());
    }

    /** A role SID as given, checked to be a role of the service of {@code type}; null keeps {@code current}. */
    private static String role(Tx tx, ServiceConfiguration config, String given, String current, Role.Type type,
            String name) {
        if (given == null) {
            return current;
        }
        if (given.isBlank()) {
            return null;
        }
        String sid = given.strip();
        Role role = tx.roles().find(config.accountSid(), config.chatServiceSid(), sid).orElseThrow(() ->
                ApiException.badRequest(20001, name + " " + sid + " is not a role of Conversation Service "
                        + config.chatServiceSid()));
        if (role.type() != type) {
            throw ApiException.badRequest(20001, name + " " + sid + " is a " + role.type().wire() + " role; a "
                    + type.wire() + " role is needed here");
        }
        return sid;
    }

    /** The account's defaults, all unset when it never configured any. */
    public static ConversationDefaults defaults(Tx tx, String accountSid) {
        return tx.conversationConfig().defaults(accountSid).orElseGet(() -> ConversationDefaults.none(accountSid));
    }

    /** A checked timer, or null for "" (which clears it). */
    private static String timer(String checked) {
        return checked == null || checked.isBlank() ? null : checked;
    }
}
