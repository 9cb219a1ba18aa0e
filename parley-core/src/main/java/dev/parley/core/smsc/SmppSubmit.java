package dev.parley.core.smsc;

import java.time.Instant;

/**
 * One {@code submit_sm} Parley accepted from a bind of credential {@code credentialSid}: the {@code message_id} its
 * {@code submit_sm_resp} carried ({@code id}), the message it is part of ({@code messageSid}: null while the other parts
 * of a concatenated message are still missing; {@code concatKey} names them), and the receipt the client asked for
 * ({@code registered_delivery}'s low bits: {@link #NO_RECEIPT}, {@link #RECEIPT}, {@link #RECEIPT_ON_FAILURE}).
 * The receipts of a message go to the binds of the credential its submits came over.
 */
public record SmppSubmit(String id, String credentialSid, String accountSid, String messageSid, String concatKey,
        int receipt, Instant dateCreated) {
    public static final int NO_RECEIPT = 0;
    public static final int RECEIPT = 1;
    public static final int RECEIPT_ON_FAILURE = 2;

    /** Whether a receipt is wanted for a message that ended {@code delivered} ({@code success}) or not. */
    public boolean wantsReceipt(boolean success) {
        return receipt == RECEIPT || receipt == RECEIPT_ON_FAILURE && !success;
    }
}
