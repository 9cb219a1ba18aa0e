package dev.parley.core.connection;

import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.tx.Storage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's channel registry ({@link Channels}) equal to the stored channels: opens each (an SMPP
 * connection through the {@link ChannelFactory}, wrapped in a {@link FailoverChannel} when it has a failover; a
 * {@link RouteChannel} for a route table), registers it under its channel name, and when a channel changes or goes,
 * registers the new one first and then closes the old, so sends never find the name missing during a change.
 * {@link ChannelConnectionService} calls {@link #refresh} after each change it commits; {@link #reconcile} every few
 * seconds brings in what other nodes sharing the database changed. Holds no socket itself. Logs every change,
 * never a password ({@link SmppSettings#toString()}).
 */
public final class ChannelSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelSupervisor.class);
    private final Storage storage;
    private final Channels registry;
    private final ChannelFactory factory;
    private final Lifecycle lifecycle;
    /** What is open, by {@code Name}: the settings it was opened with, and the registered channel. */
    private final Map<String, Open> open = new HashMap<>();
    private ScheduledExecutorService timer;

    /** Told when a channel name appears in the registry and when it leaves it (metrics follow it). */
    public interface Lifecycle {
        Lifecycle NONE = new Lifecycle() {
        };

        default void opened(ChannelConnection connection) {
        }

        default void removed(ChannelConnection connection) {
        }
    }

    private record Open(ChannelConnection connection, Channel channel) {
    }

    public ChannelSupervisor(Storage storage, Channels registry, ChannelFactory factory, Lifecycle lifecycle) {
        this.storage = storage;
        this.registry = registry;
        this.factory = factory;
        this.lifecycle = lifecycle;
    }

    /** Opens every stored channel now, then reconciles every {@code every} until {@link #close()}. */
    public synchronized void start(Duration every) {
        reconcile();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("channel-supervisor").factory());
        timer.scheduleWithFixedDelay(this::reconcileQuietly, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("could not reconcile channels with the store: {}", e.toString());
        }
    }

    /** Opens, replaces and closes channels until the registry matches the store. */
    public synchronized void reconcile() {
        List<ChannelConnection> stored = storage.read(tx -> tx.channelConnections().all());
        Set<String> names = stored.stream().map(ChannelConnection::name).collect(Collectors.toSet());
        // Route tables last: the channels they name are then already open.
        stored.stream().sorted(java.util.Comparator.comparing(c -> c.type() == ChannelConnection.Type.ROUTE))
                .forEach(this::apply);
        List.copyOf(open.keySet()).stream().filter(n -> !names.contains(n)).forEach(this::remove);
    }

    /** Brings the one channel named {@code name} in step with the store, at once (after a change on this node). */
    public synchronized void refresh(String name) {
        storage.read(tx -> tx.channelConnections().find(name)).ifPresentOrElse(this::apply, () -> remove(name));
    }

    private void apply(ChannelConnection connection) {
        Open current = open.get(connection.name());
        if (current != null && sameChannel(current.connection(), connection)) {
            // Only the dates moved (an update that changed nothing): the open channel stays, no rebind.
            open.put(connection.name(), new Open(connection, current.channel()));
            return;
        }
        Channel channel;
        try {
            channel = build(connection);
        } catch (RuntimeException e) {
            log.error("channel {} could not be opened ({}): {}", connection.channelName(), describe(connection),
                    e.toString());
            return;
        }
        if (current != null && !current.connection().channelName().equals(connection.channelName())) {
            registry.remove(current.connection().channelName());
        }
        registry.register(channel);
        open.put(connection.name(), new Open(connection, channel));
        if (current == null) {
            log.info("channel {} opened ({}, owner {})", connection.channelName(), describe(connection),
                    connection.accountSid());
            lifecycle.opened(connection);
        } else {
            log.info("channel {} changed ({}); the previous one is closing", connection.channelName(),
                    describe(connection));
            closeInBackground(current.channel());
        }
    }

    private static boolean sameChannel(ChannelConnection a, ChannelConnection b) {
        return a.sid().equals(b.sid()) && a.type() == b.type() && Objects.equals(a.smpp(), b.smpp())
                && Objects.equals(a.routes(), b.routes()) && Objects.equals(a.whatsApp(), b.whatsApp())
                && Objects.equals(a.twilio(), b.twilio());
    }

    private Channel build(ChannelConnection connection) {
        return switch (connection.type()) {
            case ROUTE -> new RouteChannel(connection.channelName(), connection.routes(), registry);
            case SMPP -> {
                Channel primary = factory.open(connection);
                yield connection.smpp().failover() == null ? primary
                        : new FailoverChannel(primary, connection.smpp().failover(), registry);
            }
            case WHATSAPP, TWILIO -> factory.open(connection);
        };
    }

    private void remove(String name) {
        Open current = open.remove(name);
        if (current == null) {
            return;
        }
        registry.remove(current.connection().channelName());
        log.info("channel {} deleted; closing it", current.connection().channelName());
        lifecycle.removed(current.connection());
        closeInBackground(current.channel());
    }

    /** A channel being replaced or deleted drains its window in the background: the change does not wait for it. */
    private static void closeInBackground(Channel channel) {
        Thread.ofVirtual().name("channel-close-" + channel.name()).start(() -> closeQuietly(channel));
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (RuntimeException e) {
            log.warn("channel {} did not close cleanly: {}", channel.name(), e.toString());
        }
    }

    /** What a log line may say of a connection: its settings without the password, or its route table. */
    static String describe(ChannelConnection c) {
        return switch (c.type()) {
            case SMPP -> c.smpp().toString() + (c.smpp().failover() == null ? "" : ", failover " + c.smpp().failover());
            case ROUTE -> "routes " + c.routes().wire();
            // Their toString() hides the token, the secrets and the auth token.
            case WHATSAPP -> c.whatsApp().toString();
            case TWILIO -> c.twilio().toString();
        };
    }

    /** Stops reconciling and closes every channel it opened (each drains as {@link Channel#close()} says). */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        List.copyOf(open.keySet()).forEach(name -> {
            Open current = open.remove(name);
            registry.remove(current.connection().channelName());
            lifecycle.removed(current.connection());
            closeQuietly(current.channel());
        });
    }
}
