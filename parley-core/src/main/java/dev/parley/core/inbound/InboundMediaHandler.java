package dev.parley.core.inbound;

import dev.parley.core.id.IdGenerator;
import dev.parley.core.media.MediaService;
import dev.parley.core.message.Message;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs {@code message.media-inbound} jobs for a received message with media: fetches each media URL the channel
 * gave into the data directory, then in one transaction stores the media rows, points the message's media URLs at
 * Parley's own copies ({@code <public URL>/2010-04-01/Accounts/…/Messages/…/Media/ME…}, as Twilio's point at its
 * own) and enqueues the incoming-message webhook (the number's, or its Messaging Service's). A URL that cannot be
 * fetched is left out; the message and its webhook still go. A job that finds the media already stored changes nothing.
 */
public final class InboundMediaHandler implements JobHandler {
    public static final String KIND = "message.media-inbound";
    private final Storage storage;
    private final MediaService media;
    private final IdGenerator ids;
    private final Clock clock;
    private final String publicUrl;
    private final int webhookAttempts;

    public InboundMediaHandler(Storage storage, MediaService media, IdGenerator ids, Clock clock, String publicUrl,
            int webhookAttempts) {
        this.storage = storage;
        this.media = media;
        this.ids = ids;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.webhookAttempts = webhookAttempts;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        String account = job.accountSid();
        InboundService.WebhookPayload payload = InboundService.WebhookPayload.fromJson(job.payload());
        Message seen = storage.read(tx -> tx.messages().find(account, payload.sid())).orElse(null);
        if (seen == null) {
            return JobOutcome.DONE;
        }
        MediaService.Collected collected = media.collect(account, seen.sid(), seen.mediaUrls(), false);
        return JobOutcome.done(tx -> {
            Message m = tx.messages().find(account, seen.sid()).orElse(null);
            if (m == null || !tx.media().all(account, m.sid()).isEmpty()) {
                media.discard(collected);
                return;
            }
            collected.stored().forEach(tx.media()::insert);
            List<String> urls = collected.stored().stream().map(x -> publicUrl + MediaService.contentUri(x)).toList();
            tx.messages().update(m.withMediaUrls(urls));
            boolean hooked = InboundService.webhooksOf(tx, m).isPresent();
            if (hooked) {
                Instant now = clock.instant();
                tx.jobs().enqueue(Job.create(ids.sid("JB"), account, InboundWebhookHandler.KIND, job.payload(), now,
                        webhookAttempts, now));
            }
        });
    }
}
