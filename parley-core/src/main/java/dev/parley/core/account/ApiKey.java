package dev.parley.core.account;

import java.time.Instant;

/** An API key. Only a salted hash of the secret is kept; the secret itself is shown once, on creation. */
public record ApiKey(String sid, String accountSid, String friendlyName, String secretHash, Instant dateCreated,
        Instant dateUpdated) {
}
