package dev.parley.core.message;

import dev.parley.core.message.channel.Channel;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code message.send} jobs ({@link SendJob}): {@code queued} (or {@code accepted}, or {@code scheduled} once
 * its SendAt came) {@code → sending}, hand to the channel, then {@code sent} (or
 * failed/undelivered when the channel refuses). Each change is stored with its status callback. A job
 * that finds its message already past {@code sending} does nothing, so a repeated job is harmless; a
 * message still {@code sending} after a crash is handed to the channel again (at-least-once). A message whose
 * validity period ended before it reached the channel ends {@code failed} with 30036 instead. A scheduled message
 * whose time came takes its sender's send slot first ({@link SendPacing#paceScheduled}). A free-form WhatsApp message
 * outside its recipient's 24-hour window ends {@code failed} with 63016 before reaching any channel
 * ({@link WhatsAppWindow}).
 */
public final class MessageDispatcher implements JobHandler {
    public static final String KIND = "message.send";
    private final Storage storage;
    private final Channels channels;
    private final StatusCallbacks callbacks;
    private final ReceiptHandler receipts;
    private final Pricing pricing;
    private final Clock clock;
    private final SendPacing pacing;
    private final MessageTemplates templates;

    /** The collaborators of a {@link MessageDispatcher}. */
    public record Parts(Channels channels, StatusCallbacks callbacks, ReceiptHandler receipts, Pricing pricing,
            SendPacing pacing, MessageTemplates templates) {
    }

    public MessageDispatcher(Storage storage, Clock clock, Parts parts) {
        this.storage = storage;
        this.clock = clock;
        this.channels = parts.channels();
        this.callbacks = parts.callbacks();
        this.receipts = parts.receipts();
        this.pricing = parts.pricing();
        this.pacing = parts.pacing();
        this.templates = parts.templates();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        String account = job.accountSid();
        SendJob send = SendJob.parse(job.payload());
        String sid = send.messageSid();
        Message seen = storage.read(tx -> tx.messages().find(account, sid)).orElse(null);
        if (seen == null || !(waiting(seen.status()) || seen.status() == MessageStatus.SENDING)) {
            return JobOutcome.DONE;
        }
        if (waiting(seen.status()) && send.expiredAt(clock.instant())) {
            // Never handed to the channel within its validity period: it is not sent late.
            return JobOutcome.done(tx -> tx.messages().find(account, sid).filter(m -> waiting(m.status()))
                    .ifPresent(m -> settle(tx, m, MessageStatus.FAILED, 30036, null, null)));
        }
        if (seen.status() == MessageStatus.SCHEDULED && !storage.write(tx -> pacing.paceScheduled(tx, job, sid))) {
            return JobOutcome.DONE;
        }
        // Checked before a message goes sending, whichever channel it is (the simulator behaves as production does);
        // one found sending after a crash passed the check then and may be with its provider already.
        if (waiting(seen.status()) && WhatsAppWindow.concerns(seen)
                && !storage.read(tx -> WhatsAppWindow.allows(tx, seen, clock.instant(), templates))) {
            return JobOutcome.done(tx -> tx.messages().current(seen).filter(m -> waiting(m.status()))
                    .ifPresent(m -> settle(tx, m, MessageStatus.FAILED, WhatsAppWindow.OUTSIDE_WINDOW, null, null)));
        }
        Optional<Channel> channel = channels.find(seen.channel());
        boolean atOnce = channel.map(Channel::storesSendingWithOutcome).orElse(true);
        if (!atOnce && !storage.write(tx -> toSending(tx, seen).map(sending -> {
            tx.messages().updateStatus(sending.message());
            if (sending.moved()) {
                callbacks.enqueue(tx, sending.message(), null);
            }
            return true;
        }).orElse(false))) {
            return JobOutcome.DONE;
        }
        SendResult result = channel.isPresent() ? Channels.send(channel.get(), seen)
                : new SendResult.Rejected(MessageStatus.FAILED, 30008,
                        "no channel named " + seen.channel() + " is configured");
        if (result instanceof SendResult.RetryLater r) {
            return new JobOutcome.Retry(r.after(), r.reason(), JobOutcome.NOTHING);
        }
        return JobOutcome.done(tx -> record(tx, seen, result),
                result instanceof SendResult.Accepted a ? a.afterStored() : JobOutcome.NO_FOLLOW_UP);
    }

    /**
     * Stores what the channel answered, and what the channel keeps of an accepted send after it. For a channel that
     * stores sending with the outcome, sending and the outcome are one write of the row. Their callbacks are one job,
     * with that of a receipt the channel applies here (ADR 0038).
     */
    private void record(Tx tx, Message seen, SendResult result) {
        callbacks.together(tx, seen.sid(), () -> storeOutcome(tx, seen, result));
    }

    private void storeOutcome(Tx tx, Message seen, SendResult result) {
        toSending(tx, seen).ifPresent(sending -> {
            Message sendingChange = sending.moved() ? sending.message() : null;
            switch (result) {
                case SendResult.Accepted a -> {
                    if (settle(tx, sending.message(), MessageStatus.SENT, null, a.providerId(), sendingChange)) {
                        a.plannedReceipts().forEach(receipt -> receipts.enqueue(tx, receipt));
                    }
                }
                case SendResult.Rejected r -> settle(tx, sending.message(), r.status(), r.errorCode(), null,
                        sendingChange);
                case SendResult.RetryLater r -> throw new IllegalStateException("handled above");
            }
        });
        if (result instanceof SendResult.Accepted a) {
            a.storeWithOutcome().accept(tx);
        }
    }

    /** A message in {@code sending}; {@code moved} when this transaction moved it there (not yet written). */
    private record Sending(Message message, boolean moved) {
    }

    /**
     * The message in {@code sending}: moved there from {@code queued} (the caller writes the row and enqueues its
     * callback), or as it is when already sending. Empty when it is gone or has moved on.
     */
    private Optional<Sending> toSending(Tx tx, Message seen) {
        Message m = tx.messages().current(seen).orElse(null);
        if (m == null) {
            return Optional.empty();
        }
        if (waiting(m.status())) {
            Instant now = clock.instant();
            Message queued = m.status() == MessageStatus.QUEUED ? m : m.moveTo(MessageStatus.QUEUED, now);
            return Optional.of(new Sending(queued.moveTo(MessageStatus.SENDING, now), true));
        }
        return m.status() == MessageStatus.SENDING ? Optional.of(new Sending(m, false)) : Optional.empty();
    }

    /**
     * Not yet handed to a channel: {@code queued}, {@code accepted} (sent through a Messaging Service) or
     * {@code scheduled} (its job runs at SendAt; a canceled one is no longer waiting).
     */
    private static boolean waiting(MessageStatus status) {
        return status == MessageStatus.QUEUED || status == MessageStatus.ACCEPTED
                || status == MessageStatus.SCHEDULED;
    }

    @Override
    public void onDeadLetter(Job job, String reason, Tx tx) {
        tx.messages().find(job.accountSid(), SendJob.parse(job.payload()).messageSid())
                .ifPresent(m -> settle(tx, m, MessageStatus.FAILED, 30008, null, null));
    }

    /**
     * Moves {@code current} (as read in this transaction) on and writes it, with its callback, after the one of
     * {@code sending} when this transaction also moved it there; false when the lifecycle does not allow the move
     * (a repeated job).
     */
    private boolean settle(Tx tx, Message current, MessageStatus status, Integer errorCode, String providerId,
            Message sending) {
        if (!current.status().canMoveTo(status)) {
            return false;
        }
        Instant now = clock.instant();
        Message next = current.moveTo(status, now);
        if (providerId != null) {
            next = next.withProviderId(providerId);
        }
        if (errorCode != null) {
            next = next.withError(errorCode, ErrorMessages.describe(errorCode));
        }
        next = pricing.charge(tx, next);
        tx.messages().updateStatus(next);
        callbacks.enqueue(tx, sending == null ? List.of(next) : List.of(sending, next), now);
        return true;
    }
}
