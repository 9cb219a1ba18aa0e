package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSegmentStore.EarlyReceipt;
import dev.parley.core.connection.SmppSegmentStore.Segment;
import dev.parley.core.connection.SmppSegmentStore.SegmentReceipt;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Turns segment receipts into message receipts, inside the caller's transaction. A receipt is matched to its stored
 * segment by (connection, normalized SMSC id); one whose segment is not stored yet is kept as an early receipt and
 * applied when the segment is ({@link #segmentStored}), so a receipt that overtakes its {@code submit_sm_resp} is never
 * lost. A message is {@code delivered} once every segment is, and {@code undelivered} as soon as one is not (the first
 * such receipt decides its error code); a repeated receipt changes nothing.
 */
final class SegmentReceipts {
    private final String connection;
    private final Clock clock;
    private final SmppChannel.Receipts receipts;

    SegmentReceipts(String connection, Clock clock, SmppChannel.Receipts receipts) {
        this.connection = connection;
        this.clock = clock;
        this.receipts = receipts;
    }

    /**
     * How a segment ended, per ADR 0024's table; empty while the SMSC is not done (scheduled, enroute, accepted). The
     * done date is read as UTC (SMPP gives it no zone) and never later than {@code now}.
     */
    static Optional<SegmentReceipt> outcome(SmscReceipt r, Instant now) {
        Instant done = r.doneDate() == null ? now : r.doneDate().toInstant(ZoneOffset.UTC);
        if (done.isAfter(now)) {
            done = now;
        }
        SmscReceipt.State state = r.state() == null ? SmscReceipt.State.UNKNOWN : r.state();
        Integer code = switch (state) {
            case SCHEDULED, ENROUTE, ACCEPTED -> -1;
            case DELIVERED -> null;
            case EXPIRED -> 30003;
            case REJECTED -> 30007;
            case UNDELIVERABLE -> undeliverable(r.error());
            case DELETED, UNKNOWN, SKIPPED -> 30008;
        };
        if (code != null && code == -1) {
            return Optional.empty();
        }
        return Optional.of(new SegmentReceipt(code == null ? MessageStatus.DELIVERED : MessageStatus.UNDELIVERED, code,
                done));
    }

    /**
     * The {@code err} of an undeliverable receipt, read as the GSM MAP error most SMSCs put there: unknown subscriber
     * (1) is Twilio's unknown handset, barring (9, 11, 13) a blocked message; anything else an unreachable handset.
     */
    private static int undeliverable(String err) {
        int code;
        try {
            code = err == null ? -1 : Integer.parseInt(err.trim());
        } catch (NumberFormatException e) {
            code = -1;
        }
        return switch (code) {
            case 1 -> 30005;
            case 9, 11, 13 -> 30004;
            default -> 30003;
        };
    }

    /** A final receipt for the segment the SMSC knows as {@code smscId}. */
    void received(Tx tx, String smscId, SegmentReceipt receipt) {
        Segment segment = tx.smppSegments().findBySmscId(connection, smscId).orElse(null);
        if (segment == null) {
            tx.smppSegments().putEarlyReceipt(new EarlyReceipt(connection, smscId, receipt, clock.instant()));
            return;
        }
        record(tx, segment, receipt);
    }

    /** {@code segment} was just stored: apply the receipt that came before it, if one did. */
    void segmentStored(Tx tx, Segment segment) {
        tx.smppSegments().takeEarlyReceipt(connection, segment.smscId())
                .ifPresent(early -> record(tx, segment, early.receipt()));
    }

    private void record(Tx tx, Segment segment, SegmentReceipt receipt) {
        if (!tx.smppSegments().recordReceipt(connection, segment.messageSid(), segment.seq(), receipt)) {
            return;
        }
        List<Segment> all = tx.smppSegments().forMessage(connection, segment.messageSid());
        Instant now = clock.instant();
        if (receipt.status() != MessageStatus.DELIVERED) {
            boolean firstFailure = all.stream().filter(s -> s.seq() != segment.seq())
                    .noneMatch(s -> s.receipt() != null && s.receipt().status() != MessageStatus.DELIVERED);
            if (firstFailure) {
                receipts.enqueue(tx, new ReceiptSink.Receipt(segment.accountSid(), segment.messageSid(),
                        receipt.status(), receipt.errorCode(), receipt.doneAt(), now));
            }
            return;
        }
        boolean allDelivered = all.size() == segment.total() && all.stream().allMatch(s -> s.seq() == segment.seq()
                || (s.receipt() != null && s.receipt().status() == MessageStatus.DELIVERED));
        if (allDelivered) {
            Instant done = all.stream().map(s -> s.seq() == segment.seq() ? receipt.doneAt() : s.receipt().doneAt())
                    .max(Instant::compareTo).orElse(receipt.doneAt());
            receipts.enqueue(tx, new ReceiptSink.Receipt(segment.accountSid(), segment.messageSid(),
                    MessageStatus.DELIVERED, null, done, now));
        }
    }
}
