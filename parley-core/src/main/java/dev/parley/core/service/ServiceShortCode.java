package dev.parley.core.service;

import java.time.Instant;

/** A short code of an account in a Messaging Service's sender pool. A short code is in at most one service. */
public record ServiceShortCode(
        String accountSid,
        String serviceSid,
        String shortCodeSid,
        String shortCode,
        String isoCountryCode,
        Instant dateCreated,
        Instant dateUpdated) {
}
