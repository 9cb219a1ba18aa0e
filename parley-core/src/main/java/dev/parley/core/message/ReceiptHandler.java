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
 * Delivery receipts: {@link #report} applies one due now in its own transaction when the message can take it, and
 * otherwise stores it as a {@code message.receipt} job due at its {@code applyAt}, which {@link #apply} applies in the
 * transaction that claims it ({@link InlineJobHandler}). A receipt that arrives while the message is still being
 * handed to the channel (real carriers do this) waits and is applied once the message is {@code sent}.
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
     * Takes a receipt inside the caller's transaction. One due now, for a message that can take it now, is applied
     * here: the status moves at once, and its callback is a job due no sooner than {@link #SENT_HEAD_START} after the
     * message became {@code sent}, so that {@code sending} and {@code sent}'s (one job, ADR 0019) go out first. In the
     * dispatcher's transaction that stores {@code sent} (an SMSC that answers a submit and sends its receipt at once),
     * {@link StatusCallbacks#together} puts that callback in {@code sent}'s job instead, after it (ADR 0038). Any other
     * receipt — due later (the simulator's latency), or one its message cannot take yet (still being handed to the
     * channel; a read receipt before delivered) — is stored as a job applied where it is claimed, no sooner than the
     * head start either.
     */
    public void enqueue(Tx tx, Receipt r) {
        Instant now = clock.instant();
        Instant applyAt = r.applyAt();
        // Applied where the dispatcher stores sent, the message is the one it has just written (ADR 0038).
        Message m = callbacks.stored(tx, r.accountSid(), r.messageSid())
                .or(() -> tx.messages().find(r.accountSid(), r.messageSid())).orElse(null);
        // When sent's head start ends; null when the message is not (or no longer) sent.
        Instant headStartEnds = m != null && m.status() == MessageStatus.SENT
                ? m.dateUpdated().plus(SENT_HEAD_START) : null;
        if (!applyAt.isAfter(now)) {
            Next next = next(m, r.status());
            if (next instanceof Nothing) {
                return;
            }
            if (next instanceof Move move) {
                move(tx, move, r.errorCode(), r.doneAt(), headStartEnds);
                return;
            }
        }
        if (headStartEnds != null && headStartEnds.isAfter(applyAt)) {
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

    /** What a receipt does to its message as stored now. */
    private sealed interface Next {
    }

    /** Nothing: the message is gone, already there, or past where the receipt would move it (a late receipt). */
    private record Nothing() implements Next {
    }

    /** Not yet: the message is still being handed to its channel, or a read receipt came before delivered. */
    private record Wait(String why) implements Next {
    }

    /** On to {@code status}. */
    private record Move(Message from, MessageStatus status) implements Next {
    }

    /** Writes the move and enqueues its callback, due no sooner than {@code callbackNotBefore} (when not null). */
    private void move(Tx tx, Move move, Integer errorCode, Instant doneAt, Instant callbackNotBefore) {
        Message next = move.from().moveTo(move.status(), clock.instant());
        if (errorCode != null) {
            next = next.withError(errorCode, ErrorMessages.describe(errorCode));
        }
        tx.messages().updateStatus(next);
        callbacks.enqueue(tx, next, doneAt, callbackNotBefore);
    }

    private static Next next(Message m, MessageStatus status) {
        if (m == null || m.status() == status) {
            return new Nothing();
        }
        if (m.status() == MessageStatus.QUEUED || m.status() == MessageStatus.SENDING) {
            return new Wait("message " + m.sid() + " not sent yet");
        }
        if (status == MessageStatus.READ && m.status() == MessageStatus.SENT) {
            return new Wait("message " + m.sid() + " not delivered yet");
        }
        return m.status().canMoveTo(status) ? new Move(m, status) : new Nothing();
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
        switch (next(m, status)) {
            case Nothing n -> {
            }
            case Wait w -> {
                return JobOutcome.retryAfter(EARLY_RECEIPT_WAIT, w.why());
            }
            case Move move -> move(tx, move, p.errorCode(), Instant.ofEpochMilli(p.doneAtMillis()), null);
        }
        return JobOutcome.DONE;
    }
}
