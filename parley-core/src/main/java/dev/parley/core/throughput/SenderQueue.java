package dev.parley.core.throughput;

import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Throughput limits per sender, as carriers impose them: each message reserves its send slot when it is created,
 * and its send job is due at that slot. A sender's slots are {@code segments / rate} apart, so its messages leave
 * at its rate however fast they were created; the schedule is stored, so it survives restarts and costs no polling.
 *
 * <p>The queue of a sender holds at most {@link #MAX_BACKLOG} of sending at its rate (Twilio's rule): a reservation
 * that would end later is refused, and nothing is written. The API answers that with 21611 for a message sent from
 * a number; a message whose sender was picked from a Messaging Service's pool after creation fails with 30001.
 *
 * <p>Each sender's schedule is independent: one account's burst delays only its own senders.
 */
public final class SenderQueue {
    /** How far ahead a sender's queue may reach: 10 hours, as Twilio queues. */
    public static final Duration MAX_BACKLOG = Duration.ofHours(10);
    /** How late a sender's queue may be at start-up and still be sent as scheduled. */
    public static final Duration RESUME_GRACE = Duration.ofSeconds(1);
    private final SendRates rates;
    private final Clock clock;

    public SenderQueue(SendRates rates, Clock clock) {
        this.rates = rates;
        this.clock = clock;
    }

    /** The outcome of {@link #reserve}. */
    public sealed interface Reservation {

        /** The message may be handed to its channel from {@code at} (now, when the sender is free or unlimited). */
        record Slot(Instant at) implements Reservation {
        }

        /**
         * The sender's queue is full: {@code backlog} of sending is already reserved at {@code rate} segments per
         * second. Nothing was reserved.
         */
        record QueueFull(String sender, double rate, Duration backlog) implements Reservation {

            /** Twilio's answer to a create from this sender: 21611. */
            public static final int FROM_NUMBER_ERROR = 21611;
            /** Twilio's failure of a Messaging Service message whose pool is overloaded: 30001 (Queue overflow). */
            public static final int MESSAGING_SERVICE_ERROR = 30001;
            public static final String FROM_NUMBER_MESSAGE =
                    "This 'From' number has exceeded the maximum number of queued messages";

            /** The detail for logs and error messages: how full, at what rate. */
            public String describe() {
                return "queue of " + sender + " is full (" + backlog.toSeconds() + " s queued at " + rate
                        + " segments/s, at most " + MAX_BACKLOG.toSeconds() + " s)";
            }
        }
    }

    /**
     * Reserves the send slot of a message of {@code segments} segments from {@code sender}, inside the caller's
     * write transaction (the reservation commits or rolls back with the message). An unlimited sender always gets
     * {@code now} and writes nothing. For a message whose sender is known only after creation (a Messaging Service
     * picks one from its pool), call this in the transaction that assigns the sender and use the slot as the send
     * job's due time, or fail the message with {@link Reservation.QueueFull#MESSAGING_SERVICE_ERROR}.
     */
    public Reservation reserve(Tx tx, RatedSender sender, int segments) {
        Instant now = clock.instant();
        double rate = rates.rateOf(sender.channel(), sender.messagesPerSecond());
        if (rate <= 0) {
            return new Reservation.Slot(now);
        }
        SenderQueueStore store = tx.senderQueues();
        Instant free = store.nextSlot(sender.accountSid(), sender.address()).filter(at -> at.isAfter(now)).orElse(now);
        Instant next = free.plus(cost(Math.max(1, segments), rate));
        Duration backlog = Duration.between(now, free);
        if (Duration.between(now, next).compareTo(MAX_BACKLOG) > 0) {
            return new Reservation.QueueFull(sender.address(), rate, backlog);
        }
        store.setNextSlot(sender.accountSid(), sender.address(), next);
        return new Reservation.Slot(free);
    }

    /**
     * Called at start-up, before the work queue runs, with the kinds of the jobs that send a message (payload: the
     * message SID first): the send jobs of a rate-limited sender that fell due while
     * Parley was stopped would otherwise all leave at once, faster than the carrier allows. Each such sender's
     * schedule is moved forward by how late it is, so that its queue resumes at its rate from now, in order.
     * Lateness up to {@link #RESUME_GRACE} is left alone.
     *
     * @return how many senders were moved
     */
    public int resumeAfterPause(Tx tx, List<String> sendKinds) {
        Instant now = clock.instant();
        return tx.senderQueues().resumeOverdue(sendKinds, now.minus(RESUME_GRACE), now);
    }

    /** How long {@code segments} segments occupy a sender at {@code rate} segments per second. */
    static Duration cost(int segments, double rate) {
        return Duration.ofNanos(Math.round(segments * 1e9 / rate));
    }
}
