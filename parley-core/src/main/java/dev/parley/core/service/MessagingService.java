package dev.parley.core.service;

import dev.parley.core.number.IncomingPhoneNumber;
import java.time.Instant;
import java.util.Optional;

/**
 * A Messaging Service ({@code MG…}): a pool of senders and the settings its messages share. URLs may be null;
 * methods are GET or POST. {@code validityPeriod} is in seconds (1…36000).
 */
public record MessagingService(
        String sid,
        String accountSid,
        String friendlyName,
        Inbound inbound,
        String statusCallback,
        Flags flags,
        String scanMessageContent,
        int validityPeriod,
        String usecase,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final int DEFAULT_VALIDITY_PERIOD = 36_000;

    /** Where messages received on the pool's numbers are posted. */
    public record Inbound(String requestUrl, String method, String fallbackUrl, String fallbackMethod,
            boolean useWebhookOnNumber) {
    }

    /** The service's boolean switches, in the order of Twilio's description. */
    public record Flags(boolean stickySender, boolean mmsConverter, boolean smartEncoding, boolean fallbackToLongCode,
            boolean areaCodeGeomatch, boolean synchronousValidation, boolean usAppToPersonRegistered) {
        public static final Flags DEFAULT = new Flags(true, true, true, false, true, true, false);
    }

    /**
     * The webhooks an inbound message to {@code number}, a number of this service's pool, goes to: the service's
     * own unless it defers to the number's ({@code use_inbound_webhook_on_number}) or has no inbound URL, in which
     * case the number's. Empty when neither has a URL.
     */
    public Optional<IncomingPhoneNumber.Webhooks> inboundWebhooks(IncomingPhoneNumber number) {
        return inboundWebhooks(number.webhooks());
    }

    /** As {@link #inboundWebhooks(IncomingPhoneNumber)}, for a sender whose own webhooks are {@code own}. */
    public Optional<IncomingPhoneNumber.Webhooks> inboundWebhooks(IncomingPhoneNumber.Webhooks own) {
        if (inbound.useWebhookOnNumber() || inbound.requestUrl() == null) {
            return Optional.ofNullable(own.smsUrl() == null ? null : own);
        }
        return Optional.of(new IncomingPhoneNumber.Webhooks(inbound.requestUrl(), inbound.method(),
                inbound.fallbackUrl(), inbound.fallbackMethod(), own.statusCallback(), own.statusCallbackMethod()));
    }
}
