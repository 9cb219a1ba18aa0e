package dev.parley.core.service;

import dev.parley.core.address.PhoneNumber;
import java.time.Instant;

/** A number of an account in a Messaging Service's sender pool. A number is in at most one pool. */
public record ServicePhoneNumber(
        String accountSid,
        String serviceSid,
        String phoneNumberSid,
        PhoneNumber phoneNumber,
        Instant dateCreated,
        Instant dateUpdated) {
}
