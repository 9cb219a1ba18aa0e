package dev.parley.core.number;

import dev.parley.core.address.PhoneNumber;
import java.time.Instant;

/** A number an account owns and sends from; inbound messages to it go to its webhook. */
public record IncomingPhoneNumber(
        String sid,
        String accountSid,
        PhoneNumber phoneNumber,
        String friendlyName,
        Webhooks webhooks,
        String channel,
        Instant dateCreated,
        Instant dateUpdated) {

    /** The messaging webhooks of a number. URLs may be null; methods are GET or POST. */
    public record Webhooks(String smsUrl, String smsMethod, String smsFallbackUrl, String smsFallbackMethod,
            String statusCallback, String statusCallbackMethod) {
        public static final Webhooks NONE = new Webhooks(null, "POST", null, "POST", null, "POST");
    }

    public IncomingPhoneNumber with(String newFriendlyName, Webhooks newWebhooks, String newChannel, Instant now) {
        return new IncomingPhoneNumber(sid, accountSid, phoneNumber, newFriendlyName, newWebhooks, newChannel,
                dateCreated, now);
    }
}
