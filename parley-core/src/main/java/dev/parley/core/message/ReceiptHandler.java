package dev.parley.core.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.queue.InlineJobHandler;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivery receipts: {@link #report} stores each as a {@code message.receipt} job due at its {@code applyAt};
 * {@link #apply} applies it, in the transaction that claims it ({@link InlineJobHandler}). A receipt that arrives
 * while the message is still being handed to the channel (real carriers do this) waits and is applied once the
 * message is {@code sent}.
 * A duplicate or late receipt for a message already final changes nothing.
 */
public final class ReceiptHandler implements InlineJobHandler, ReceiptSink {
    public static final String KIND = "message.receipt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EARLY_RECEIPT_WAIT = Duration.ofMillis(50);
    /** How long {@code sent}'s callbacks have to go out before a receipt moves the message on. */
    static final Duration SENT_HEAD_START = Duration.ofMillis(50);
    private final Storage storage;
    private final StatusCallbacks callbacks;
    private final IdGenerator ids;
    private final Clock clock;

    public ReceiptHandler(Storage storage, StatusCallbacks callbacks, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.callbacks = callbacks;
        this.ids = ids;
        this.clock = clock;
    }

    record Payload(String sid, String status, Integer errorCode, long doneAtMillis) {
    }

    @Override
    public void report(Receipt r) {
        storage.writeVoid(tx -> enqueue(tx, r));
    }

    /**
     * Stores a receipt inside the caller's transaction, to be applied at its {@code applyAt}, and no sooner than
     * {@link #SENT_HEAD_START} after its message became {@code sent}. Never applied here, even when its message could
     * take it: the callback of a receipt applied in the transaction that stores {@code sent} would be a job of its own
     * beside {@code sending} and {@code sent}'s, and would overtake them (ADR 0019). The head start does the same for a
     * receipt that comes right after: an SMSC that answers a submit and sends its receipt at once (a test SMSC, a fast
     * aggregator) would otherwise have {@code delivered} posted while {@code sent} still is.
     */
    public void enqueue(Tx tx, Receipt r) {
        Instant now = clock.instant();
        Instant applyAt = r.applyAt();
        Instant headStartEnds = tx.messages().sentSince(r.accountSid(), r.messageSid())
                .map(sent -> sent.plus(SENT_HEAD_START)).orElse(applyAt);
        if (headStartEnds.isAfter(applyAt)) {
            applyAt = headStartEnds;
        }
        String payload;
        try {
            payload = JSON.writeValueAsString(new Payload(r.messageSid(), r.status().wire(), r.errorCode(),
                    r.doneAt().toEpochMilli()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        tx.jobs().enqueue(Job.create(ids.sid("JB"), r.accountSid(), KIND, payload, applyAt, 200, now));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Applies the receipt where it is claimed: the status change and its callback commit with the claim. A receipt
     * that overtakes the send, or a read receipt that overtakes the delivery receipt, waits for it.
     */
    @Override
    public JobOutcome apply(Tx tx, Job job) {
        Payload p;
        try {
            p = JSON.readValue(job.payload(), Payload.class);
        } catch (JsonProcessingException e) {
            return new JobOutcome.GiveUp("unreadable receipt: " + e.getMessage(), JobOutcome.NOTHING);
        }
        MessageStatus status = MessageStatus.fromWire(p.status()).orElseThrow();
        Message m = tx.messages().find(job.accountSid(), p.sid()).orElse(null);
        if (m == null || m.status() == status) {
            return JobOutcome.DONE;
        }
        if (m.status() == MessageStatus.QUEUED || m.status() == MessageStatus.SENDING) {
            return JobOutcome.retryAfter(EARLY_RECEIPT_WAIT, "message " + p.sid() + " not sent yet");
        }
        if (status == MessageStatus.READ && m.status() == MessageStatus.SENT) {
            return JobOutcome.retryAfter(EARLY_RECEIPT_WAIT, "message " + p.sid() + " not delivered yet");
        }
        if (!m.status().canMoveTo(status)) {
            return JobOutcome.DONE;
        }
        Message next = m.moveTo(status, clock.instant());
        if (p.errorCode() != null) {
            next = next.withError(p.errorCode(), ErrorMessages.describe(p.errorCode()));
        }
        tx.messages().updateStatus(next);
        callbacks.enqueue(tx, next, Instant.ofEpochMilli(p.doneAtMillis()));
        return JobOutcome.DONE;
    }
}
