package dev.parley.core.message;

import dev.parley.core.channel.Channel;
import dev.parley.core.channel.Channels;
import dev.parley.core.channel.SendResult;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.store.Storage;
import dev.parley.core.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs {@code message.send} jobs: {@code queued → sending}, hand to the channel, then {@code sent} (or
 * failed/undelivered when the channel refuses). Each change is stored with its status callback. A job
 * that finds its message already past {@code sending} does nothing, so a repeated job is harmless; a
 * message still {@code sending} after a crash is handed to the channel again (at-least-once).
 */
public final class MessageDispatcher implements JobHandler {
    public static final String KIND = "message.send";
    private final Storage storage;
    private final Channels channels;
    private final StatusCallbacks callbacks;
    private final ReceiptHandler receipts;
    private final Pricing pricing;
    private final Clock clock;

    public MessageDispatcher(Storage storage, Channels channels, StatusCallbacks callbacks, ReceiptHandler receipts,
            Pricing pricing, Clock clock) {
        this.storage = storage;
        this.channels = channels;
        this.callbacks = callbacks;
        this.receipts = receipts;
        this.pricing = pricing;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        String account = job.accountSid();
        String sid = job.payload();
        Message seen = storage.read(tx -> tx.messages().find(account, sid)).orElse(null);
        if (seen == null || (seen.status() != MessageStatus.QUEUED && seen.status() != MessageStatus.SENDING)) {
            return JobOutcome.DONE;
        }
        Optional<Channel> channel = channels.find(seen.channel());
        boolean atOnce = channel.map(Channel::answersAtOnce).orElse(true);
        if (!atOnce && !storage.write(tx -> markSending(tx, account, sid))) {
            return JobOutcome.DONE;
        }
        SendResult result = channel.isPresent() ? channel.get().send(seen)
                : new SendResult.Rejected(MessageStatus.FAILED, 30008,
                        "no channel named " + seen.channel() + " is configured");
        if (result instanceof SendResult.RetryLater r) {
            return new JobOutcome.Retry(r.after(), r.reason(), JobOutcome.NOTHING);
        }
        return JobOutcome.done(tx -> {
            if (!markSending(tx, account, sid)) {
                return;
            }
            switch (result) {
                case SendResult.Accepted a -> {
                    if (settle(tx, seen, MessageStatus.SENT, null, a.providerId()) && a.plannedReceipt() != null) {
                        receipts.enqueue(tx, a.plannedReceipt());
                    }
                }
                case SendResult.Rejected r -> settle(tx, seen, r.status(), r.errorCode(), null);
                case SendResult.RetryLater r -> throw new IllegalStateException("handled above");
            }
        });
    }

    /** {@code queued → sending} with its callback; true if the message is (now) sending. */
    private boolean markSending(Tx tx, String account, String sid) {
        Message m = tx.messages().find(account, sid).orElse(null);
        if (m == null) {
            return false;
        }
        if (m.status() == MessageStatus.QUEUED) {
            Message next = m.moveTo(MessageStatus.SENDING, clock.instant());
            tx.messages().update(next);
            callbacks.enqueue(tx, next, null);
            return true;
        }
        return m.status() == MessageStatus.SENDING;
    }

    @Override
    public void onDeadLetter(Job job, String reason, Tx tx) {
        tx.messages().find(job.accountSid(), job.payload())
                .filter(m -> m.status().canMoveTo(MessageStatus.FAILED))
                .ifPresent(m -> settle(tx, m, MessageStatus.FAILED, 30008, null));
    }

    /** Moves the message on, with its callback; false when it had already moved (a repeated job). */
    private boolean settle(Tx tx, Message sent, MessageStatus status, Integer errorCode, String providerId) {
        Message current = tx.messages().find(sent.accountSid(), sent.sid()).orElse(null);
        if (current == null || !current.status().canMoveTo(status)) {
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
        if (status == MessageStatus.SENT) {
            next = next.withPrice(pricing.priceOf(next), pricing.unit());
        }
        tx.messages().update(next);
        callbacks.enqueue(tx, next, now);
        return true;
    }
}
