package dev.parley.core.connection;

import dev.parley.core.message.Message;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.SendResult;
import java.util.Optional;

/**
 * A connection with a {@code Failover}: a message goes to the primary, unless the primary reports no bind up, or it
 * answers {@link SendResult.RetryLater}; then it goes to the failover channel, looked up by name at each send (so
 * that channel may change or go), and the failover's answer stands. The failover's own failover is not followed:
 * two connections failing over to each other make no loop. Owns the primary: {@link #close()} closes it.
 */
public final class FailoverChannel implements Channel {
    private final Channel primary;
    private final String failover;
    private final Channels registry;

    public FailoverChannel(Channel primary, String failover, Channels registry) {
        this.primary = primary;
        this.failover = failover;
        this.registry = registry;
    }

    public Channel primary() {
        return primary;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public SendResult send(Message message) {
        Optional<Channel> other = registry.find(failover).map(c -> c instanceof FailoverChannel f ? f.primary() : c)
                .filter(c -> c != primary);
        if (other.isPresent() && primary.state().map(s -> s.bindsUp() == 0).orElse(false)) {
            return Channels.send(other.get(), message);
        }
        SendResult result = Channels.send(primary, message);
        if (result instanceof SendResult.RetryLater && other.isPresent()) {
            return Channels.send(other.get(), message);
        }
        return result;
    }

    @Override
    public Optional<ChannelState> state() {
        return primary.state();
    }

    @Override
    public void close() {
        primary.close();
    }

    @Override
    public String toString() {
        return "FailoverChannel[" + primary.name() + " -> " + failover + "]";
    }
}
