package dev.parley.http.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.chat.ChatActions;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatReads;
import dev.parley.core.chat.ChatSink;
import io.javalin.config.RoutesConfig;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web-chat WebSocket at {@code /chat} (protocol version 1, {@code docs/chat-protocol.md}): one
 * {@link ChatConnection} per socket, the frame size limit on Jetty's session, and one timer thread for every
 * connection's deadlines (authentication, token expiry) and keep-alive pings. Deadlines read the injected clock, so a
 * test moves time instead of sleeping.
 */
public final class ChatSocket implements AutoCloseable {
    /** The path of the socket. */
    public static final String PATH = "/chat";
    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);
    private static final Duration TICK = Duration.ofMillis(250);
    /** How long stopping waits for clients to answer the 1001 close. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    /**
     * The limits of a connection.
     *
     * @param authTimeout    how long a new connection may take to send its authenticate frame (then 4408)
     * @param maxFrameBytes  the largest frame read (then 1009)
     * @param floodBurst     frames a client may send at once, refilled at {@code floodPerSecond} (beyond: 4429)
     * @param badFrameLimit  frames the protocol cannot read before the connection is closed (4400)
     * @param expiryWarning  how long before its token expires a connection is sent {@code token_expiring}
     * @param outboxChars    the frames (in characters) that may wait for a client that reads slowly (beyond: 1008)
     * @param idleTimeout    a connection with no traffic at all (not even the answer to a ping) this long is dropped
     * @param pingInterval   how often the server pings each connection
     */
    public record Settings(Duration authTimeout, int maxFrameBytes, int floodBurst, int floodPerSecond,
            int badFrameLimit, Duration expiryWarning, long outboxChars, Duration idleTimeout, Duration pingInterval) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), 64 * 1024, 60, 20, 10,
                Duration.ofMinutes(3), 1024 * 1024, Duration.ofSeconds(90), Duration.ofSeconds(30));

        public Settings {
            if (authTimeout.isNegative() || authTimeout.isZero() || maxFrameBytes < 1024 || floodBurst < 1
                    || floodPerSecond < 1 || badFrameLimit < 1 || expiryWarning.isNegative()
                    || outboxChars < maxFrameBytes || idleTimeout.compareTo(pingInterval) <= 0) {
                throw new IllegalArgumentException("invalid chat socket settings: " + this);
            }
        }
    }

    /** Where a connection's live events come from: the hub, which pushes them to the connection's sink. */
    public interface Hub {
        /**
         * Attaches an authenticated connection: events of its identity's conversations go to {@code sink}, after the
         * messages following each index of {@code resumeFrom}.
         */
        Attachment attach(ChatIdentity who, ChatSink sink, Map<String, Long> resumeFrom);
    }

    /** An attached connection. */
    public interface Attachment {
        /** The connection's token was refreshed. */
        void renew(ChatIdentity renewed);

        /** The connection closed: no more events. */
        void detach();
    }

    /** The requests of an authenticated connection, beside ping and refresh. */
    interface Requests {
        /** The reply frame, or null when the request has none. */
        String handle(ChatIdentity who, String type, String id, ObjectNode frame);
    }

    private final Function<String, ChatIdentity> authenticator;
    private final Hub hub;
    private final Requests requests;
    private final Clock clock;
    private final Settings settings;
    /** Set once {@link #close()} begins: a connection opening after that is closed with 1001 at once. */
    private volatile boolean stopping;
    private final Map<Session, ChatConnection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private long lastPing = System.nanoTime();

    public ChatSocket(ChatActions actions, ChatReads reads, Hub hub, Clock clock, Settings settings) {
        this(actions::authenticate, hub, new ChatRequests(actions, reads), clock, settings);
    }

    ChatSocket(Function<String, ChatIdentity> authenticator, Hub hub, Requests requests, Clock clock,
            Settings settings) {
        this.authenticator = authenticator;
        this.hub = hub;
        this.requests = requests;
        this.clock = clock;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-chat-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers {@code ws /chat}. */
    public void register(RoutesConfig routes) {
        routes.ws(PATH, ws -> {
            ws.onConnect(ctx -> {
                Session session = ctx.session;
                session.setMaxTextMessageSize(settings.maxFrameBytes());
                session.setMaxBinaryMessageSize(settings.maxFrameBytes());
                session.setMaxFrameSize(settings.maxFrameBytes());
                session.setIdleTimeout(settings.idleTimeout());
                ChatConnection connection = new ChatConnection(settings, authenticator, hub, requests, clock,
                        System::nanoTime, new JettyWire(session));
                connections.put(session, connection);
                // A connection opened while the server stops, after close() went through the others: its own 1001.
                if (stopping) {
                    connection.close(CloseCodes.GOING_AWAY, "server stopping");
                }
            });
            ws.onMessage(ctx -> {
                ChatConnection connection = connections.get(ctx.session);
                if (connection != null) {
                    connection.onText(ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                ChatConnection connection = connections.get(ctx.session);
                if (connection != null) {
                    connection.onBinary();
                }
            });
            ws.onClose(ctx -> {
                ChatConnection connection = connections.remove(ctx.session);
                if (connection != null) {
                    connection.onClosed();
                }
                synchronized (connections) {
                    connections.notifyAll();
                }
            });
            ws.onError(ctx -> log.debug("chat connection error: {}", String.valueOf(ctx.error())));
        });
    }

    /** Connections open now. */
    public int connections() {
        return connections.size();
    }

    private void tick() {
        try {
            var now = clock.instant();
            boolean ping = System.nanoTime() - lastPing >= settings.pingInterval().toNanos();
            if (ping) {
                lastPing = System.nanoTime();
            }
            for (ChatConnection connection : connections.values()) {
                connection.tick(now);
                if (ping) {
                    connection.ping();
                }
            }
        } catch (RuntimeException e) {
            log.error("chat timer failed", e);
        }
    }

    /**
     * Closes every connection with 1001 and stops the timer; before the HTTP server stops. Waits (at most
     * {@link #CLOSE_WAIT}) for the clients to answer the close, so that they see 1001 rather than a dropped connection.
     */
    @Override
    public void close() {
        stopping = true;
        timer.shutdownNow();
        for (ChatConnection connection : connections.values()) {
            connection.close(CloseCodes.GOING_AWAY, "server stopping");
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (connections) {
            while (!connections.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.info("{} chat connections did not answer the close in {}", connections.size(), CLOSE_WAIT);
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(connections, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Jetty's session as a {@link Wire}. */
    private record JettyWire(Session session) implements Wire {
        private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

        @Override
        public void sendText(String frame, Done done) {
            session.sendText(frame, Callback.from(done::written, done::failed));
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }

        @Override
        public void ping() {
            session.sendPing(EMPTY.duplicate(), Callback.NOOP);
        }
    }
}
