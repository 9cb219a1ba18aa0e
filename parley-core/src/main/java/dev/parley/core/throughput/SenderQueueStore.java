package dev.parley.core.throughput;

import java.time.Instant;
import java.util.Optional;

/**
 * The send schedule of each rate-limited sender: its earliest free send slot. Every method runs inside the caller's
 * write transaction; {@link #nextSlot} locks the sender's row until that transaction ends (on PostgreSQL, where
 * several nodes may reserve at once; SQLite has a single writer), so two reservations never get the same slot.
 */
public interface SenderQueueStore {

    /** The sender's next free slot, empty when it has never been reserved. */
    Optional<Instant> nextSlot(String accountSid, String sender);

    /** Sets the sender's next free slot (inserting the sender's row if it has none). */
    void setNextSlot(String accountSid, String sender, Instant slot);
}
