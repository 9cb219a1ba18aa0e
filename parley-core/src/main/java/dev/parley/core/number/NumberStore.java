package dev.parley.core.number;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;

/** Persistence of provisioned numbers. A number belongs to at most one account across the installation. */
public interface NumberStore {

    /** @return false when the number is already provisioned (by any account); nothing is written then. */
    boolean insert(IncomingPhoneNumber number);

    void update(IncomingPhoneNumber number);

    Optional<IncomingPhoneNumber> find(String accountSid, String sid);

    /** Installation-wide lookup, for routing inbound traffic to the owning account. */
    Optional<IncomingPhoneNumber> findByNumber(PhoneNumber number);

    /**
     * The account's numbers, newest first. {@code phonePattern} (digits, {@code +}, and {@code *} for any one digit)
     * matches numbers that contain it, as Twilio's {@code PhoneNumber} filter does; null matches all.
     */
    default Page<IncomingPhoneNumber> list(String accountSid, String phonePattern, String friendlyName,
            PageRequest page) {
        return list(accountSid, phonePattern, friendlyName, null, page);
    }

    /** {@link #list(String, String, String, PageRequest)} keeping only numbers of {@code type} (null: any). */
    Page<IncomingPhoneNumber> list(String accountSid, String phonePattern, String friendlyName, NumberType type,
            PageRequest page);

    boolean delete(String accountSid, String sid);
}
