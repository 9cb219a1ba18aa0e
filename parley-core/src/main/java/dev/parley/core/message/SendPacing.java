package dev.parley.core.message;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.queue.FairShare;
import dev.parley.core.queue.Job;
import dev.parley.core.throughput.RatedSender;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Paces sends at their senders' rates ({@link SenderQueue}) and fairly across accounts ({@link FairShare}): a new
 * message's send job is due at its sender's slot, a scheduled message takes its slot when its time comes, and a
 * Messaging Service message whose sender's queue is full fails with 30001 (Queue overflow). Every method runs in
 * the caller's write transaction.
 */
public final class SendPacing {
    private final SenderQueue senderQueue;
    private final FairShare fairShare;
    private final StatusCallbacks callbacks;
    private final Pricing pricing;
    private final IdGenerator ids;
    private final Clock clock;
    private final int sendAttempts;

    /** The collaborators; {@code sendAttempts} is that of the send jobs it re-enqueues. */
    public record Parts(SenderQueue senderQueue, FairShare fairShare, StatusCallbacks callbacks, Pricing pricing,
            IdGenerator ids, Clock clock, int sendAttempts) {
    }

    public SendPacing(Parts parts) {
        this.senderQueue = parts.senderQueue();
        this.fairShare = parts.fairShare();
        this.callbacks = parts.callbacks();
        this.pricing = parts.pricing();
        this.ids = parts.ids();
        this.clock = parts.clock();
        this.sendAttempts = parts.sendAttempts();
    }

    /** The sender's next slot for {@code segments} segments, or its queue is full (nothing reserved then). */
    public SenderQueue.Reservation reserve(Tx tx, RatedSender sender, int segments) {
        return senderQueue.reserve(tx, sender, segments);
    }

    /** Enqueues a send job (or the media fetch before it) with its account's fair time. */
    public void enqueue(Tx tx, Job job) {
        tx.jobs().enqueue(job, fairShare.fairAt(job.accountSid(), job.runAt(), clock.instant()));
    }

    /**
     * {@code waiting} failed with 30001 (Queue overflow), priced, its status callback enqueued; the caller writes
     * the row.
     */
    public Message queueOverflow(Tx tx, Message waiting) {
        Instant now = clock.instant();
        int code = SenderQueue.Reservation.QueueFull.MESSAGING_SERVICE_ERROR;
        Message failed = pricing.charge(tx, waiting.moveTo(MessageStatus.FAILED, now)
                .withError(code, ErrorMessages.describe(code)));
        callbacks.enqueue(tx, failed, now);
        return failed;
    }

    /**
     * A scheduled message whose time came takes its sender's slot then ({@code job} is its send job). Returns true
     * when it may be handed to its channel now. Otherwise it is moved to {@code queued} with a new send job due at
     * its slot (and {@code job} completed), or failed with 30001 when its sender's queue is full; the caller stops.
     */
    public boolean paceScheduled(Tx tx, Job job, String sid) {
        Message m = tx.messages().find(job.accountSid(), sid).orElse(null);
        if (m == null || m.status() != MessageStatus.SCHEDULED) {
            return true;
        }
        Optional<ChannelAddress> address = ChannelAddress.parse(m.from());
        // A from that is no address is a Messaging Service's alpha sender or short code: paced on its own queue.
        RatedSender sender = m.from().equals(MagicNumbers.ALWAYS_VALID_FROM) ? null
                : address.isEmpty() ? new RatedSender(m.accountSid(), m.from(), m.channel(), null)
                : address.flatMap(from -> tx.numbers().findByNumber(from.number())
                        .filter(n -> n.accountSid().equals(m.accountSid()))
                        .map(n -> from.isWhatsApp() ? WhatsAppRules.rated(n) : RatedSender.of(n))).orElse(null);
        if (sender == null) {
            return true;
        }
        Instant now = clock.instant();
        switch (senderQueue.reserve(tx, sender, m.numSegments())) {
            case SenderQueue.Reservation.Slot slot -> {
                if (!slot.at().isAfter(now)) {
                    return true;
                }
                tx.messages().update(m.moveTo(MessageStatus.QUEUED, now));
                enqueue(tx, Job.create(ids.sid("JB"), job.accountSid(), job.kind(), job.payload(), slot.at(),
                        sendAttempts, now));
            }
            case SenderQueue.Reservation.QueueFull full -> tx.messages().update(queueOverflow(tx, m));
        }
        tx.jobs().complete(job.id());
        return false;
    }
}
