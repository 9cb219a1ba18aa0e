package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSegmentStore.EarlyReceipt;
import dev.parley.core.connection.SmppSegmentStore.Segment;
import dev.parley.core.connection.SmppSegmentStore.SegmentReceipt;
import dev.parley.core.connection.SmppSettings.IdFormat;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;

/**
 * Turns segment receipts into message receipts, inside the caller's transaction. A receipt is matched to its stored
 * segment by (connection, normalized SMSC id); one whose segment is not stored yet is kept as an early receipt and
 * applied when the segment is ({@link #segmentStored}), so a receipt that overtakes its {@code submit_sm_resp} is never
 * lost. An SMSC may give a new segment the id of an old one: a receipt that finds only a segment already finished is
 * kept as early too, and an early receipt is only taken by a segment submitted shortly after it came. A message is
 * {@code delivered} once every segment is, and {@code undelivered} as soon as one is not (the first such receipt
 * decides its error code); a repeated receipt changes nothing.
 *
 * <p>Most SMSCs send a receipt right after the response, before Parley has committed the segment's id. A receipt for a
 * segment acknowledged and not yet committed ({@link Unrecorded}) is handed to the transaction that stores it, instead
 * of being written as an early receipt and taken back: it is answered once that transaction has committed it (said by
 * the transaction, or read back), and otherwise goes the way of any other receipt (ADR 0037).
 */
final class SegmentReceipts {
    /** esm_class bits 2-5: SMSC delivery receipt, SME acknowledgements, intermediate notification. */
    private static final int ESM_RECEIPT_TYPES = 0x3C;
    private static final int STAT_ESME_RSYSERR = 0x08;
    /** SMPP 3.4's message_id: at most 65 octets with its terminating NUL. Anything longer names no segment of ours. */
    private static final int MAX_ID = 64;
    /** How far the clocks of the nodes that store a segment and take its receipt may differ. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private final String connection;
    private final IdFormat ids;
    private final Storage storage;
    private final Clock clock;
    private final SmppChannel.Receipts receipts;
    private final Consumer<String> errors;
    private final Duration earlyLimit;
    /** When early receipts too old for any segment are next forgotten: at most once per {@link #earlyLimit}. */
    private volatile Instant nextForget = Instant.MIN;
    /** The segments acknowledged whose ids are not committed yet, by normalized SMSC id. */
    private final ConcurrentHashMap<String, Unrecorded> unrecorded = new ConcurrentHashMap<>();

    /**
     * @param responseTimeout how long a segment's {@code submit_sm} may wait for its response: a receipt can come at
     *     most that long (and the clocks' skew) before the segment's {@code submittedAt}
     * @param errors where a receipt that cannot be read or stored is reported (the channel's last error)
     */
    SegmentReceipts(String connection, IdFormat ids, Duration responseTimeout, SmppChannel.Parts parts,
            Consumer<String> errors) {
        this.connection = connection;
        this.ids = ids;
        this.earlyLimit = responseTimeout.plus(CLOCK_SKEW);
        this.storage = parts.storage();
        this.clock = parts.clock();
        this.receipts = parts.receipts();
        this.errors = errors;
    }

    /** A receipt rather than an MO message: esm_class says so (any receipt type), or it names a message id. */
    static boolean isReceipt(DeliverSm pdu) {
        return (pdu.getEsmClass() & ESM_RECEIPT_TYPES) != 0
                || pdu.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID) != null;
    }

    /**
     * Takes a receipt {@code deliver_sm} from bind {@code bind}: returns once it is durable (the bind then answers
     * ESME_ROK), or throws ESME_RSYSERR when it could not be stored, so the SMSC sends it again. A receipt without a
     * message id, or with a state that is not final, is answered ESME_ROK and changes nothing: the SMSC would only
     * send the same again.
     */
    void deliverSm(String bind, DeliverSm pdu) throws ProcessRequestException {
        Optional<SmscReceipt> read = DeliveryReceipts.read(pdu.getShortMessage(), pdu.getOptionalParameters())
                .filter(r -> r.messageId().length() <= MAX_ID);
        if (read.isEmpty()) {
            String text = new String(pdu.getShortMessage() == null ? new byte[0] : pdu.getShortMessage(),
                    StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "?");
            errors.accept("receipt without a message id (of at most " + MAX_ID + " characters) on " + bind + ": "
                    + (text.length() > 100 ? text.substring(0, 100) + "…" : text));
            return;
        }
        Optional<SegmentReceipt> outcome = outcome(read.get(), clock.instant());
        if (outcome.isEmpty()) {
            return;
        }
        String id = SmscIds.normalize(read.get().messageId(), ids);
        Unrecorded pending = unrecorded.get(id);
        if (pending != null && pending.hand(outcome.get()) && pending.awaitEnd(earlyLimit)
                && (pending.appliedAndCommitted || recorded(id, pending))) {
            return;
        }
        try {
            storage.writeVoid(tx -> received(tx, id, outcome.get()));
        } catch (RuntimeException e) {
            errors.accept("receipt for " + id + " on " + bind + " not stored: " + e.getMessage());
            throw new ProcessRequestException("receipt not stored", STAT_ESME_RSYSERR, e);
        }
    }

    /**
     * How a segment ended, per ADR 0024's table; empty while the SMSC is not done (scheduled, enroute, accepted). The
     * done date is read as UTC (SMPP gives it no zone) and never later than {@code now}.
     */
    static Optional<SegmentReceipt> outcome(SmscReceipt r, Instant now) {
        Instant done = r.doneDate() == null ? now : r.doneDate().toInstant(ZoneOffset.UTC);
        if (done.isAfter(now)) {
            done = now;
        }
        SmscReceipt.State state = r.state() == null ? SmscReceipt.State.UNKNOWN : r.state();
        return switch (state) {
            case SCHEDULED, ENROUTE, ACCEPTED -> Optional.empty();
            case DELIVERED -> Optional.of(new SegmentReceipt(MessageStatus.DELIVERED, null, done));
            case EXPIRED -> undelivered(30003, done);
            case REJECTED -> undelivered(30007, done);
            case UNDELIVERABLE -> undelivered(undeliverable(r.error()), done);
            case DELETED, UNKNOWN, SKIPPED -> undelivered(30008, done);
        };
    }

    private static Optional<SegmentReceipt> undelivered(int code, Instant done) {
        return Optional.of(new SegmentReceipt(MessageStatus.UNDELIVERED, code, done));
    }

    /**
     * The {@code err} of an undeliverable receipt, read as the GSM MAP error most SMSCs put there: unknown subscriber
     * (1) is Twilio's unknown handset, barring (9, 11, 13) a blocked message; anything else an unreachable handset.
     */
    private static int undeliverable(String err) {
        int code;
        try {
            code = err == null ? -1 : Integer.parseInt(err.trim());
        } catch (NumberFormatException e) {
            code = -1;
        }
        return switch (code) {
            case 1 -> 30005;
            case 9, 11, 13 -> 30004;
            default -> 30003;
        };
    }

    /**
     * A final receipt for the segment the SMSC knows as {@code smscId}. When the latest segment stored under that id
     * is already finished, this is either a repeat of its receipt or the receipt of a newer segment the SMSC gave the
     * same id and whose response is still on its way: kept as early, it is taken by such a segment, and otherwise
     * forgotten.
     */
    void received(Tx tx, String smscId, SegmentReceipt receipt) {
        Segment segment = tx.smppSegments().findBySmscId(connection, smscId).orElse(null);
        if (segment == null || segment.receipt() != null) {
            Instant now = clock.instant();
            tx.smppSegments().putEarlyReceipt(new EarlyReceipt(connection, smscId, receipt, now));
            if (now.isAfter(nextForget)) {
                // Repeats, and receipts for ids never ours, would otherwise pile up. A rolled-back forget is only
                // done again at the next round: the rows wait, nothing is lost.
                tx.smppSegments().forgetEarlyReceipts(connection, now.minus(earlyLimit.multipliedBy(2)));
                nextForget = now.plus(earlyLimit);
            }
            return;
        }
        record(tx, segment, receipt);
    }

    /**
     * {@code segment} was just stored: apply the receipt that came before its response, if one did after its submit_sm,
     * then those handed to {@code pending} since.
     */
    void segmentStored(Tx tx, Segment segment, Unrecorded pending) {
        tx.smppSegments().takeEarlyReceipt(connection, segment.smscId(), segment.submittedAt().minus(earlyLimit))
                .ifPresent(early -> record(tx, segment, early.receipt()));
        List<SegmentReceipt> handed = pending.take();
        for (SegmentReceipt receipt : handed) {
            record(tx, segment, receipt);
        }
        if (!handed.isEmpty()) {
            tx.afterCommit(() -> pending.appliedAndCommitted = true);
        }
    }

    /**
     * {@code segment} was acknowledged: until its {@link Unrecorded#end}, receipts for its id are handed to the
     * transaction that stores it. An id another segment still awaits the commit of (an SMSC that gave it twice within a
     * window) stays that segment's: this one is not registered.
     */
    Unrecorded acknowledged(Segment segment) {
        Unrecorded pending = new Unrecorded(segment);
        return unrecorded.putIfAbsent(segment.smscId(), pending) == null ? pending : pending.ended();
    }

    /**
     * Whether the segment {@code pending} stands for reads back stored with a receipt: its transaction committed, and
     * applied the receipts handed to it (or one that came before them: a later one would change nothing). Asked only
     * when that transaction did not say so as it committed.
     */
    private boolean recorded(String smscId, Unrecorded pending) {
        try {
            return storage.read(tx -> tx.smppSegments().findBySmscId(connection, smscId))
                    .filter(s -> s.messageSid().equals(pending.messageSid) && s.seq() == pending.seq)
                    .map(s -> s.receipt() != null).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A segment from its {@code submit_sm_resp} until the transaction that stores its id has ended, committed or not.
     * Receipts handed to it meanwhile are applied by that transaction ({@link #segmentStored}); their threads wait for
     * {@link #end}, and answer when it committed them, or read the segment back when it did not say so.
     */
    final class Unrecorded {
        private final String smscId;
        private final String messageSid;
        private final int seq;
        private final CountDownLatch ended = new CountDownLatch(1);
        /** The receipts handed over; null once taken by the storing transaction or ended. */
        private List<SegmentReceipt> handed = new ArrayList<>(1);
        /**
         * Set as the transaction that took the receipts handed over commits, before {@link #end}: they are stored, and
         * their threads answer without reading the segment back.
         */
        private volatile boolean appliedAndCommitted;

        private Unrecorded(Segment segment) {
            this.smscId = segment.smscId();
            this.messageSid = segment.messageSid();
            this.seq = segment.seq();
        }

        /** False once the storing transaction took the receipts, or it ended: then the receipt takes the stored path. */
        synchronized boolean hand(SegmentReceipt receipt) {
            if (handed == null) {
                return false;
            }
            handed.add(receipt);
            return true;
        }

        private synchronized List<SegmentReceipt> take() {
            List<SegmentReceipt> taken = handed == null ? List.of() : handed;
            handed = null;
            return taken;
        }

        /** The transaction that stores the segment has ended: the receipts handed over may be read back now. */
        void end() {
            ended();
            unrecorded.remove(smscId, this);
        }

        private Unrecorded ended() {
            take();
            ended.countDown();
            return this;
        }

        private boolean awaitEnd(Duration limit) {
            try {
                return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void record(Tx tx, Segment segment, SegmentReceipt receipt) {
        if (!tx.smppSegments().recordReceipt(connection, segment.messageSid(), segment.seq(), receipt)) {
            return;
        }
        // A message of one segment is all there: no need to read the others.
        List<Segment> all = segment.total() == 1 ? List.of(segment)
                : tx.smppSegments().forMessage(connection, segment.messageSid());
        Instant now = clock.instant();
        if (receipt.status() != MessageStatus.DELIVERED) {
            boolean firstFailure = all.stream().filter(s -> s.seq() != segment.seq())
                    .noneMatch(s -> s.receipt() != null && s.receipt().status() != MessageStatus.DELIVERED);
            if (firstFailure) {
                receipts.enqueue(tx, new ReceiptSink.Receipt(segment.accountSid(), segment.messageSid(),
                        receipt.status(), receipt.errorCode(), receipt.doneAt(), now));
            }
            return;
        }
        boolean allDelivered = all.size() == segment.total() && all.stream().allMatch(s -> s.seq() == segment.seq()
                || (s.receipt() != null && s.receipt().status() == MessageStatus.DELIVERED));
        if (allDelivered) {
            Instant done = all.stream().map(s -> s.seq() == segment.seq() ? receipt.doneAt() : s.receipt().doneAt())
                    .max(Instant::compareTo).orElse(receipt.doneAt());
            receipts.enqueue(tx, new ReceiptSink.Receipt(segment.accountSid(), segment.messageSid(),
                    MessageStatus.DELIVERED, null, done, now));
        }
    }
}
