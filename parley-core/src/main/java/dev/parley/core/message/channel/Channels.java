package dev.parley.core.message.channel;

import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.number.ChannelNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The channels this installation can send on, by name. */
public final class Channels implements ChannelNames {
    public static final String SIMULATOR = ChannelNames.SIMULATOR;
    /**
     * Twilio's code for more recipients than a channel allows (one for SMS, several only for group MMS): a group MMS
     * copy given to a channel that cannot carry one fails with it, and so does a simulated group MMS too large.
     */
    public static final int TOO_MANY_RECIPIENTS = 21653;
    private final Map<String, Channel> byName;

    public Channels(List<Channel> channels) {
        this.byName = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
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
