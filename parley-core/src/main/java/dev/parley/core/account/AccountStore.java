package dev.parley.core.account;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Optional;

/** Persistence of accounts and API keys, bound to one transaction (see {@code Storage}). */
public interface AccountStore {

    void insert(Account account);

    void update(Account account);

    Optional<Account> find(String sid);

    /** The account and its subaccounts, optionally filtered, newest first. */
    Page<Account> listFamily(String ownerSid, String friendlyName, AccountStatus status, PageRequest page);

    /** The first main account created, if any. */
    Optional<Account> findFirstMain();

    void insertKey(ApiKey key);

    Optional<ApiKey> findKey(String sid);

    Page<ApiKey> listKeys(String accountSid, PageRequest page);

    boolean deleteKey(String accountSid, String sid);

    /**
     * Keeps the secret of key {@code keySid} (inserted in this transaction) so that web-chat access tokens signed with
     * it can be verified; it goes with the key's row when the key is deleted.
     */
    void keepSigningSecret(String keySid, String secret);

    /** The kept secret of key {@code keySid}; empty when there is no such key or it predates kept secrets. */
    Optional<String> signingSecret(String keySid);

    List<Account> subaccounts(String parentSid);
}
