package dev.parley.core.connection;

import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A channel that records what it was handed, answers as told, and reports the binds it is told it has. */
final class FakeChannel implements Channel {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    final List<Message> sent = new ArrayList<>();
    private final String name;
    private final SendResult answer;
    private final Integer bindsUp;
    boolean closed;

    /** @param bindsUp binds reported by {@link #state()}; null reports no state (the simulator) */
    FakeChannel(String name, SendResult answer, Integer bindsUp) {
        this.name = name;
        this.answer = answer;
        this.bindsUp = bindsUp;
    }

    static FakeChannel accepting(String name) {
        return new FakeChannel(name, new SendResult.Accepted("id-" + name), 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Message message) {
        sent.add(message);
        return answer;
    }

    @Override
    public Optional<ChannelState> state() {
        return bindsUp == null ? Optional.empty()
                : Optional.of(new ChannelState(bindsUp > 0 ? "bound" : "connecting", bindsUp, 1, 0, 10, 0, 0,
                        null, null));
    }

    @Override
    public void close() {
        closed = true;
    }

    static Message to(String destination) {
        return new Message("MM1", "AC1", null, "+14155550100", destination, "hi", List.of(), 1,
                Direction.OUTBOUND_API, MessageStatus.SENDING, null, null, null, "USD", "route:world", null,
                Message.StatusCallback.NONE, T0, T0, null, List.of());
    }
}
