package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSettings;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.message.encoding.Gsm7;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley as ESME: one carrier connection ({@link SmppSettings}) kept bound, sending each message as its segments'
 * {@code submit_sm} and applying the SMSC's delivery receipts. Every bind is supervised on its own virtual thread
 * (reconnect with backoff, {@code enquire_link} while idle); {@link #send} blocks the job's virtual thread until each
 * segment is answered, submitting on the bind with the most room in its window, at most
 * {@code maxSubmitsPerSecond} over all binds.
 */
public final class SmppChannel implements Channel {
    private static final Logger LOG = LoggerFactory.getLogger(SmppChannel.class);
    /** The most a send may spend retrying inside one job run, well under the job's 2-minute lease. */
    static final Duration SEND_BUDGET = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration TEMPORARY_RETRY = Duration.ofSeconds(5);
    private static final byte TON_ALPHANUMERIC = 5;
    private static final byte NPI_UNKNOWN = 0;

    /** Stores a delivery receipt in the caller's transaction ({@code ReceiptHandler::enqueue} in the server). */
    @FunctionalInterface
    public interface Receipts {
        void enqueue(Tx tx, ReceiptSink.Receipt receipt);
    }

    /**
     * The collaborators of an {@link SmppChannel}.
     *
     * @param storage  where segment ids and early receipts are kept
     * @param clock    the time of receipts and errors
     * @param receipts where a message's receipt goes once its segments say how it ended
     * @param mo       takes every {@code deliver_sm} that is not a receipt
     * @param random   the jitter of reconnect backoffs
     */
    public record Parts(Storage storage, Clock clock, Receipts receipts, SmppMoHandler mo, RandomGenerator random) {
    }

    private final String name;
    private final SmppSettings settings;
    private final Parts parts;
    private final List<SmppBind> binds;
    private final SubmitPacer pacer;
    private volatile boolean closed;
    private volatile LastError lastError;

    private record LastError(String message, Instant at) {
    }

    /** Starts binding at once ({@code settings.binds()} binds, each reconnecting on its own until {@link #close}). */
    public SmppChannel(String name, SmppSettings settings, Parts parts) {
        this.name = name;
        this.settings = settings;
        this.parts = parts;
        this.pacer = new SubmitPacer(settings.maxSubmitsPerSecond());
        SmppSockets sockets = SmppSockets.of(settings.tls(), settings.responseTimeout());
        List<SmppBind> all = new ArrayList<>();
        for (int i = 1; i <= settings.binds(); i++) {
            all.add(new SmppBind(name + "#" + i, settings, sockets, new BindListener(), parts.random()));
        }
        this.binds = List.copyOf(all);
        binds.forEach(SmppBind::start);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Message message) {
        if (closed) {
            return new SendResult.RetryLater(settings.reconnectMin(), "channel " + name + " is closed");
        }
        SubmitRequest request = request(message, singleSegment(message.body()));
        long deadline = System.nanoTime() + SEND_BUDGET.toNanos();
        SubmitOutcome outcome = submit(request, deadline);
        return switch (outcome) {
            case SubmitOutcome.Acked a -> new SendResult.Accepted(a.messageId());
            case SubmitOutcome.Refused r -> switch (SmppStatus.meaning(r.commandStatus())) {
                case SmppStatus.Meaning.Permanent p -> new SendResult.Rejected(MessageStatus.FAILED, p.errorCode(),
                        "SMSC refused the submit_sm: " + SmppStatus.describe(r.commandStatus()));
                case SmppStatus.Meaning.Temporary t -> retryLater("SMSC error "
                        + SmppStatus.describe(r.commandStatus()));
                case SmppStatus.Meaning.Throttled t -> retryLater("SMSC still throttling");
            };
            case SubmitOutcome.Invalid i -> new SendResult.Rejected(MessageStatus.FAILED, 30008, i.reason());
            case SubmitOutcome.NoResponse n -> retryLater(n.reason());
            case SubmitOutcome.NotSent n -> retryLater(n.reason());
            case SubmitOutcome.Nacked n -> retryLater("generic_nack " + SmppStatus.describe(n.commandStatus()));
        };
    }

    private SendResult.RetryLater retryLater(String reason) {
        error(reason);
        return new SendResult.RetryLater(TEMPORARY_RETRY, reason);
    }

    /**
     * Submits one segment until it is answered for good: throttling and {@code generic_nack} slow the connection and
     * try again, a lost bind or a missing response tries again on another bind (or the same once it is back), all
     * within {@code deadline}. Returns the last outcome.
     */
    private SubmitOutcome submit(SubmitRequest request, long deadline) {
        SubmitOutcome last = new SubmitOutcome.NotSent("no bind of " + name + " up");
        while (!closed && System.nanoTime() < deadline) {
            Optional<SmppBind> bind = roomiest();
            if (bind.isEmpty()) {
                last = new SubmitOutcome.NotSent(describeBinds());
                if (!pause(Duration.ofMillis(20), deadline)) {
                    break;
                }
                continue;
            }
            if (!pacer.acquire(deadline)) {
                break;
            }
            SubmitOutcome outcome = bind.get().submit(request, Duration.ofMillis(200));
            switch (outcome) {
                case SubmitOutcome.Acked a -> {
                    return a;
                }
                case SubmitOutcome.Refused r when SmppStatus.meaning(r.commandStatus())
                        instanceof SmppStatus.Meaning.Throttled -> {
                    pacer.slowDown();
                    error("SMSC throttled on " + bind.get().label() + ": " + SmppStatus.describe(r.commandStatus())
                            + " (rate now " + Math.round(pacer.currentRate()) + "/s)");
                }
                case SubmitOutcome.Refused r -> {
                    return r;
                }
                case SubmitOutcome.Invalid i -> {
                    return i;
                }
                case SubmitOutcome.Nacked n -> {
                    pacer.slowDown();
                    error("generic_nack " + SmppStatus.describe(n.commandStatus()) + " on " + bind.get().label());
                }
                case SubmitOutcome.NoResponse n -> error(n.reason());
                case SubmitOutcome.NotSent n -> {
                }
            }
            last = outcome;
        }
        return last;
    }

    private boolean pause(Duration d, long deadline) {
        if (System.nanoTime() + d.toNanos() >= deadline) {
            return false;
        }
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The bound bind with the most room in its window. */
    private Optional<SmppBind> roomiest() {
        return binds.stream().filter(b -> b.freeWindow() >= 0).max(Comparator.comparingInt(SmppBind::freeWindow));
    }

    private String describeBinds() {
        StringBuilder s = new StringBuilder("no bind of ").append(name).append(" up (");
        for (int i = 0; i < binds.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(binds.get(i).label()).append('=')
                    .append(binds.get(i).state().name().toLowerCase());
        }
        return s.append(')').toString();
    }

    /** A {@code submit_sm} of {@code message} carrying one segment's contents. */
    private SubmitRequest request(Message message, Contents contents) {
        boolean alpha = isAlphanumeric(message.from());
        return new SubmitRequest(
                alpha ? TON_ALPHANUMERIC : (byte) settings.sourceTon(),
                alpha ? NPI_UNKNOWN : (byte) settings.sourceNpi(),
                alpha ? message.from() : digits(message.from()),
                (byte) settings.destTon(), (byte) settings.destNpi(), digits(message.to()),
                contents.esmClass(), contents.dataCoding(), contents.bytes(), contents.tlvs(), true);
    }

    /** A sender with a letter in it (an alphanumeric sender ID) goes with TON 5; numbers without their {@code +}. */
    static boolean isAlphanumeric(String from) {
        return from.chars().anyMatch(Character::isLetter);
    }

    private static String digits(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
    }

    record Contents(byte esmClass, byte dataCoding, byte[] bytes, OptionalParameter[] tlvs) {
    }

    private Contents singleSegment(String body) {
        if (Gsm7.canEncode(body)) {
            return new Contents((byte) 0, (byte) 0, Gsm7.encodeUnpacked(body), new OptionalParameter[0]);
        }
        return new Contents((byte) 0, (byte) 8, body.getBytes(StandardCharsets.UTF_16BE), new OptionalParameter[0]);
    }

    @Override
    public Optional<ChannelState> state() {
        int up = 0;
        int inUse = 0;
        for (SmppBind b : binds) {
            if (b.state() == BindState.BOUND) {
                up++;
                inUse += b.inFlight();
            }
        }
        String status = closed ? "stopped" : up == binds.size() ? "bound" : up > 0 ? "partial" : "connecting";
        LastError e = lastError;
        return Optional.of(new ChannelState(status, up, binds.size(), inUse, binds.size() * settings.window(),
                pacer.perSecond(), 0, e == null ? null : e.message(), e == null ? null : e.at()));
    }

    /** Stops taking sends, lets each bind's window drain (bounded), then unbinds. */
    @Override
    public void close() {
        closed = true;
        List<Thread> closing = binds.stream()
                .map(b -> Thread.ofVirtual().name("smpp-close-" + b.label()).start(() -> b.close(DRAIN))).toList();
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void error(String message) {
        lastError = new LastError(message, parts.clock().instant());
        LOG.warn("SMPP {}: {}", name, message);
    }

    private final class BindListener implements SmppBind.Listener {
        @Override
        public void deliver(SmppBind bind, DeliverSm pdu) throws ProcessRequestException {
            parts.mo().deliver(name, pdu);
        }

        @Override
        public void error(String message) {
            SmppChannel.this.error(message);
        }
    }
}
