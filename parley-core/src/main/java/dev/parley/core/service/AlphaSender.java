package dev.parley.core.service;

import java.time.Instant;

/**
 * An alphanumeric sender ID of a Messaging Service ({@code AI…}): one of its {@code AlphaSenders}
 * ({@code destination} false, no country) or of its {@code DestinationAlphaSenders} ({@code destination} true), for
 * one country ({@code isoCountryCode}) or, without one, the default for every country that allows alpha senders.
 * {@code channel} is the channel its messages leave on (Parley's {@code Channel}; an alpha sender has no number to
 * carry one).
 */
public record AlphaSender(
        String sid,
        String accountSid,
        String serviceSid,
        String alphaSender,
        String isoCountryCode,
        boolean destination,
        String channel,
        Instant dateCreated,
        Instant dateUpdated) {

    /**
     * The service-wide key that makes Twilio's limits one unique index: one AlphaSender per service, one
     * DestinationAlphaSender per country, one default DestinationAlphaSender.
     */
    public String slot() {
        return !destination ? "alpha" : "dest:" + (isoCountryCode == null ? "*" : isoCountryCode);
    }
}
