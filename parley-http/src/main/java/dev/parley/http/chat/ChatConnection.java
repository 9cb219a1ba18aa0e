package dev.parley.http.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.chat.ChatFrames;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatRefusal;
import dev.parley.core.chat.ChatSink;
import dev.parley.core.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One web-chat connection: its state ({@code awaiting} the authenticate frame, {@code open}, {@code closed}), its
 * identity once authenticated, its flood and bad-frame counts, its token's deadlines, and the {@link Outbox} its
 * frames leave through. It is the {@link ChatSink} the hub pushes events to.
 *
 * <p>Frames arrive one at a time ({@link #onText}, on the socket's thread, which may block on the store: the next
 * frame is read only after it returns). {@link #tick} runs on the socket's timer thread; {@link #send} from anywhere.
 */
final class ChatConnection implements ChatSink {
    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);
    private static final int MAX_ID = 64;

    private enum State { AWAITING, OPEN, CLOSED }

    private final ChatSocket.Settings settings;
    private final Function<String, ChatIdentity> authenticator;
    private final ChatSocket.Hub hub;
    private final ChatSocket.Requests requests;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Wire wire;
    private final Outbox outbox;
    private final FloodLimit flood;
    private final Instant authDeadline;
    private volatile State state = State.AWAITING;
    private volatile ChatIdentity who;
    private volatile boolean warned;
    private ChatSocket.Attachment attachment;
    private int badFrames;

    ChatConnection(ChatSocket.Settings settings, Function<String, ChatIdentity> authenticator, ChatSocket.Hub hub,
            ChatSocket.Requests requests, Clock clock, LongSupplier nanos, Wire wire) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.hub = hub;
        this.requests = requests;
        this.clock = clock;
        this.nanos = nanos;
        this.wire = wire;
        this.outbox = new Outbox(wire, settings.outboxChars(), this::gone);
        this.flood = new FloodLimit(settings.floodBurst(), settings.floodPerSecond(), nanos.getAsLong());
        this.authDeadline = clock.instant().plus(settings.authTimeout());
    }

    /** One text frame from the client. */
    void onText(String text) {
        if (state == State.CLOSED) {
            return;
        }
        if (!flood.take(nanos.getAsLong())) {
            close(CloseCodes.FLOOD, "flood: more than " + settings.floodBurst() + " frames at once or "
                    + settings.floodPerSecond() + " a second");
            return;
        }
        ObjectNode frame = ChatJson.object(text);
        if (state == State.AWAITING) {
            authenticate(frame);
            return;
        }
        if (frame == null) {
            bad(null, "the frame is not a JSON object");
            return;
        }
        JsonNode idNode = frame.get("id");
        if (idNode != null && !idNode.isNull() && (!idNode.isTextual() || idNode.textValue().length() > MAX_ID)) {
            bad(null, "id must be a string of at most " + MAX_ID + " characters");
            return;
        }
        String id = idNode == null || idNode.isNull() ? null : idNode.textValue();
        JsonNode type = frame.get("type");
        if (type == null || !type.isTextual()) {
            bad(id, "the frame has no type");
            return;
        }
        dispatch(type.textValue(), id, frame);
    }

    /** A binary frame: the protocol has none. */
    void onBinary() {
        if (state == State.AWAITING) {
            close(CloseCodes.PROTOCOL, "the protocol is JSON text frames; the first must be authenticate");
        } else if (state == State.OPEN) {
            bad(null, "binary frames are not part of the protocol; send JSON text frames");
        }
    }

    private void dispatch(String type, String id, ObjectNode frame) {
        ChatIdentity identity = who;
        try {
            switch (type) {
                case "ping" -> send(ChatFrames.pong(id));
                case "refresh" -> refresh(id, ChatJson.requiredText(frame, "token"));
                case "authenticate" -> bad(id, "already authenticated; to renew the token send refresh");
                default -> {
                    String reply = requests.handle(identity, type, id, frame);
                    if (reply != null) {
                        send(reply);
                    }
                }
            }
        } catch (ChatJson.BadFrame e) {
            bad(id, e.getMessage());
        } catch (ApiException e) {
            send(ChatFrames.error(id, e));
        } catch (ChatRefusal e) {
            close(e.closeCode(), e.reason());
        } catch (RuntimeException e) {
            log.error("chat request {} failed (identity {}, account {})", type, identity.identity(),
                    identity.accountSid(), e);
            send(ChatFrames.error(id, 20500, "Internal Server Error", 500));
        }
    }

    private void authenticate(ObjectNode frame) {
        if (frame == null) {
            close(CloseCodes.PROTOCOL, "the first frame must be a JSON authenticate frame");
            return;
        }
        JsonNode type = frame.get("type");
        if (type == null || !"authenticate".equals(type.asText(null)) || !type.isTextual()) {
            close(CloseCodes.PROTOCOL, "the first frame must be authenticate");
            return;
        }
        JsonNode protocol = frame.get("protocol");
        if (protocol != null && !protocol.isNull()
                && !(protocol.isIntegralNumber() && protocol.asLong() == ChatFrames.PROTOCOL)) {
            close(CloseCodes.PROTOCOL, "protocol " + ChatJson.shortText(protocol) + " is not served; this server"
                    + " speaks protocol " + ChatFrames.PROTOCOL);
            return;
        }
        JsonNode token = frame.get("token");
        if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
            close(CloseCodes.TOKEN_INVALID, "20101 the authenticate frame has no token");
            return;
        }
        Map<String, Long> resume = resume(frame.get("resume"));
        if (resume == null) {
            close(CloseCodes.PROTOCOL, "resume must map conversation SIDs (CH...) to the last index seen (>= 0)");
            return;
        }
        ChatIdentity identity;
        try {
            identity = authenticator.apply(token.textValue());
        } catch (ChatRefusal e) {
            close(e.closeCode(), e.reason());
            return;
        } catch (ApiException e) {
            close(CloseCodes.NOT_ALLOWED, e.code() + " " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("chat authentication failed", e);
            close(CloseCodes.SERVER_ERROR, "internal error; try again");
            return;
        }
        if (!clock.instant().isBefore(identity.expiresAt())) {
            close(CloseCodes.TOKEN_EXPIRED, "20104 the access token has expired");
            return;
        }
        synchronized (this) {
            if (state != State.AWAITING) {
                return;
            }
            who = identity;
            state = State.OPEN;
        }
        // The client sees authenticated only once the hub has it: what it does next (a typing indicator of another
        // client, answering ours) cannot pass it by. The resumed messages, queued meanwhile, follow the answer.
        outbox.hold();
        send(ChatFrames.authenticated(identity));
        ChatSocket.Attachment attached;
        try {
            attached = hub.attach(identity, this, resume);
        } catch (RuntimeException e) {
            log.error("attaching chat identity {} (account {}) failed", identity.identity(), identity.accountSid(), e);
            close(CloseCodes.SERVER_ERROR, "internal error; try again");
            return;
        } finally {
            outbox.release();
        }
        boolean closedMeanwhile;
        synchronized (this) {
            attachment = attached;
            closedMeanwhile = state == State.CLOSED;
        }
        if (closedMeanwhile) {
            attached.detach();
        }
    }

    /** The resume map, empty when absent, null when malformed. */
    private static Map<String, Long> resume(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            return null;
        }
        Map<String, Long> resume = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode index = e.getValue();
            if (!e.getKey().startsWith("CH") || !index.isIntegralNumber() || !index.canConvertToLong()
                    || index.asLong() < -1) {
                return null;
            }
            resume.put(e.getKey(), index.asLong());
        }
        return resume;
    }

    private void refresh(String id, String token) {
        ChatIdentity current = who;
        ChatIdentity renewed = authenticator.apply(token);
        if (!current.accountSid().equals(renewed.accountSid())
                || !current.chatServiceSid().equals(renewed.chatServiceSid())
                || !current.identity().equals(renewed.identity())) {
            close(CloseCodes.NOT_ALLOWED, "20103 a refresh token must be for the same account, service and identity");
            return;
        }
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            who = renewed;
            if (!Objects.equals(renewed.expiresAt(), current.expiresAt())) {
                warned = false;
            }
        }
        ChatSocket.Attachment attached;
        synchronized (this) {
            attached = attachment;
        }
        if (attached != null) {
            attached.renew(renewed);
        }
        send(ChatFrames.refreshed(id, renewed.expiresAt()));
    }

    /** A frame the protocol cannot read: an error frame, and the connection closed after too many. */
    private void bad(String id, String why) {
        badFrames++;
        if (badFrames >= settings.badFrameLimit()) {
            close(CloseCodes.PROTOCOL, settings.badFrameLimit() + " frames the protocol cannot read");
            return;
        }
        send(ChatFrames.error(id, 20001, why, 400));
    }

    /** The timers: no authenticate frame in time, the token about to expire, the token expired. */
    void tick(Instant now) {
        State current = state;
        if (current == State.AWAITING && !now.isBefore(authDeadline)) {
            close(CloseCodes.AUTH_TIMEOUT, "no authenticate frame within " + settings.authTimeout().toSeconds()
                    + " s");
        } else if (current == State.OPEN) {
            ChatIdentity identity = who;
            if (!now.isBefore(identity.expiresAt())) {
                close(CloseCodes.TOKEN_EXPIRED, "20104 the access token has expired");
            } else if (!warned && !now.isBefore(identity.expiresAt().minus(settings.expiryWarning()))) {
                warned = true;
                send(ChatFrames.tokenExpiring(identity.expiresAt()));
            }
        }
    }

    void ping() {
        if (state != State.CLOSED) {
            wire.ping();
        }
    }

    /** The identity, once authenticated (null before). */
    ChatIdentity identity() {
        return who;
    }

    boolean open() {
        return state != State.CLOSED;
    }

    @Override
    public void send(String frame) {
        if (!outbox.offer(frame)) {
            close(CloseCodes.TOO_SLOW, "the client reads too slowly: " + outbox.queued()
                    + " frames waiting; reconnect and resume");
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!closed()) {
            return;
        }
        outbox.close();
        wire.close(code, CloseCodes.reason(reason));
    }

    /** The connection ended (the client closed it, or the network): forget it. */
    void onClosed() {
        if (closed()) {
            outbox.close();
        }
    }

    /** A write failed: the connection is gone. */
    private void gone() {
        if (closed()) {
            wire.close(CloseCodes.GOING_AWAY, "write failed");
        }
    }

    /** Moves to closed and detaches from the hub; false when already closed. */
    private boolean closed() {
        ChatSocket.Attachment attached;
        synchronized (this) {
            if (state == State.CLOSED) {
                return false;
            }
            state = State.CLOSED;
            attached = attachment;
            attachment = null;
        }
        if (attached != null) {
            attached.detach();
        }
        return true;
    }
}
