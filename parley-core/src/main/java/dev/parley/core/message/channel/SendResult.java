package dev.parley.core.message.channel;

import dev.parley.core.message.MessageStatus;
import dev.parley.core.tx.Tx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** What a channel did with a message; the type says whether to retry. */
public sealed interface SendResult {

    /**
     * Taken by the channel; {@code providerId} is its reference for receipts. A channel that already knows
     * the receipts to come (the simulator: delivered, then read for a WhatsApp handset that reads) returns them as
     * {@code plannedReceipts}, stored with the send itself; others leave it empty and report receipts through
     * {@link ReceiptSink} as they arrive.
     *
     * <p>A channel with a record of its own to keep gives it as {@code storeWithOutcome}: the dispatcher writes it in
     * the transaction that stores the outcome, after the message's own change, and runs {@code afterStored} once that
     * transaction has ended, committed or not: as it commits, on the writer, so quick and never blocking (the SMPP
     * channel stores its last segment's SMSC id so, and holds that segment's room among its bind's unstored until
     * then).
     */
    record Accepted(String providerId, List<ReceiptSink.Receipt> plannedReceipts, Consumer<Tx> storeWithOutcome,
            Runnable afterStored) implements SendResult {
        private static final Consumer<Tx> NOTHING = tx -> { };
        private static final Runnable NO_FOLLOW_UP = () -> { };

        public Accepted {
            plannedReceipts = List.copyOf(plannedReceipts);
            Objects.requireNonNull(storeWithOutcome);
            Objects.requireNonNull(afterStored);
        }

        public Accepted(String providerId, List<ReceiptSink.Receipt> plannedReceipts) {
            this(providerId, plannedReceipts, NOTHING, NO_FOLLOW_UP);
        }

        public Accepted(String providerId) {
            this(providerId, List.of());
        }

        public Accepted(String providerId, ReceiptSink.Receipt plannedReceipt) {
            this(providerId, List.of(plannedReceipt));
        }

        public Accepted(String providerId, Consumer<Tx> storeWithOutcome, Runnable afterStored) {
            this(providerId, List.of(), storeWithOutcome, afterStored);
        }
    }

    /** Not taken, for a reason that may pass (network trouble, throttling). */
    record RetryLater(Duration after, String reason) implements SendResult {
    }

    /** Refused for good: the message ends in {@code status} (failed or undelivered) with a Twilio error code. */
    record Rejected(MessageStatus status, int errorCode, String reason) implements SendResult {
    }
}
