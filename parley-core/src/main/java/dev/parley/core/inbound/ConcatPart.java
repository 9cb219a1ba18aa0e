package dev.parley.core.inbound;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored part of a concatenated SMS.
 *
 * @param key        the message it belongs to
 * @param seq        its number, 1 to {@code key.total()}; 0 is the mark {@link Concatenation} leaves for a message it
 *                   completed, so that a part repeated after completion is known as a duplicate
 * @param purpose    what the whole message becomes ({@link Concatenation.Completion#purpose()})
 * @param text       the decoded text of this part
 * @param context    what the purpose needs beside the text, as the caller wrote it (JSON or null)
 * @param receivedAt when the part was stored
 */
public record ConcatPart(ConcatKey key, int seq, String purpose, String text, String context, Instant receivedAt) {

    public ConcatPart {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (seq < 0 || seq > key.total()) {
            throw new IllegalArgumentException("Part " + seq + " of a message of " + key.total() + " parts");
        }
    }
}
