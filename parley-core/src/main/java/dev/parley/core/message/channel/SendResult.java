package dev.parley.core.message.channel;

import dev.parley.core.message.MessageStatus;
import java.time.Duration;
import java.util.List;

/** What a channel did with a message; the type says whether to retry. */
public sealed interface SendResult {

    /**
     * Taken by the channel; {@code providerId} is its reference for receipts. A channel that already knows
     * the receipts to come (the simulator: delivered, then read for a WhatsApp handset that reads) returns them as
     * {@code plannedReceipts}, stored with the send itself; others leave it empty and report receipts through
     * {@link ReceiptSink} as they arrive.
     */
    record Accepted(String providerId, List<ReceiptSink.Receipt> plannedReceipts) implements SendResult {
        public Accepted {
            plannedReceipts = List.copyOf(plannedReceipts);
        }

        public Accepted(String providerId) {
            this(providerId, List.of());
        }

        public Accepted(String providerId, ReceiptSink.Receipt plannedReceipt) {
            this(providerId, List.of(plannedReceipt));
        }
    }

    /** Not taken, for a reason that may pass (network trouble, throttling). */
    record RetryLater(Duration after, String reason) implements SendResult {
    }

    /** Refused for good: the message ends in {@code status} (failed or undelivered) with a Twilio error code. */
    record Rejected(MessageStatus status, int errorCode, String reason) implements SendResult {
    }
}
