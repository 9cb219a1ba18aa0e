package dev.parley.core.connection;

import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.SendResult;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@code Type=route} channel: each message goes to the channel its destination's longest prefix names
 * ({@link RouteTable}), looked up by name at each send, so the channels it names may change without it. A
 * destination no prefix matches (and no {@code *}) is refused with 30008; a named channel that is not there now (being
 * replaced, or deleted) is retried later. Holds no connection of its own.
 */
public final class RouteChannel implements Channel {
    /** How long a message waits when the channel its route names is not registered. */
    static final Duration MISSING_TARGET_RETRY = Duration.ofSeconds(30);
    private final String name;
    private final RouteTable table;
    private final Channels registry;

    public RouteChannel(String name, RouteTable table, Channels registry) {
        this.name = name;
        this.table = table;
        this.registry = registry;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Message message) {
        Optional<String> target = table.channelFor(message.to());
        if (target.isEmpty()) {
            return new SendResult.Rejected(MessageStatus.FAILED, 30008, name
                    + " has no route for " + message.to() + " (routes " + table.wire() + ")");
        }
        Optional<Channel> channel = registry.find(target.get()).filter(c -> !(c instanceof RouteChannel));
        if (channel.isEmpty()) {
            return new SendResult.RetryLater(MISSING_TARGET_RETRY, name + " routes " + message.to() + " to "
                    + target.get() + ", which is not open on this node");
        }
        return Channels.send(channel.get(), message);
    }

    @Override
    public String toString() {
        return "RouteChannel[" + name + ": " + table.wire() + "]";
    }
}
