package dev.parley.core.message;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;

/**
 * Persistence of messages, always scoped by account. A message read back ({@link #find}, {@link #list}) carries
 * {@link Message#numMedia()} as the count of its media rows at that moment ({@link dev.parley.core.media.MediaStore});
 * {@code insert} and {@code update} never write it.
 */
public interface MessageStore {

    void insert(Message message);

    /** Replaces the stored row with this state. */
    void update(Message message);

    Optional<Message> find(String accountSid, String sid);

    /**
     * The message a channel was given {@code providerId} for ({@link Message#providerId()}), on the channel named
     * {@code channel}: how a provider's status webhook (WhatsApp's {@code wamid…}, an upstream Twilio's {@code SM…})
     * finds its message. Not scoped by account: the channel's owner is checked by the caller. Only those channels'
     * messages ({@code twilio:…}, {@code whatsapp:…}) are found: no other channel is looked up this way.
     */
    Optional<Message> findByProviderId(String channel, String providerId);

    /** The stored status alone: whether a copy read before still is the stored state of its lifecycle. */
    Optional<MessageStatus> findStatus(String accountSid, String sid);

    /**
     * {@code seen}, read outside this transaction, while its status still is the stored one; else the stored message,
     * read again; empty when it is gone. Enough to move it on with {@link #updateStatus}, which leaves the rest of the
     * row as stored.
     */
    default Optional<Message> current(Message seen) {
        Optional<MessageStatus> stored = findStatus(seen.accountSid(), seen.sid());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return stored.get() == seen.status() ? Optional.of(seen) : find(seen.accountSid(), seen.sid());
    }

    /**
     * Writes what a status change sets (status, error, price, provider id, dates) and leaves the rest as stored, so
     * that a change made to the rest meanwhile (a redacted body) stays.
     */
    void updateStatus(Message message);

    /** Newest first; {@code sentFrom} inclusive, {@code sentUntil} exclusive. */
    Page<Message> list(String accountSid, MessageFilter filter, PageRequest page);

    boolean delete(String accountSid, String sid);

    /** The feedback posted for the message, if any (a message deleted takes its feedback with it). */
    Optional<MessageFeedback> feedback(String accountSid, String messageSid);

    /** Inserts or replaces the message's feedback. */
    void saveFeedback(MessageFeedback feedback);
}
