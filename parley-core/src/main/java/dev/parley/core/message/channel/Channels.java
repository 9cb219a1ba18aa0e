package dev.parley.core.message.channel;

import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.number.ChannelNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels this installation can send on, by name. The simulator is always there; connections to carriers and
 * providers come and go at run time ({@link #register}, {@link #remove}) as they are created, changed and deleted.
 */
public final class Channels implements ChannelNames {
    public static final String SIMULATOR = ChannelNames.SIMULATOR;
    /**
     * Twilio's code for more recipients than a channel allows (one for SMS, several only for group MMS): a group MMS
     * copy given to a channel that cannot carry one fails with it, and so does a simulated group MMS too large.
     */
    public static final int TOO_MANY_RECIPIENTS = 21653;
    private final Map<String, Channel> byName = new ConcurrentHashMap<>();

    public Channels(List<Channel> channels) {
        channels.forEach(this::register);
    }

    /** Adds {@code channel}, or replaces the one of the same name, which is returned (not closed: the caller's). */
    public Optional<Channel> register(Channel channel) {
        return Optional.ofNullable(byName.put(channel.name(), channel));
    }

    /** Removes the channel named {@code name} and returns it (not closed: the caller's). */
    public Optional<Channel> remove(String name) {
        return Optional.ofNullable(byName.remove(name));
    }

    /** Every channel, in no particular order. */
    public List<Channel> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Channel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public boolean carriesWhatsApp(String name) {
        return find(name).map(Channel::carriesWhatsApp).orElse(false);
    }

    @Override
    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    /**
     * Hands {@code message} to {@code channel}; a copy of a group MMS on a channel that cannot carry group MMS
     * (every channel but the simulator: SMPP and WhatsApp have no group MMS) is refused for good instead, with
     * {@link #TOO_MANY_RECIPIENTS}.
     */
    public static SendResult send(Channel channel, Message message) {
        if (message.group() && !channel.carriesGroupMms()) {
            return new SendResult.Rejected(MessageStatus.FAILED, TOO_MANY_RECIPIENTS, "channel " + channel.name()
                    + " cannot carry a group MMS (" + (message.groupRecipients().size() + 2) + " members)");
        }
        return channel.send(message);
    }
}
