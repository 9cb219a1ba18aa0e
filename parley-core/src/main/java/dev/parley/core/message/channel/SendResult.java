package dev.parley.core.message.channel;

import dev.parley.core.message.MessageStatus;
import dev.parley.core.tx.Tx;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** What a channel did with a message; the type says whether to retry. */
public sealed interface SendResult {

    /**
     * Taken by the channel; {@code providerId} is its reference for receipts. A channel that already knows
     * the receipts to come (the simulator: delivered, then read for a WhatsApp handset that reads) returns them as
     * {@code plannedReceipts}, stored with the send itself; others leave it empty and report receipts through
     * {@link ReceiptSink} as they arrive. {@code bookkeeping} is the channel's own record of the send, written in the
     * transaction that stores {@code sent} (whatever the message became meanwhile), so that one commit does both (an
     * SMPP channel's last segment and its SMSC id).
     */
    record Accepted(String providerId, List<ReceiptSink.Receipt> plannedReceipts, Consumer<Tx> bookkeeping)
            implements SendResult {
        public Accepted {
            plannedReceipts = List.copyOf(plannedReceipts);
        }

        public Accepted(String providerId, List<ReceiptSink.Receipt> plannedReceipts) {
            this(providerId, plannedReceipts, tx -> { });
        }

        public Accepted(String providerId) {
            this(providerId, List.of());
        }

        public Accepted(String providerId, ReceiptSink.Receipt plannedReceipt) {
            this(providerId, List.of(plannedReceipt));
        }

        public Accepted(String providerId, Consumer<Tx> bookkeeping) {
            this(providerId, List.of(), bookkeeping);
        }
    }

    /** Not taken, for a reason that may pass (network trouble, throttling). */
    record RetryLater(Duration after, String reason) implements SendResult {
    }

    /** Refused for good: the message ends in {@code status} (failed or undelivered) with a Twilio error code. */
    record Rejected(MessageStatus status, int errorCode, String reason) implements SendResult {
    }
}
