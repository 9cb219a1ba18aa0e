package dev.parley.core.conversation.media;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.media.Media;
import dev.parley.core.media.MediaService;
import dev.parley.core.message.Message;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Storage;
import java.util.List;

/**
 * Runs {@code conversation.inbound-media} jobs: an MMS from a participant's handset into its conversation. Fetches the
 * message's media as the Messaging layer does for any received MMS ({@link MediaService#collect}: a URL that cannot be
 * fetched is left out), then in one transaction stores them as the received message's {@code ME} media (its media URLs
 * pointing at Parley's copies), makes the same files media of the conversation's chat service
 * ({@link ConversationMediaService}) and adds the conversation message that carries them, which fans out to the other
 * participants. A job that finds the message's media already stored changes nothing; a conversation closed, or a
 * participant gone, meanwhile keeps the received message and its media out of the conversation.
 */
public final class ConversationInboundMediaHandler implements JobHandler {
    public static final String KIND = "conversation.inbound-media";
    private final Storage storage;
    private final MediaService media;
    private final ConversationMediaService conversationMedia;
    private final ConversationMessageService messages;
    private final String publicUrl;

    public ConversationInboundMediaHandler(Storage storage, MediaService media,
            ConversationMediaService conversationMedia, ConversationMessageService messages, String publicUrl) {
        this.storage = storage;
        this.media = media;
        this.conversationMedia = conversationMedia;
        this.messages = messages;
        this.publicUrl = publicUrl;
    }

    /** The job payload: the participant and the received message, as {@code CH…/MB…/MM…}. */
    public static String payload(Participant author, Message received) {
        return author.conversationSid() + "/" + author.sid() + "/" + received.sid();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobOutcome handle(Job job) {
        String[] parts = job.payload().split("/", 3);
        String account = job.accountSid();
        Message seen = storage.read(tx -> tx.messages().find(account, parts[2])
                .filter(m -> tx.media().all(account, m.sid()).isEmpty())).orElse(null);
        if (seen == null) {
            return JobOutcome.DONE; // deleted, or a run before this one stored its media
        }
        MediaService.Collected collected = media.collect(account, seen.sid(), seen.mediaUrls(), false);
        return JobOutcome.done(tx -> {
            Message m = tx.messages().find(account, seen.sid()).orElse(null);
            if (m == null || !tx.media().all(account, m.sid()).isEmpty()) {
                media.discard(collected);
                return;
            }
            List<Media> stored = collected.stored();
            stored.forEach(tx.media()::insert);
            Message received = m.withMediaUrls(stored.stream().map(x -> publicUrl + MediaService.contentUri(x))
                    .toList());
            tx.messages().update(received);
            Conversation conv = tx.conversations().find(account, parts[0])
                    .filter(c -> c.state() != ConversationState.CLOSED).orElse(null);
            Participant author = conv == null ? null
                    : tx.conversations().findParticipant(account, conv.sid(), parts[1]).orElse(null);
            if (author != null) {
                List<String> sids = conversationMedia.adopt(tx, conv.chatServiceSid(), author.author(), stored);
                messages.addFrom(tx, author, received, sids);
            }
        });
    }
}
