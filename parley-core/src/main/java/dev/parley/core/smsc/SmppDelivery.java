package dev.parley.core.smsc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payload of one {@code smpp.deliver} job: one {@code deliver_sm} for the binds of credential
 * {@code credentialSid}, whole, so the job reads nothing when it runs. A {@link Kind#RECEIPT} carries the submit's
 * {@code receiptedId}, the SMPP {@code stat} word and {@code messageState}, {@code err}, and the receipt text's dates
 * ({@code YYMMDDhhmm}, UTC); a {@link Kind#MO} carries the handset's message ({@code source} → {@code destination},
 * {@code text}). {@code messageSid} is the Parley message either is about.
 */
public record SmppDelivery(Kind kind, String credentialSid, String messageSid, String source, String destination,
        String text, Receipt receipt) {
    public static final String JOB_KIND = "smpp.deliver";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind { RECEIPT, MO }

    /** What a delivery receipt says, as SMPP 3.4's appendix B text and TLVs carry it. */
    public record Receipt(String receiptedId, String stat, int messageState, int err, String submitDate,
            String doneDate) {
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SmppDelivery fromJson(String json) {
        try {
            return JSON.readValue(json, SmppDelivery.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad smpp.deliver payload", e);
        }
    }
}
