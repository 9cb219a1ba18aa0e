package dev.parley.core.conversation.receipt;

import java.time.Instant;

/**
 * A delivery receipt ({@code DY} SID): how one conversation message ({@code messageSid}, {@code IM…}) fared with one
 * SMS or WhatsApp participant. {@code channelMessageSid} is the Messaging-layer message it became (null when the
 * Messaging layer refused it); {@code status} follows that message's and is null until it is sent;
 * {@code errorCode} is 0 when there is none, as Twilio writes it.
 */
public record DeliveryReceipt(String sid, String accountSid, String conversationSid, String messageSid,
        String participantSid, String channelMessageSid, ReceiptStatus status, int errorCode, Instant dateCreated,
        Instant dateUpdated) {
}
