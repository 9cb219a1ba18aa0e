package dev.parley.core.conversation.user;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's permission names, each service's four default roles, and the permission check for a chat identity.
 *
 * <p>As on Twilio, REST calls made with account credentials act as an administrator: roles do not limit them. Roles
 * limit what a chat identity does when it acts itself (an SDK client over the web-chat channel): {@link #check} is
 * the one place that decides, for that channel to call.
 */
public final class Roles {
    public static final String SERVICE_ADMIN = "service admin";
    public static final String SERVICE_USER = "service user";
    public static final String CHANNEL_ADMIN = "channel admin";
    public static final String CHANNEL_USER = "channel user";

    /** What a participant (a conversation role) may be granted. */
    public static final Set<String> CONVERSATION_PERMISSIONS = Set.of("addNonChatParticipant", "addParticipant",
            "deleteAnyMessage", "deleteConversation", "deleteOwnMessage", "editAnyMessage", "editAnyMessageAttributes",
            "editAnyParticipantAttributes", "editConversationAttributes", "editConversationName",
            "editNotificationLevel", "editOwnMessage", "editOwnMessageAttributes", "editOwnParticipantAttributes",
            "leaveConversation", "removeParticipant", "sendMediaMessage", "sendMessage");

    /** What a user (a service role) may be granted. */
    public static final Set<String> SERVICE_PERMISSIONS = Set.of("addParticipant", "createConversation",
            "deleteAnyMessage", "deleteConversation", "editAnyMessage", "editAnyMessageAttributes",
            "editAnyParticipantAttributes", "editAnyUserInfo", "editConversationAttributes", "editConversationName",
            "editOwnUserInfo", "joinConversation", "removeParticipant");

    /** The default roles every service has, by name, with their type and permissions (in Twilio's order). */
    static final Map<String, Template> DEFAULTS = defaults();

    /** A default role as created for each service. */
    record Template(Role.Type type, List<String> permissions) {
    }

    private Roles() {
    }

    private static Map<String, Template> defaults() {
        Map<String, Template> d = new LinkedHashMap<>();
        d.put(SERVICE_ADMIN, new Template(Role.Type.SERVICE, List.of("addParticipant", "createConversation",
                "deleteAnyMessage", "deleteConversation", "editAnyMessage", "editAnyMessageAttributes",
                "editAnyParticipantAttributes", "editAnyUserInfo", "editConversationAttributes",
                "editConversationName", "editOwnUserInfo", "joinConversation", "removeParticipant")));
        d.put(SERVICE_USER, new Template(Role.Type.SERVICE, List.of("createConversation", "editOwnUserInfo",
                "joinConversation")));
        d.put(CHANNEL_ADMIN, new Template(Role.Type.CONVERSATION, List.of("addNonChatParticipant", "addParticipant",
                "deleteAnyMessage", "deleteConversation", "deleteOwnMessage", "editAnyMessage",
                "editAnyMessageAttributes", "editAnyParticipantAttributes", "editConversationAttributes",
                "editConversationName", "editNotificationLevel", "editOwnMessage", "editOwnMessageAttributes",
                "editOwnParticipantAttributes", "leaveConversation", "removeParticipant", "sendMediaMessage",
                "sendMessage")));
        d.put(CHANNEL_USER, new Template(Role.Type.CONVERSATION, List.of("deleteOwnMessage", "editNotificationLevel",
                "editOwnMessage", "editOwnMessageAttributes", "editOwnParticipantAttributes", "leaveConversation",
                "sendMediaMessage", "sendMessage")));
        return Map.copyOf(d);
    }

    /**
     * The service's default roles, created in the caller's transaction if they do not exist yet (each exactly once:
     * a unique index decides between racing creators).
     */
    public static Map<String, Role> defaultsIn(Tx tx, IdGenerator ids, Clock clock, String accountSid,
            String serviceSid) {
        Map<String, Role> found = new LinkedHashMap<>();
        for (Role r : tx.roles().defaults(accountSid, serviceSid)) {
            found.put(r.defaultName(), r);
        }
        if (found.size() == DEFAULTS.size()) {
            return found;
        }
        Instant now = clock.instant();
        for (String name : List.of(SERVICE_ADMIN, SERVICE_USER, CHANNEL_ADMIN, CHANNEL_USER)) {
            if (!found.containsKey(name)) {
                Template t = DEFAULTS.get(name);
                tx.roles().insert(new Role(ids.sid("RL"), accountSid, serviceSid, name, t.type(), t.permissions(),
                        name, now, now));
            }
        }
        found.clear();
        for (Role r : tx.roles().defaults(accountSid, serviceSid)) {
            found.put(r.defaultName(), r);
        }
        return found;
    }

    /**
     * The role a new participant or user gets: the one given (which must be a role of the service of the
     * {@code expected} type), else the default of that type the service's Configuration names, else the service's
     * default role of that type.
     */
    public static String assign(Tx tx, IdGenerator ids, Clock clock, String accountSid, String serviceSid, String given,
            Role.Type expected) {
        if (given == null || given.isBlank()) {
            // The service's Configuration may name other default roles (DefaultConversationRoleSid and the like).
            var configured = tx.conversationConfig().serviceConfiguration(accountSid, serviceSid)
                    .map(c -> expected == Role.Type.SERVICE ? c.chatServiceRoleSid() : c.conversationRoleSid())
                    .flatMap(sid -> tx.roles().find(accountSid, serviceSid, sid));
            if (configured.isPresent()) {
                return configured.get().sid();
            }
            return defaultsIn(tx, ids, clock, accountSid, serviceSid)
                    .get(expected == Role.Type.SERVICE ? SERVICE_USER : CHANNEL_USER).sid();
        }
        Role role = tx.roles().find(accountSid, serviceSid, given.strip()).orElseThrow(() -> ApiException.badRequest(
                20001, "RoleSid " + given + " is not a role of Conversation Service " + serviceSid));
        if (role.type() != expected) {
            throw ApiException.badRequest(20001, "RoleSid " + given + " is a " + role.type().wire()
                    + " role; a " + expected.wire() + " role is needed here");
        }
        return role.sid();
    }

    /** Twilio's permission names of {@code given}, checked against what a role of {@code type} may hold. */
    static List<String> permissions(Role.Type type, List<String> given) {
        if (given == null || given.isEmpty()) {
            throw ApiException.badRequest(20001, "Missing required parameter Permission in the post body");
        }
        Set<String> allowed = type == Role.Type.SERVICE ? SERVICE_PERMISSIONS : CONVERSATION_PERMISSIONS;
        List<String> out = new ArrayList<>();
        for (String p : given) {
            String name = p.strip();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(20001, "Permission " + p + " is not a permission of a " + type.wire()
                        + " role");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Refuses, with Twilio's 50107 (403), an action {@code identity} takes itself in {@code conversationSid} that its
     * participant's role does not grant; with 50430 (403) when the identity is not a participant. A participant
     * without a role holds the service's default conversation role ("channel user").
     */
    public static void check(Tx tx, String accountSid, String conversationSid, String identity, String permission) {
        Participant p = tx.conversations().findParticipantByIdentity(accountSid, conversationSid, identity)
                .orElseThrow(() -> new ApiException(50430, 403, "Participant " + identity
                        + " is not a member of conversation " + conversationSid));
        Role role = p.roleSid() == null ? null : tx.roles().find(accountSid, p.chatServiceSid(), p.roleSid())
                .orElse(null);
        List<String> granted = role != null ? role.permissions() : DEFAULTS.get(CHANNEL_USER).permissions();
        require(granted, identity, permission);
    }

    /** The decision of {@link #check}: refuses with 50107 unless {@code granted} holds {@code permission}. */
    static void require(List<String> granted, String identity, String permission) {
        if (!granted.contains(permission)) {
            throw new ApiException(50107, 403, "User " + identity + " is not authorized to " + permission
                    + " (permissions: " + String.join(",", granted) + ")");
        }
    }
}
