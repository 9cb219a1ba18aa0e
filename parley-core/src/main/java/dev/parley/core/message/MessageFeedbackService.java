package dev.parley.core.message;

import dev.parley.core.error.ApiException;
import dev.parley.core.tx.Storage;
import java.time.Clock;
import java.util.Optional;

/**
 * Message Feedback ({@code /2010-04-01/Accounts/{Sid}/Messages/{MessageSid}/Feedback.json}): the account reports
 * whether the recipient of a message created with {@code ProvideFeedback=true} performed the tracked action. Parley
 * keeps the outcome (it tunes no routes with it). A message that did not ask for feedback has no Feedback resource:
 * both calls answer 20404 for it, as for an unknown message. A refusal writes nothing.
 */
public final class MessageFeedbackService {
    private final Storage storage;
    private final Clock clock;

    public MessageFeedbackService(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** The message's feedback: the outcome last posted, else unconfirmed since the message was created. */
    public MessageFeedback fetch(String accountSid, String messageSid) {
        return storage.read(tx -> {
            Message m = feedbackMessage(tx.messages().find(accountSid, messageSid), accountSid, messageSid);
            return tx.messages().feedback(accountSid, messageSid).orElseGet(() -> MessageFeedback.unconfirmed(m));
        });
    }

    /**
     * Records {@code outcome} ({@code confirmed} or {@code unconfirmed}; Twilio's default, {@code confirmed}, when
     * null or blank) as the message's feedback.
     */
    public MessageFeedback create(String accountSid, String messageSid, String outcome) {
        MessageFeedback.Outcome given = outcome == null || outcome.isBlank() ? MessageFeedback.Outcome.CONFIRMED
                : MessageFeedback.Outcome.parse(outcome);
        if (given == null) {
            throw ApiException.badRequest(20001, "Outcome must be confirmed or unconfirmed, not " + outcome);
        }
        return storage.write(tx -> {
            Message m = feedbackMessage(tx.messages().find(accountSid, messageSid), accountSid, messageSid);
            MessageFeedback current = tx.messages().feedback(accountSid, messageSid)
                    .orElseGet(() -> MessageFeedback.unconfirmed(m));
            MessageFeedback updated = new MessageFeedback(accountSid, messageSid, given, current.dateCreated(),
                    clock.instant());
            tx.messages().saveFeedback(updated);
            return updated;
        });
    }

    private static Message feedbackMessage(Optional<Message> found, String accountSid, String messageSid) {
        return found.filter(Message::provideFeedback).orElseThrow(() -> ApiException.notFound("/2010-04-01/Accounts/"
                + accountSid + "/Messages/" + messageSid + "/Feedback.json"));
    }
}
