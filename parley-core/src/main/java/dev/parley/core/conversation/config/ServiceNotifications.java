package dev.parley.core.conversation.config;

import java.time.Instant;

/**
 * A Conversation Service's push notification settings ({@code /Services/{Sid}/Configuration/Notifications}), as
 * Twilio names them: for a new message (with its variant for messages with media), for a participant added to and
 * removed from a conversation, and whether notification logging is on. Parley keeps them so that a client can read
 * back what it set; it sends no push notifications (it has no push credentials or bindings), so none of them has an
 * effect on delivery.
 */
public record ServiceNotifications(String accountSid, String chatServiceSid, boolean logEnabled, NewMessage newMessage,
        Notice addedToConversation, Notice removedFromConversation, Instant dateUpdated) {

    /** A notification: on or off, its text template and sound. */
    public record Notice(boolean enabled, String template, String sound) {
        static final Notice OFF = new Notice(false, null, null);
    }

    /** The new-message notification, its badge count, and the text used when the message carries media. */
    public record NewMessage(boolean enabled, String template, String sound, boolean badgeCountEnabled,
            boolean withMediaEnabled, String withMediaTemplate) {
        static final NewMessage OFF = new NewMessage(false, null, null, false, false, null);
    }

    /** What a service that never saved any has: every notification off, no template or sound, no logging. */
    public static ServiceNotifications none(String accountSid, String chatServiceSid) {
        return new ServiceNotifications(accountSid, chatServiceSid, false, NewMessage.OFF, Notice.OFF, Notice.OFF,
                null);
    }
}
