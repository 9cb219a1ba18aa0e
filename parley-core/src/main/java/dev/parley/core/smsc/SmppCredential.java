package dev.parley.core.smsc;

import dev.parley.core.message.Message;
import java.time.Instant;
import java.util.List;

/**
 * An account's SMPP credential ({@code CR…}): what an SMPP application binds to Parley's SMPP server with. SMPP 3.4
 * caps a password at 8 characters, so these are their own resource rather than the account's auth token.
 * {@code systemId} is unique across the installation (a bind names no account). {@code passwordHash} is a salted
 * PBKDF2 hash ({@link PasswordHash}); the password itself is never stored. {@code allowedNetworks} are CIDR blocks the
 * peer's address must fall in (empty: any). {@code window} bounds the {@code submit_sm} in flight per bind,
 * {@code maxSubmitsPerSecond} the credential's submit rate over all its binds (0: unlimited). Messages submitted over
 * its binds take {@code statusCallback}.
 */
public record SmppCredential(
        String sid,
        String accountSid,
        String systemId,
        String passwordHash,
        List<Cidr> allowedNetworks,
        Limits limits,
        Message.StatusCallback statusCallback,
        String friendlyName,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final int DEFAULT_WINDOW = 10;
    public static final int MAX_WINDOW = 1000;

    /** Per bind: at most {@code window} unanswered submits; per credential: {@code maxSubmitsPerSecond} (0: none). */
    public record Limits(int window, int maxSubmitsPerSecond) {
    }

    public SmppCredential {
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    /** Whether a peer at {@code address} (4 or 16 bytes) may bind. */
    public boolean allows(byte[] address) {
        return allowedNetworks.isEmpty() || allowedNetworks.stream().anyMatch(n -> n.contains(address));
    }

    /** Never shows the password hash: credentials end up in logs through their {@code toString}. */
    @Override
    public String toString() {
        return "SmppCredential[sid=" + sid + ", accountSid=" + accountSid + ", systemId=" + systemId
                + ", allowedNetworks=" + allowedNetworks + ", limits=" + limits + "]";
    }
}
