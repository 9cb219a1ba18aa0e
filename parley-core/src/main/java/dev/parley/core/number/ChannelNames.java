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

    boolean exists(String name);

    /**
     * The channel a new short code or alpha sender sends on: {@code channel} stripped, the simulator when it is null
     * or blank. Refused with 20001 when no configured channel has that name.
     */
    default String sendsOn(String channel) {
        String name = channel == null || channel.isBlank() ? SIMULATOR : channel.strip();
        if (!exists(name)) {
            throw ApiException.badRequest(20001, "Channel " + name + " is not configured on this installation.");
        }
        return name;
    }

    /** Whether {@code name} is a configured channel that carries WhatsApp messages. */
    boolean carriesWhatsApp(String name);
}
