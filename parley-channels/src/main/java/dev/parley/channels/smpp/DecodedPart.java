package dev.parley.channels.smpp;

import java.util.Objects;

/**
 * The text of one {@code submit_sm} or {@code deliver_sm}, as {@link SmppCodec#decode} reads it.
 *
 * @param text   the decoded text of this part
 * @param concat where the part belongs in a concatenated message; null when it is a whole message
 */
public record DecodedPart(String text, Concat concat) {

    public DecodedPart {
        Objects.requireNonNull(text, "text");
    }

    /**
     * A part's place in a concatenated message, from a user data header (8- or 16-bit reference) or the SAR TLVs.
     *
     * @param ref   the reference shared by the parts (0–255 or 0–65535)
     * @param total how many parts the message has (2–255)
     * @param seq   this part's number, 1 to {@code total}
     */
    public record Concat(int ref, int total, int seq) {

        public Concat {
            if (total < 2 || total > 255 || seq < 1 || seq > total || ref < 0 || ref > 0xFFFF) {
                throw new IllegalArgumentException(
                        "Bad concatenation header (ref=" + ref + ", total=" + total + ", seq=" + seq + ")");
            }
        }
    }
}
