package dev.parley.core.connection;

import dev.parley.core.message.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The segments Parley submitted on its SMPP carrier connections, each under the {@code message_id} the SMSC gave it,
 * and the receipts that arrived before their segment's id was stored (ADR 24). The store is what makes a send
 * crash-safe: a segment with a row here was acknowledged by the SMSC and is never submitted again.
 *
 * <p>Ids are stored normalized ({@code SmscIds}): the same number written in decimal by the response and in hex by
 * the receipt is one id.
 */
public interface SmppSegmentStore {

    /**
     * One acknowledged segment.
     *
     * @param seq     the segment's place in its message, from 0
     * @param total   how many segments the message has
     * @param receipt how the segment ended, per its receipt; null while none came
     */
    record Segment(String connection, String accountSid, String messageSid, int seq, int total, String smscId,
            Instant submittedAt, SegmentReceipt receipt) {
    }

    /** What a receipt said of one segment: {@code delivered} or {@code undelivered} (with Twilio's code). */
    record SegmentReceipt(MessageStatus status, Integer errorCode, Instant doneAt) {
    }

    /** A receipt kept until the segment it names is stored. */
    record EarlyReceipt(String connection, String smscId, SegmentReceipt receipt, Instant receivedAt) {
    }

    /** Stores an acknowledged segment (without receipt); false when that segment was already stored. */
    boolean insert(Segment segment);

    /** The stored segments of one message on one connection, by {@code seq}. */
    List<Segment> forMessage(String connection, String messageSid);

    /** The segment the SMSC knows as {@code smscId} on {@code connection} (the latest, should it reuse ids). */
    Optional<Segment> findBySmscId(String connection, String smscId);

    /** Records a segment's receipt; false when it already had one (a repeated receipt changes nothing). */
    boolean recordReceipt(String connection, String messageSid, int seq, SegmentReceipt receipt);

    /** Keeps a receipt whose segment is not stored yet; a repeat replaces it. */
    void putEarlyReceipt(EarlyReceipt receipt);

    /** Forgets the receipts kept for {@code connection} that came before {@code receivedBefore}; returns how many. */
    int forgetEarlyReceipts(String connection, Instant receivedBefore);

    /**
     * Removes the receipt kept for {@code smscId}, and returns it if it was received at or after {@code receivedSince}
     * (an older one was meant for an earlier segment the SMSC gave the same id).
     */
    Optional<EarlyReceipt> takeEarlyReceipt(String connection, String smscId, Instant receivedSince);

    /** Segments on {@code connection} still awaiting their receipt. */
    long countAwaitingReceipt(String connection);
}
