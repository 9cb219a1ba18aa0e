package dev.parley.core.conversation.config;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.error.ApiException;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.util.Locale;

/**
 * A Conversation Service's push notification settings ({@code /conversations/v1/Services/{Sid}/Configuration/
 * Notifications}): fetch and update, for the account's services only (Twilio's 20404 for another's). The settings are
 * stored and shown as given; Parley sends no push notifications, so they change nothing else (see
 * {@link ServiceNotifications}). A refusal (a flag that is not {@code true}/{@code false}) writes nothing.
 */
public final class ServiceNotificationService {
    private final Storage storage;
    private final ChatServiceService services;
    private final Clock clock;

    public ServiceNotificationService(Storage storage, ChatServiceService services, Clock clock) {
        this.storage = storage;
        this.services = services;
        this.clock = clock;
    }

    /**
     * What an update sets, as given (Twilio's parameter names in the comments): null leaves a setting as it is, ""
     * clears a template or sound.
     */
    public record Changes(String logEnabled, NewMessage newMessage, Notice addedToConversation,
            Notice removedFromConversation) {
    }

    /** {@code NewMessage.Enabled}, {@code .Template}, {@code .Sound}, {@code .BadgeCountEnabled},
     * {@code .WithMedia.Enabled}, {@code .WithMedia.Template}. */
    public record NewMessage(String enabled, String template, String sound, String badgeCountEnabled,
            String withMediaEnabled, String withMediaTemplate) {
    }

    /** {@code AddedToConversation.*} or {@code RemovedFromConversation.*}: {@code Enabled}, {@code Template},
     * {@code Sound}. */
    public record Notice(String enabled, String template, String sound) {
    }

    public ServiceNotifications fetch(String accountSid, String chatServiceSid) {
        String service = services.resolve(accountSid, chatServiceSid);
        return storage.read(tx -> tx.conversationConfig().notifications(accountSid, service)
                .orElseGet(() -> ServiceNotifications.none(accountSid, service)));
    }

    public ServiceNotifications update(String accountSid, String chatServiceSid, Changes c) {
        // Every flag is checked before the transaction: a refusal writes nothing.
        Boolean log = flag(c.logEnabled(), "LogEnabled");
        NewMessage m = c.newMessage();
        Boolean messageOn = flag(m.enabled(), "NewMessage.Enabled");
        Boolean badge = flag(m.badgeCountEnabled(), "NewMessage.BadgeCountEnabled");
        Boolean mediaOn = flag(m.withMediaEnabled(), "NewMessage.WithMedia.Enabled");
        Boolean addedOn = flag(c.addedToConversation().enabled(), "AddedToConversation.Enabled");
        Boolean removedOn = flag(c.removedFromConversation().enabled(), "RemovedFromConversation.Enabled");
        String service = services.resolve(accountSid, chatServiceSid);
        return storage.write(tx -> {
            ServiceNotifications current = tx.conversationConfig().notifications(accountSid, service)
                    .orElseGet(() -> ServiceNotifications.none(accountSid, service));
            ServiceNotifications.NewMessage was = current.newMessage();
            ServiceNotifications updated = new ServiceNotifications(accountSid, service,
                    or(log, current.logEnabled()),
                    new ServiceNotifications.NewMessage(or(messageOn, was.enabled()),
                            text(m.template(), was.template()), text(m.sound(), was.sound()), or(badge, was.badgeCountEnabled()),
                            or(mediaOn, was.withMediaEnabled()), text(m.withMediaTemplate(), was.withMediaTemplate())),
                    notice(c.addedToConversation(), addedOn, current.addedToConversation()),
                    notice(c.removedFromConversation(), removedOn, current.removedFromConversation()),
                    clock.instant());
            tx.conversationConfig().saveNotifications(updated);
            return updated;
        });
    }

    private static ServiceNotifications.Notice notice(Notice given, Boolean enabled, ServiceNotifications.Notice was) {
        return new ServiceNotifications.Notice(or(enabled, was.enabled()), text(given.template(), was.template()),
                text(given.sound(), was.sound()));
    }

    private static boolean or(Boolean given, boolean current) {
        return given == null ? current : given;
    }

    /** null keeps {@code current}; "" clears it. */
    private static String text(String given, String current) {
        return given == null ? current : given.isEmpty() ? null : given;
    }

    /** A boolean parameter: null when absent or blank. */
    private static Boolean flag(String given, String name) {
        if (given == null || given.isBlank()) {
            return null;
        }
        return switch (given.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest(20001, name + " must be true or false, not " + given);
        };
    }
}
