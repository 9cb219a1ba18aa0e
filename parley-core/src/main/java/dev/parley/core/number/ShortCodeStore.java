package dev.parley.core.number;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;

/**
 * Persistence of provisioned short codes. A code belongs to at most one account per country across the installation.
 * Every method runs inside the caller's transaction.
 */
public interface ShortCodeStore {

    /** @return false when the code is already provisioned in its country (by any account); nothing is written then. */
    boolean insert(ShortCode shortCode);

    void update(ShortCode shortCode);

    Optional<ShortCode> find(String accountSid, String sid);

    /** Installation-wide lookup of a code in a country, for routing what handsets send to it. */
    Optional<ShortCode> findByCode(String isoCountryCode, String shortCode);

    /**
     * The account's short codes, newest first; {@code shortCode} and {@code friendlyName} (null: any) match exactly, as
     * Twilio's {@code ShortCode} and {@code FriendlyName} filters do.
     */
    Page<ShortCode> list(String accountSid, String shortCode, String friendlyName, PageRequest page);

    boolean delete(String accountSid, String sid);
}
