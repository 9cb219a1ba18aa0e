package dev.parley.core.account;

import java.time.Instant;

/**
 * An account or subaccount. {@code ownerAccountSid} is the parent for a subaccount and the account
 * itself for a main account, as Twilio reports it.
 */
public record Account(
        String sid,
        String ownerAccountSid,
        String friendlyName,
        AccountStatus status,
        String authToken,
        Instant dateCreated,
        Instant dateUpdated) {

    public boolean isSubaccount() {
        return !ownerAccountSid.equals(sid);
    }

    public Account withFriendlyName(String name, Instant now) {
        return new Account(sid, ownerAccountSid, name, status, authToken, dateCreated, now);
    }

    public Account withStatus(AccountStatus newStatus, Instant now) {
        return new Account(sid, ownerAccountSid, friendlyName, newStatus, authToken, dateCreated, now);
    }
}
