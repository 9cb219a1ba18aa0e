package dev.parley.core.throughput;

import java.time.Instant;
import java.util.List;
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

    /**
     * After a pause (Parley stopped), moves the schedule of every rate-limited sender whose earliest pending send job
     * (of one of {@code sendKinds}, its payload starting with the message SID) is due before {@code overdueBefore} forward by how late it is at {@code now}: its pending
     * send jobs and its next free slot alike, so that the messages that waited leave at the sender's rate from now
     * rather than all at once.
     *
     * @return how many senders were moved
     */
    int resumeOverdue(List<String> sendKinds, Instant overdueBefore, Instant now);
}
