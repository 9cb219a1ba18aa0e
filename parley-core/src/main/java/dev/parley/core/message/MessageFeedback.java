package dev.parley.core.message;

import java.time.Instant;
import java.util.Locale;

/**
 * A message's Feedback subresource ({@code /Messages/{Sid}/Feedback.json}): whether its recipient performed the
 * tracked action (entered the code…). It exists for a message created with {@code ProvideFeedback=true}, and is
 * {@link Outcome#UNCONFIRMED} until the account posts another outcome.
 */
public record MessageFeedback(String accountSid, String messageSid, Outcome outcome, Instant dateCreated,
        Instant dateUpdated) {

    /** Twilio's {@code outcome} values. */
    public enum Outcome {
        CONFIRMED, UNCONFIRMED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The outcome named {@code wire} ({@code confirmed}, {@code unconfirmed}), or null for another value. */
        public static Outcome parse(String wire) {
            for (Outcome o : values()) {
                if (o.wire().equalsIgnoreCase(wire.strip())) {
                    return o;
                }
            }
            return null;
        }
    }

    /** What a message that asked for feedback shows before any was posted: unconfirmed since its creation. */
    public static MessageFeedback unconfirmed(Message m) {
        return new MessageFeedback(m.accountSid(), m.sid(), Outcome.UNCONFIRMED, m.dateCreated(), m.dateCreated());
    }
}
