package dev.parley.core.number;

/**
 * The channels this installation sends on, known by name: what a number, a short code or an alphanumeric sender
 * is bound to. Implemented by {@code message.channel.Channels}; numbers and Messaging Services see only the names,
 * so they stay below messaging instead of reaching up into its channel SPI.
 */
public interface ChannelNames {

    /** The channel every installation has: the built-in handset simulator. */
    String SIMULATOR = "simulator";

    boolean exists(String name);

    /** Whether {@code name} is a configured channel that carries WhatsApp messages. */
    boolean carriesWhatsApp(String name);
}
