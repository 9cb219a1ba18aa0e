package dev.parley.core.message.channel;

import java.time.Instant;

/**
 * Where channels report delivery receipts. A report is made durable before this returns and is applied
 * at {@code applyAt}; a receipt that overtakes the send's own bookkeeping is applied once that is done.
 */
public interface ReceiptSink {

    void report(Receipt receipt);

    /** A receipt for a message Parley sent. {@code errorCode} is null unless the message was not delivered. */
    record Receipt(String accountSid, String messageSid, dev.parley.core.message.MessageStatus status,
            Integer errorCode, Instant doneAt, Instant applyAt) {
    }
}
