package dev.parley.server;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelSupervisor;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.HttpChannelHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-channel gauges in {@code /metrics}, tagged {@code channel="smpp:<Name>"}: binds up, window in use, submits per
 * second and receipts pending, read from {@link Channel#state()} at each scrape (so a channel replaced by an update
 * is read through its name). A channel that calls a provider's HTTP API ({@code whatsapp:<Name>},
 * {@code twilio:<Name>}) has instead its requests per second, the time of its last error, and one
 * {@code parley_channel_status} gauge per status ({@link HttpChannelHealth}), 1 for the one it is in and 0 for the
 * others. Registered when the supervisor opens a channel, removed when it goes.
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
        if (connection.type() == ChannelConnection.Type.WHATSAPP || connection.type() == ChannelConnection.Type.TWILIO) {
            meters.put(name, http(name));
            return;
        }
        meters.put(name, List.of(
                gauge(name, "parley.channel.binds.up", "binds up now", ChannelState::bindsUp),
                gauge(name, "parley.channel.binds.wanted", "binds configured", ChannelState::bindsWanted),
                gauge(name, "parley.channel.window.in.use", "submit_sm awaiting their response, over all binds",
                        ChannelState::windowInUse),
                gauge(name, "parley.channel.submits.per.second", "submit_sm sent per second, recent average",
                        ChannelState::submitsPerSecond),
                gauge(name, "parley.channel.receipts.pending", "message segments sent that await a delivery receipt",
                        ChannelState::receiptsPending)));
    }

    @Override
    public void removed(ChannelConnection connection) {
        List<Meter> gone = meters.remove(connection.channelName());
        if (gone != null) {
            gone.forEach(metrics::remove);
        }
    }

    private List<Meter> http(String name) {
        List<Meter> http = new ArrayList<>();
        http.add(gauge(name, "parley.channel.requests.per.second", "calls to the provider's API per second, recent"
                + " average", ChannelState::requestsPerSecond));
        http.add(gauge(name, "parley.channel.last.error.timestamp.seconds", "when the last error happened (0: none"
                + " yet)", s -> s.lastErrorAt() == null ? 0 : s.lastErrorAt().toEpochMilli() / 1000.0));
        for (String status : List.of(HttpChannelHealth.READY, HttpChannelHealth.FAILING,
                HttpChannelHealth.UNAUTHORIZED, HttpChannelHealth.STOPPED)) {
            http.add(Gauge.builder("parley.channel.status", registry, r -> r.find(name).flatMap(Channel::state)
                            .map(s -> s.status().equals(status) ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("1 for the status the channel is in, 0 for the others")
                    .tags("channel", name, "status", status).register(metrics));
        }
        return List.copyOf(http);
    }

    private Gauge gauge(String channel, String name, String description, ToDoubleFunction<ChannelState> value) {
        // NaN while the channel reports no state (a route table, or between a delete and the gauge's removal).
        return Gauge.builder(name, registry, r -> r.find(channel).flatMap(Channel::state)
                        .map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("channel", channel).register(metrics);
    }
}
