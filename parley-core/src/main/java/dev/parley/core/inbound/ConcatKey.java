package dev.parley.core.inbound;

import java.util.Objects;

/**
 * What the parts of one concatenated SMS share, so that {@link Concatenation} puts them together: who they came
 * through and from, where they go, and their concatenation header. Parts of different messages never share a key unless
 * the sender reuses a reference before the previous message's timeout.
 *
 * @param accountSid whose the message is: the account of the destination (inbound) or of the SMPP credential (submit)
 * @param channel what carried it: {@code smpp:<connection>} for a carrier's {@code deliver_sm}, the credential's
 *                {@code system_id} for a client's {@code submit_sm}; the same over every bind, so parts may arrive on
 *                different binds
 * @param from    the sender's address as Parley writes it ({@code +1…}, or an alphanumeric sender)
 * @param to      the destination's address as Parley writes it
 * @param ref     the concatenation reference (8 or 16 bits)
 * @param total   how many parts the message has
 */
public record ConcatKey(String accountSid, String channel, String from, String to, int ref, int total) {

    public ConcatKey {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (total < 2 || total > 255 || ref < 0 || ref > 0xFFFF) {
            throw new IllegalArgumentException("Bad concatenation key (ref=" + ref + ", total=" + total + ")");
        }
    }
}
