package dev.parley.server;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelSupervisor;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.Channels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-channel gauges in {@code /metrics}, tagged {@code channel="smpp:<Name>"}: binds up, window in use, submits per
 * second and receipts pending, read from {@link Channel#state()} at each scrape (so a channel replaced by an update
 * is read through its name). Registered when the supervisor opens a channel, removed when it goes.
 */
final class ChannelMetrics implements ChannelSupervisor.Lifecycle {
    private final MeterRegistry metrics;
    private final Channels registry;
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    ChannelMetrics(MeterRegistry metrics, Channels registry) {
        this.metrics = metrics;
        this.registry = registry;
    }

    @Override
    public void opened(ChannelConnection connection) {
        String name = connection.channelName();
        meters.put(name, List.of(
                gauge(name, "parley.channel.binds.up", "binds up now", ChannelState::bindsUp),
                gauge(name, "parley.channel.binds.wanted", "binds configured", ChannelState::bindsWanted),
                gauge(name, "parley.channel.window.in.use", "submit_sm awaiting their response, over all binds",
                        ChannelState::windowInUse),
                gauge(name, "parley.channel.submits.per.second", "submit_sm sent per second, recent average",
                        ChannelState::submitsPerSecond),
                gauge(name, "parley.channel.receipts.pending", "messages sent that await a delivery receipt",
                        ChannelState::receiptsPending)));
    }

    @Override
    public void removed(ChannelConnection connection) {
        List<Meter> gone = meters.remove(connection.channelName());
        if (gone != null) {
            gone.forEach(metrics::remove);
        }
    }

    private Gauge gauge(String channel, String name, String description, ToDoubleFunction<ChannelState> value) {
        // NaN while the channel reports no state (a route table, or between a delete and the gauge's removal).
        return Gauge.builder(name, registry, r -> r.find(channel).flatMap(Channel::state)
                        .map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("channel", channel).register(metrics);
    }
}
