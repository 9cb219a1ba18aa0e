package dev.parley.core.account;

import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Accounts, subaccounts and API keys, and authentication of callers. Auth tokens are kept as they are
 * (Parley signs webhooks with them, as Twilio does); API key secrets as salted SHA-256 hashes for authentication, and
 * as they are for verifying web-chat access tokens (ADR 0027).
 */
public final class AccountService {
    private static final DateTimeFormatter SUBACCOUNT_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public AccountService(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** The main account and whether this call created it (so its credentials are shown once). */
    public record MainAccount(Account account, boolean created) {
    }

    /**
     * Finds the main account, creating it on first start. Given credentials (from the environment) win: the
     * account is created with them, or its token is set to the given one.
     */
    public MainAccount ensureMainAccount(String sid, String authToken) {
        return storage.write(tx -> {
            Instant now = clock.instant();
            if (sid != null) {
                Optional<Account> existing = tx.accounts().find(sid);
                if (existing.isPresent()) {
                    Account a = existing.get();
                    if (authToken != null && !authToken.equals(a.authToken())) {
                        a = new Account(a.sid(), a.ownerAccountSid(), a.friendlyName(), a.status(), authToken,
                                a.dateCreated(), now);
                        tx.accounts().update(a);
                    }
                    return new MainAccount(a, false);
                }
                Account created = new Account(sid, sid, "Parley main account", AccountStatus.ACTIVE,
                        authToken != null ? authToken : ids.secret(), now, now);
                tx.accounts().insert(created);
                return new MainAccount(created, true);
            }
            Optional<Account> first = tx.accounts().findFirstMain();
            if (first.isPresent()) {
                return new MainAccount(first.get(), false);
            }
            String newSid = ids.sid("AC");
            Account created = new Account(newSid, newSid, "Parley main account", AccountStatus.ACTIVE,
                    authToken != null ? authToken : ids.secret(), now, now);
            tx.accounts().insert(created);
            return new MainAccount(created, true);
        });
    }

    /**
     * Checks HTTP Basic credentials: an account SID with its auth token, or an API key SID with its secret.
     * Unknown user, wrong secret: 401/20003. A suspended or closed account: 401/20005.
     */
    public Principal authenticate(String username, String password) {
        if (username == null || password == null) {
            throw ApiException.unauthorized();
        }
        Principal principal = storage.read(tx -> {
            if (username.startsWith("AC")) {
                return tx.accounts().find(username)
                        .filter(a -> constantTimeEquals(a.authToken(), password))
                        .map(a -> new Principal(a, null));
            }
            if (username.startsWith("SK")) {
                return tx.accounts().findKey(username)
                        .filter(k -> constantTimeEquals(k.secretHash(), hash(k.sid(), password)))
                        .flatMap(k -> tx.accounts().find(k.accountSid()).map(a -> new Principal(a, k.sid())));
            }
            return Optional.<Principal>empty();
        }).orElseThrow(ApiException::unauthorized);
        if (principal.account().status() != AccountStatus.ACTIVE) {
            throw new ApiException(20005, 401, "Account " + principal.accountSid() + " is not active ("
                    + principal.account().status().wire() + ")");
        }
        return principal;
    }

    /** The account at {@code sid}, if the caller may act on it; otherwise 20003 as for a wrong account. */
    public Account accessible(Principal caller, String sid) {
        Account target = sid.equals(caller.accountSid()) ? caller.account()
                : storage.read(tx -> tx.accounts().find(sid)).orElse(null);
        if (target == null || !caller.mayActOn(target)) {
            throw new ApiException(20003, 401, "Authenticate");
        }
        return target;
    }

    public Account createSubaccount(Principal caller, String friendlyName) {
        if (caller.account().isSubaccount()) {
            throw ApiException.forbidden("Subaccounts cannot create subaccounts");
        }
        Instant now = clock.instant();
        String name = friendlyName != null && !friendlyName.isBlank() ? friendlyName
                : "SubAccount Created at " + SUBACCOUNT_NAME.format(now);
        if (name.length() > 64) {
            throw ApiException.badRequest(20001, "FriendlyName must be at most 64 characters");
        }
        Account sub = new Account(ids.sid("AC"), caller.accountSid(), name, AccountStatus.ACTIVE, ids.secret(), now,
                now);
        storage.writeVoid(tx -> tx.accounts().insert(sub));
        return sub;
    }

    /** The caller's own account and its subaccounts (for a subaccount caller: only itself). */
    public Page<Account> list(Principal caller, String friendlyName, AccountStatus status, PageRequest page) {
        Account self = caller.account();
        if (self.isSubaccount()) {
            boolean matches = (friendlyName == null || friendlyName.equals(self.friendlyName()))
                    && (status == null || status == self.status());
            return Page.slice(matches ? java.util.List.of(self) : java.util.List.<Account>of(), page);
        }
        return storage.read(tx -> tx.accounts().listFamily(self.sid(), friendlyName, status, page));
    }

    public Account update(Principal caller, String sid, String friendlyName, String status) {
        Account target = accessible(caller, sid);
        AccountStatus next = null;
        if (status != null) {
            next = AccountStatus.fromWire(status).orElseThrow(() -> ApiException.badRequest(20001,
                    "Status must be one of active, suspended, closed"));
            if (!target.status().canMoveTo(next)) {
                throw ApiException.badRequest(20001, "Account " + sid + " is closed and cannot be reopened");
            }
            if (target.sid().equals(caller.accountSid()) && next != AccountStatus.ACTIVE) {
                throw ApiException.forbidden("An account cannot suspend or close itself through its own credentials");
            }
        }
        AccountStatus newStatus = next;
        return storage.write(tx -> {
            Account current = tx.accounts().find(sid).orElseThrow();
            Instant now = clock.instant();
            Account updated = current;
            if (friendlyName != null) {
                updated = updated.withFriendlyName(friendlyName, now);
            }
            if (newStatus != null) {
                updated = updated.withStatus(newStatus, now);
            }
            tx.accounts().update(updated);
            return updated;
        });
    }

    /**
     * A new API key and its secret, which cannot be read again through the API. Parley keeps the secret (as it keeps
     * auth tokens) to verify the web-chat access tokens signed with it (ADR 0027).
     */
    public record NewKey(ApiKey key, String secret) {

        /** Without the secret, which no log line may carry. */
        @Override
        public String toString() {
            return "NewKey[key=" + key + ", secret=(hidden)]";
        }
    }

    public NewKey createKey(String accountSid, String friendlyName) {
        // FriendlyName is optional (Twilio answers friendly_name null then) and at most 64 characters.
        if (friendlyName != null && friendlyName.length() > 64) {
            throw ApiException.badRequest(20001, "FriendlyName must be at most 64 characters");
        }
        Instant now = clock.instant();
        String sid = ids.sid("SK");
        String secret = ids.secret();
        ApiKey key = new ApiKey(sid, accountSid, friendlyName, hash(sid, secret), now, now);
        storage.writeVoid(tx -> {
            tx.accounts().insertKey(key);
            tx.accounts().keepSigningSecret(sid, secret);
        });
        return new NewKey(key, secret);
    }

    public ApiKey fetchKey(String accountSid, String sid) {
        return storage.read(tx -> tx.accounts().findKey(sid))
                .filter(k -> k.accountSid().equals(accountSid))
                .orElseThrow(() -> ApiException.notFound("/2010-04-01/Accounts/" + accountSid + "/Keys/" + sid + ".json"));
    }

    public Page<ApiKey> listKeys(String accountSid, PageRequest page) {
        return storage.read(tx -> tx.accounts().listKeys(accountSid, page));
    }

    public void deleteKey(String accountSid, String sid) {
        boolean deleted = storage.write(tx -> tx.accounts().deleteKey(accountSid, sid));
        if (!deleted) {
            throw ApiException.notFound("/2010-04-01/Accounts/" + accountSid + "/Keys/" + sid + ".json");
        }
    }

    static String hash(String salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
