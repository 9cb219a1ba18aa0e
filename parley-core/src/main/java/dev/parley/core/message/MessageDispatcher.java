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
        String sid = job.payload();
        Optional<Message> sending = storage.write(tx -> tx.messages().find(job.accountSid(), sid).map(m -> {
            if (m.status() != MessageStatus.QUEUED) {
                return m;
            }
            Message next = m.moveTo(MessageStatus.SENDING, clock.instant());
            tx.messages().update(next);
            callbacks.enqueue(tx, next, null);
            return next;
        }));
        if (sending.isEmpty() || sending.get().status() != MessageStatus.SENDING) {
            return JobOutcome.DONE;
        }
        Message message = sending.get();
        Optional<Channel> channel = channels.find(message.channel());
        SendResult result = channel.isPresent() ? channel.get().send(message)
                : new SendResult.Rejected(MessageStatus.FAILED, 30008,
                        "no channel named " + message.channel() + " is configured");
        return switch (result) {
            case SendResult.Accepted a -> JobOutcome.done(tx -> {
                if (settle(tx, message, MessageStatus.SENT, null, a.providerId()) && a.plannedReceipt() != null) {
                    receipts.enqueue(tx, a.plannedReceipt());
                }
            });
            case SendResult.Rejected r -> JobOutcome.done(tx -> settle(tx, message, r.status(), r.errorCode(), null));
            case SendResult.RetryLater r -> new JobOutcome.Retry(r.after(), r.reason(), tx -> { });
        };
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
