package dev.parley.core.channel;

import dev.parley.core.message.MessageStatus;
import java.time.Duration;

/** What a channel did with a message; the type says whether to retry. */
public sealed interface SendResult {

    /** Taken by the channel; {@code providerId} is its reference for receipts. */
    record Accepted(String providerId) implements SendResult {
    }

    /** Not taken, for a reason that may pass (network trouble, throttling). */
    record RetryLater(Duration after, String reason) implements SendResult {
    }

    /** Refused for good: the message ends in {@code status} (failed or undelivered) with a Twilio error code. */
    record Rejected(MessageStatus status, int errorCode, String reason) implements SendResult {
    }
}
