package dev.parley.core.account;

/**
 * Who is calling: the account whose credentials (auth token, or one of its API keys) were presented.
 * It may act on itself and on its own subaccounts, never on its parent or siblings.
 */
public record Principal(Account account, String apiKeySid) {

    public String accountSid() {
        return account.sid();
    }

    public boolean mayActOn(Account target) {
        return target.sid().equals(account.sid())
                || (!account.isSubaccount() && target.ownerAccountSid().equals(account.sid()));
    }
}
