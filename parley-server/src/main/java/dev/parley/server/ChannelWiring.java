package dev.parley.server;

import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.connection.ChannelFactory;
import dev.parley.core.connection.ChannelSupervisor;
import dev.parley.core.connection.InvalidChannelParameter;
import dev.parley.core.message.channel.Channels;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Carrier connections and route tables: the supervisor that keeps this node's channel registry equal to the stored
 * channels (and their gauges in {@code /metrics}), and the {@code /parley/v1/Channels} service.
 */
record ChannelWiring(ChannelSupervisor supervisor, ChannelConnectionService service) {
    /** How often the supervisor picks up what other nodes sharing the database changed. */
    static final Duration RECONCILE_EVERY = Duration.ofSeconds(3);

    static ChannelWiring wire(Shared shared, Channels registry, ChannelFactory smpp, MeterRegistry metrics) {
        ChannelSupervisor supervisor = new ChannelSupervisor(shared.database(), registry, smpp,
                new ChannelMetrics(metrics, registry));
        return new ChannelWiring(supervisor, new ChannelConnectionService(shared.database(), registry, supervisor,
                shared.ids(), shared.clock()));
    }

    /**
     * Stores the configuration file's channels as the main account's, then opens every channel and starts
     * reconciling. A declared channel the store contradicts (a name taken through the API, a failover naming nothing)
     * stops start-up naming its key.
     */
    void start(ParleyConfig config, String mainAccountSid, java.time.Instant now) {
        try {
            service.declare(ChannelDeclarations.connections(config.channels(), mainAccountSid, now));
        } catch (InvalidChannelParameter e) {
            throw ChannelDeclarations.invalid(e.channel(), e);
        }
        supervisor.start(RECONCILE_EVERY);
    }
}
