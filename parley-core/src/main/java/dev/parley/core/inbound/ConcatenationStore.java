package dev.parley.core.inbound;

import java.util.List;

/** The parts of concatenated SMS waiting for their siblings. Every method runs inside the caller's transaction. */
public interface ConcatenationStore {

    /**
     * Stores {@code part} unless a part with its key and {@code seq} is already stored.
     *
     * @return false when it was (the part is a duplicate and nothing changed)
     */
    boolean insert(ConcatPart part);

    /** Every stored part of {@code key}, the completion mark (seq 0) included, by seq. */
    List<ConcatPart> parts(ConcatKey key);

    /** Deletes every stored part of {@code key}, the completion mark included. */
    void delete(ConcatKey key);
}
