package dev.parley.core.message;

import java.time.Instant;

/**
 * The payload of a {@code message.send} job: the message, and the instant its validity period ends (null: none
 * recorded, for jobs enqueued before validity periods existed). Written as {@code <sid>} or
 * {@code <sid> <epoch millis>}.
 */
public record SendJob(String messageSid, Instant validUntil) {

    public String payload() {
        return validUntil == null ? messageSid : messageSid + " " + validUntil.toEpochMilli();
    }

    public static SendJob parse(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0) {
            return new SendJob(payload, null);
        }
        return new SendJob(payload.substring(0, space),
                Instant.ofEpochMilli(Long.parseLong(payload.substring(space + 1))));
    }

    /** The message may no longer be handed to a channel at {@code now}. */
    public boolean expiredAt(Instant now) {
        return validUntil != null && now.isAfter(validUntil);
    }
}
