package dev.parley.core.number;

import dev.parley.core.address.PhoneNumber;
import java.time.Instant;

/**
 * A number an account owns and sends from; inbound messages to it go to its webhook. {@code messagesPerSecond} is
 * its own send rate in message segments per second (Parley's {@code MessagesPerSecond}): null takes its channel's
 * default, 0 means unlimited.
 */
public record IncomingPhoneNumber(
        String sid,
        String accountSid,
        PhoneNumber phoneNumber,
        String friendlyName,
        Webhooks webhooks,
        String channel,
        Instant dateCreated,
        Instant dateUpdated,
        Double messagesPerSecond) {

    /** The messaging webhooks of a number. URLs may be null; methods are GET or POST. */
    public record Webhooks(String smsUrl, String smsMethod, String smsFallbackUrl, String smsFallbackMethod,
            String statusCallback, String statusCallbackMethod) {
        public static final Webhooks NONE = new Webhooks(null, "POST", null, "POST", null, "POST");
    }

    public IncomingPhoneNumber with(String newFriendlyName, Webhooks newWebhooks, String newChannel, Instant now) {
        return new IncomingPhoneNumber(sid, accountSid, phoneNumber, newFriendlyName, newWebhooks, newChannel,
                dateCreated, now, messagesPerSecond);
    }

    public IncomingPhoneNumber withMessagesPerSecond(Double rate) {
        return new IncomingPhoneNumber(sid, accountSid, phoneNumber, friendlyName, webhooks, channel, dateCreated,
                dateUpdated, rate);
    }
}
