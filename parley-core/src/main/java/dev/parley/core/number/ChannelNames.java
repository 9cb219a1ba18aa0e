package dev.parley.core.number;

import dev.parley.core.error.ApiException;

/**
 * The channels this installation sends on, known by name: what a number, a short code or an alphanumeric sender
 * is bound to. Implemented by {@code message.channel.Channels}; numbers and Messaging Services see only the names,
 * so they stay below messaging instead of reaching up into its channel SPI.
 */
public interface ChannelNames {

    /** The channel every installation has: the built-in handset simulator. */
    String SIMULATOR = "simulator";

    /** The prefix of a WhatsApp Cloud API number's channel: it carries WhatsApp only, never SMS. */
    String WHATSAPP_ONLY = "whatsapp:";

    boolean exists(String name);

    /**
     * Whether {@code accountSid}'s numbers and senders may be routed to the channel {@code name}: it exists, and when
     * an account owns it ({@code smpp:…}, {@code route:…}, {@code whatsapp:…}, {@code twilio:…}), that account is
     * {@code accountSid} or its parent.
     */
    default boolean usableBy(String accountSid, String name) {
        return exists(name);
    }

    /**
     * The channel a new short code or alpha sender of {@code accountSid} sends on: {@code channel} stripped, the
     * simulator when it is null or blank. Refused with 20001 when no channel of that name exists or the account may
     * not use it (the same answer: another account's channels are not revealed).
     */
    default String sendsOn(String accountSid, String channel) {
        String name = channel == null || channel.isBlank() ? SIMULATOR : channel.strip();
        return check(accountSid, name);
    }

    /**
     * {@code name} when {@link #usableBy} says so; otherwise refused with 20001, as {@link #sendsOn}. A WhatsApp
     * number's channel ({@code whatsapp:…}) is refused too, after the same check: it carries no SMS, and is bound with
     * {@code WhatsAppChannel} instead.
     */
    default String check(String accountSid, String name) {
        if (!usableBy(accountSid, name)) {
            throw ApiException.badRequest(20001, "Channel " + name + " is not configured on this installation.");
        }
        if (name.startsWith(WHATSAPP_ONLY)) {
            throw ApiException.badRequest(20001, "Channel " + name + " carries WhatsApp only; bind it to a number with"
                    + " WhatsAppChannel, and route SMS with Channel to another channel.");
        }
        return name;
    }

    /**
     * {@code name} when it is a channel that carries WhatsApp and {@code accountSid} may use it ({@link #usableBy});
     * otherwise refused with 20001, another account's channel answered as one that does not exist.
     */
    default String checkWhatsApp(String accountSid, String name) {
        if (!usableBy(accountSid, name)) {
            throw ApiException.badRequest(20001, "WhatsAppChannel " + name + " is not a channel that carries WhatsApp"
                    + " on this installation (no channel has that name).");
        }
        if (!carriesWhatsApp(name)) {
            throw ApiException.badRequest(20001, "WhatsAppChannel " + name + " is not a channel that carries WhatsApp"
                    + " on this installation.");
        }
        return name;
    }

    /** Whether {@code name} is a configured channel that carries WhatsApp messages. */
    boolean carriesWhatsApp(String name);
}
