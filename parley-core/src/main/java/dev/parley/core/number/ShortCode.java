package dev.parley.core.number;

import java.time.Instant;

/**
 * A short code an account owns ({@code SC…}): a 3–8 digit sender of one country. Twilio provisions them out of band
 * and serves them under {@code /2010-04-01/Accounts/{Sid}/SMS/ShortCodes}; Parley provisions them through
 * {@code POST /parley/v1/ShortCodes}. {@code shortCode} is the digits alone; {@code isoCountryCode} the country whose
 * handsets it reaches; {@code channel} the channel its messages leave on (Parley's {@code Channel}). Inbound
 * webhooks are a number's ({@link IncomingPhoneNumber.Webhooks}), without a status callback.
 */
public record ShortCode(
        String sid,
        String accountSid,
        String shortCode,
        String isoCountryCode,
        String friendlyName,
        IncomingPhoneNumber.Webhooks webhooks,
        String channel,
        Instant dateCreated,
        Instant dateUpdated) {

    /** Whether {@code text} has a short code's form: 3 to 8 digits. */
    public static boolean isCode(String text) {
        return text != null && text.matches("[0-9]{3,8}");
    }

    public ShortCode with(String newFriendlyName, IncomingPhoneNumber.Webhooks newWebhooks, Instant now) {
        return new ShortCode(sid, accountSid, shortCode, isoCountryCode, newFriendlyName, newWebhooks, channel,
                dateCreated, now);
    }
}
