package dev.parley.core.message;

import dev.parley.core.id.IdGenerator;
import dev.parley.core.media.MediaService;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs {@code message.media} jobs, enqueued instead of the send job for an outbound message with {@code MediaUrl}s:
 * fetches every URL into the data directory, then in one transaction stores the media rows and enqueues the
 * message's send job. A URL that cannot be fetched, is too large or has an unacceptable type fails the message
 * with Twilio's code (11200/11215, 30019, 12300) and its status callback; nothing is sent. A job that finds its
 * message no longer queued, or its media already stored, changes nothing.
 */
public final class OutboundMediaHandler implements JobHandler {
    public static final String KIND = "message.media";
    private final Storage storage;
    private final MediaService media;
    private final StatusCallbacks callbacks;
    private final Pricing pricing;
    private final IdGenerator ids;
    private final Clock clock;
    private final int sendAttempts;

    /** The collaborators of an {@link OutboundMediaHandler}; {@code sendAttempts} bounds the send job it enqueues. */
    public record Parts(MediaService media, StatusCallbacks callbacks, Pricing pricing, int sendAttempts) {
    }

    public OutboundMediaHandler(Storage storage, IdGenerator ids, Clock clock, Parts parts) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
        this.media = parts.media();
        this.callbacks = parts.callbacks();
        this.pricing = parts.pricing();
        this.sendAttempts = parts.sendAttempts();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        String account = job.accountSid();
        // The payload is the send job's own (message and validity deadline), handed on unchanged. For a scheduled
        // message this job runs at SendAt: media are fetched when the message goes out.
        String sid = SendJob.parse(job.payload()).messageSid();
        Message seen = storage.read(tx -> tx.messages().find(account, sid)).orElse(null);
        if (seen == null || !awaitsSending(seen.status())) {
            return JobOutcome.DONE;
        }
        MediaService.Collected collected = media.collect(account, sid, seen.mediaUrls(), true);
        return JobOutcome.done(tx -> {
            Message m = tx.messages().find(account, sid).orElse(null);
            // Another run of this job (its lease ran out during long fetches) may have settled it first.
            if (m == null || !awaitsSending(m.status()) || !tx.media().all(account, sid).isEmpty()) {
                media.discard(collected);
                return;
            }
            Instant now = clock.instant();
            if (collected.failure() != null) {
                int code = collected.failure().code();
                Message failed = pricing.charge(tx,
                        m.moveTo(MessageStatus.FAILED, now).withError(code, ErrorMessages.describe(code)));
                tx.messages().update(failed);
                callbacks.enqueue(tx, failed, now);
                return;
            }
            collected.stored().forEach(tx.media()::insert);
            tx.jobs().enqueue(Job.create(ids.sid("JB"), account, MessageDispatcher.KIND, job.payload(), now,
                    sendAttempts, now));
        });
    }

    /** Not yet handed to the send job: queued, or accepted by a Messaging Service, or scheduled and now due. */
    private static boolean awaitsSending(MessageStatus status) {
        return status == MessageStatus.QUEUED || status == MessageStatus.ACCEPTED || status == MessageStatus.SCHEDULED;
    }
}
