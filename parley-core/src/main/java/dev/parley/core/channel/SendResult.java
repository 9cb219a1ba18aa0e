package dev.parley.core.channel;

import dev.parley.core.message.MessageStatus;
import java.time.Duration;

/** What a channel did with a message; the type says whether to retry. */
public sealed interface SendResult {

    /**
     * Taken by the channel; {@code providerId} is its reference for receipts. A channel that already knows
     * the receipt to come (the simulator) returns it as {@code plannedReceipt}, stored with the send itself;
     * others leave it null and report receipts through {@link ReceiptSink} as they arrive.
     */
    record Accepted(String providerId, ReceiptSink.Receipt plannedReceipt) implements SendResult {
        public Accepted(String providerId) {
            this(providerId, null);
        }
    }

    /** Not taken, for a reason that may pass (network trouble, throttling). */
    record RetryLater(Duration after, String reason) implements SendResult {
    }

    /** Refused for good: the message ends in {@code status} (failed or undelivered) with a Twilio error code. */
    record Rejected(MessageStatus status, int errorCode, String reason) implements SendResult {
    }
}
