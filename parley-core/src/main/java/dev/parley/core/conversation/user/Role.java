package dev.parley.core.conversation.user;

import java.time.Instant;
import java.util.List;

/**
 * A role ({@code RL} SID) of a Conversation Service: what a user may do in the service ({@link Type#SERVICE}) or a
 * participant in a conversation ({@link Type#CONVERSATION}), as Twilio's permission names. {@code defaultName} is the
 * name of one of the service's four default roles, null on a custom role.
 */
public record Role(String sid, String accountSid, String chatServiceSid, String friendlyName, Type type,
        List<String> permissions, String defaultName, Instant dateCreated, Instant dateUpdated) {

    public Role {
        permissions = List.copyOf(permissions);
    }

    /** The scope a role applies to; {@link #wire()} is Twilio's {@code type} value. */
    public enum Type {
        CONVERSATION, SERVICE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Twilio's {@code Type} parameter; null when it is neither value. */
        public static Type parse(String given) {
            if (given == null) {
                return null;
            }
            return switch (given.strip()) {
                case "conversation" -> CONVERSATION;
                case "service" -> SERVICE;
                default -> null;
            };
        }
    }

    public boolean grants(String permission) {
        return permissions.contains(permission);
    }

    Role withPermissions(List<String> changed, Instant now) {
        return new Role(sid, accountSid, chatServiceSid, friendlyName, type, changed, defaultName, dateCreated, now);
    }
}
