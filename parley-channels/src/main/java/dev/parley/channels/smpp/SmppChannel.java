package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSegmentStore;
import dev.parley.core.connection.SmppSettings;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.message.channel.ThrottledLog;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jsmpp.bean.DeliverSm;
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
    private static final Duration THROTTLED_RETRY = Duration.ofSeconds(5);
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
    private final SegmentReceipts receipts;
    private final AtomicInteger turn = new AtomicInteger();
    private final ReentrantLock upLock = new ReentrantLock();
    private final Condition bindUp = upLock.newCondition();
    private final ThrottledLog errors;
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
        this.errors = new ThrottledLog(LOG, "SMPP " + name, System::nanoTime);
        this.receipts = new SegmentReceipts(name, settings.receiptIds(), settings.responseTimeout(), parts,
                this::error);
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

    /**
     * Submits the message's segments ({@link SmppCodec#encode}) one after another, each on the bound bind with the most
     * room in its window. Each segment's SMSC id is stored once its response arrives (applying a receipt that came
     * first), the last one's in the dispatcher's transaction that stores the outcome. A segment's window slot is free
     * as soon as its response is in; until its id is committed it keeps its room among the bind's unstored segments.
     * A segment already stored by an earlier run of the job is not submitted again. Accepted with the first segment's
     * id once all are acknowledged; rejected when the SMSC refuses a segment for good; otherwise retry later (the
     * segments acknowledged so far stay stored).
     */
    @Override
    public SendResult send(Message message) {
        if (closed) {
            return new SendResult.RetryLater(settings.reconnectMin(), "channel " + name + " is closed");
        }
        List<ShortMessage> segments;
        try {
            segments = SmppCodec.encode(message.body() == null ? "" : message.body(), settings,
                    reference(message.sid()));
        } catch (IllegalArgumentException e) {
            return new SendResult.Rejected(MessageStatus.FAILED, 30019, e.getMessage());
        }
        Map<Integer, String> stored = new HashMap<>();
        for (SmppSegmentStore.Segment s : parts.storage().read(tx -> tx.smppSegments().forMessage(name, message.sid()))) {
            stored.put(s.seq(), s.smscId());
        }
        long deadline = System.nanoTime() + SEND_BUDGET.toNanos();
        for (int seq = 0; seq < segments.size(); seq++) {
            if (stored.containsKey(seq)) {
                continue;
            }
            SubmitOutcome outcome = submit(request(message, segments.get(seq)), deadline);
            if (!(outcome instanceof SubmitOutcome.Acked acked)) {
                return failure(outcome, seq, segments.size());
            }
            String id = SmscIds.normalize(acked.messageId(), settings.responseIds());
            SmppSegmentStore.Segment segment = new SmppSegmentStore.Segment(name, message.accountSid(), message.sid(),
                    seq, segments.size(), id, parts.clock().instant(), null);
            stored.put(seq, id);
            SegmentReceipts.Unrecorded unrecorded = receipts.acknowledged(segment);
            Runnable ended = () -> {
                unrecorded.end();
                acked.stored().run();
            };
            if (stored.size() == segments.size()) {
                // The last one commits with the message's `sent`: one write fewer per message (ADR 0024).
                return new SendResult.Accepted(stored.get(0), tx -> store(tx, segment, unrecorded), ended);
            }
            // Stored at once, on this thread, before its room among the unstored is given back: what a crash can make
            // the SMSC see twice is what was answered but not yet committed, and that room bounds it (ADR 0024).
            try {
                parts.storage().writeVoid(tx -> store(tx, segment, unrecorded));
            } finally {
                ended.run();
            }
        }
        return new SendResult.Accepted(stored.get(0));
    }

    private void store(Tx tx, SmppSegmentStore.Segment segment, SegmentReceipts.Unrecorded unrecorded) {
        if (tx.smppSegments().insert(segment)) {
            receipts.segmentStored(tx, segment, unrecorded);
        }
    }

    /**
     * The dispatcher stores {@code sending} with the outcome: the stored segments, not the message's status, are what
     * keeps a repeated send from submitting again what the SMSC acknowledged.
     */
    @Override
    public boolean storesSendingWithOutcome() {
        return true;
    }

    /** The concatenation reference of a message: from its SID, so a resubmitted segment carries the same one. */
    static int reference(String sid) {
        // String.hashCode is specified, so every node and every run derives the same reference.
        return sid.hashCode() & 0xFFFF;
    }

    private SendResult failure(SubmitOutcome outcome, int seq, int total) {
        String where = " (segment " + (seq + 1) + " of " + total + ")";
        return switch (outcome) {
            case SubmitOutcome.Refused r -> switch (SmppStatus.meaning(r.commandStatus())) {
                case SmppStatus.Meaning.Permanent p -> new SendResult.Rejected(MessageStatus.FAILED, p.errorCode(),
                        "SMSC refused the submit_sm: " + SmppStatus.describe(r.commandStatus()) + where);
                case SmppStatus.Meaning.Temporary t -> retryLater(null, "SMSC error "
                        + SmppStatus.describe(r.commandStatus()) + where);
                case SmppStatus.Meaning.Throttled t -> retryLater(THROTTLED_RETRY, "SMSC still throttling" + where);
            };
            case SubmitOutcome.Invalid i -> new SendResult.Rejected(MessageStatus.FAILED, 30008, i.reason() + where);
            case SubmitOutcome.Nacked n -> retryLater(THROTTLED_RETRY, "generic_nack "
                    + SmppStatus.describe(n.commandStatus()) + where);
            case SubmitOutcome.NoResponse n -> retryLater(null, n.reason() + where);
            case SubmitOutcome.NotSent n -> retryLater(settings.reconnectMin(), n.reason() + where);
            case SubmitOutcome.Acked a -> throw new IllegalArgumentException("acknowledged is no failure");
        };
    }

    /** Retry after {@code after}, or after the job runner's backoff when null. */
    private SendResult.RetryLater retryLater(Duration after, String reason) {
        error(reason);
        return new SendResult.RetryLater(after, reason);
    }

    /**
     * Submits one segment until it is answered for good: throttling and {@code generic_nack} slow the connection and
     * try again, a lost bind or a missing response tries again on another bind (or the same once it is back), all
     * within {@code deadline}. Returns the last outcome.
     */
    private SubmitOutcome submit(SubmitRequest request, long deadline) {
        SubmitOutcome last = new SubmitOutcome.NotSent("no bind of " + name + " up");
        // An interrupted thread (shutdown) stops trying: every wait would end at once.
        while (!closed && !Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
            Optional<SmppBind> bind = roomiest();
            if (bind.isEmpty()) {
                last = new SubmitOutcome.NotSent(describeBinds());
                awaitBind(deadline);
                continue;
            }
            boolean[] noSlot = {false};
            SubmitOutcome outcome = bind.get().submit(request, Duration.ofNanos(deadline - System.nanoTime()), () -> {
                noSlot[0] = !pacer.acquire(deadline);
                return !noSlot[0];
            });
            if (noSlot[0]) {
                return new SubmitOutcome.NotSent("no submit slot within the send's budget (rate now "
                        + Math.round(pacer.currentRate()) + "/s)");
            }
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

    /** Waits until a bind comes up (or a second passes, or the deadline). */
    private void awaitBind(long deadline) {
        long wait = Math.min(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos());
        upLock.lock();
        try {
            if (wait > 0 && roomiest().isEmpty()) {
                bindUp.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            upLock.unlock();
        }
    }

    /** The bound bind with the most room in its window; ties taken in turn, so idle binds share the load. */
    private Optional<SmppBind> roomiest() {
        int start = Math.floorMod(turn.getAndIncrement(), binds.size());
        SmppBind best = null;
        int bestFree = -1;
        for (int i = 0; i < binds.size(); i++) {
            SmppBind b = binds.get((start + i) % binds.size());
            int free = b.freeWindow();
            if (free > bestFree) {
                best = b;
                bestFree = free;
            }
        }
        return Optional.ofNullable(best);
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
    private SubmitRequest request(Message message, ShortMessage contents) {
        boolean alpha = isAlphanumeric(message.from());
        return new SubmitRequest(
                alpha ? TON_ALPHANUMERIC : (byte) settings.sourceTon(),
                alpha ? NPI_UNKNOWN : (byte) settings.sourceNpi(),
                alpha ? message.from() : digits(message.from()),
                (byte) settings.destTon(), (byte) settings.destNpi(), digits(message.to()),
                contents.esmClass(), contents.dataCoding(), contents.bytes(), contents.tlvArray(), true);
    }

    /** A sender with a letter in it (an alphanumeric sender ID) goes with TON 5; numbers without their {@code +}. */
    static boolean isAlphanumeric(String from) {
        return from.chars().anyMatch(Character::isLetter);
    }

    private static String digits(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
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
                pacer.perSecond(), receiptsPending(), e == null ? null : e.message(), e == null ? null : e.at()));
    }

    private long receiptsPending() {
        try {
            return parts.storage().read(tx -> tx.smppSegments().countAwaitingReceipt(name));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Stops taking sends, lets each bind's window drain (bounded), then unbinds. */
    @Override
    public void close() {
        closed = true;
        upLock.lock();
        try {
            bindUp.signalAll();
        } finally {
            upLock.unlock();
        }
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

    /**
     * Records the last error for {@link #state()} and logs it; under a storm (every submit throttled) at most one line
     * per second, with how many were not logged.
     */
    private void error(String message) {
        lastError = new LastError(message, parts.clock().instant());
        errors.warn(message);
    }

    private final class BindListener implements SmppBind.Listener {
        @Override
        public void deliver(SmppBind bind, DeliverSm pdu) throws ProcessRequestException {
            if (SegmentReceipts.isReceipt(pdu)) {
                receipts.deliverSm(bind.label(), pdu);
            } else {
                parts.mo().deliver(name, pdu);
            }
        }

        @Override
        public void error(String message) {
            SmppChannel.this.error(message);
        }

        @Override
        public void bound(SmppBind bind) {
            upLock.lock();
            try {
                bindUp.signalAll();
            } finally {
                upLock.unlock();
            }
        }
    }
}
