package dev.parley.server;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelFactory;
import dev.parley.core.message.Message;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.SendResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The SMPP channel factory until the SMPP adapter (parley-channels' {@code SmppChannel}) is wired: a connection is
 * registered but never binds; its state says so and every send is retried later, so nothing is lost or failed.
 */
final class NoSmppAdapter implements ChannelFactory {
    static final String ERROR = "no SMPP adapter";
    private final Clock clock;

    NoSmppAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Channel open(ChannelConnection connection) {
        return new Unbound(connection, clock.instant());
    }

    private record Unbound(ChannelConnection connection, Instant since) implements Channel {
        @Override
        public String name() {
            return connection.channelName();
        }

        @Override
        public SendResult send(Message message) {
            return new SendResult.RetryLater(Duration.ofSeconds(30), name() + ": " + ERROR);
        }

        @Override
        public Optional<ChannelState> state() {
            int binds = connection.smpp().binds();
            return Optional.of(new ChannelState("connecting", 0, binds, 0, binds * connection.smpp().window(), 0, 0,
                    ERROR, since));
        }
    }
}
