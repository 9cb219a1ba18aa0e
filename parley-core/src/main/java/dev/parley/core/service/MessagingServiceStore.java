package dev.parley.core.service;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of Messaging Services, their sender pools and their sticky-sender memory; always scoped by account.
 * Every method runs inside the caller's transaction.
 */
public interface MessagingServiceStore {

    void insert(MessagingService service);

    void update(MessagingService service);

    Optional<MessagingService> find(String accountSid, String sid);

    /** Newest first. */
    Page<MessagingService> list(String accountSid, PageRequest page);

    /** Deletes the service with its pool and sticky senders; false when there was none. */
    boolean delete(String accountSid, String sid);

    /** @return false when the number is already in a pool (this one or another); nothing is written then. */
    boolean addNumber(ServicePhoneNumber number);

    Optional<ServicePhoneNumber> findNumber(String accountSid, String serviceSid, String phoneNumberSid);

    /** The pool entry of a number, whichever service holds it. */
    Optional<ServicePhoneNumber> poolOf(String accountSid, String phoneNumberSid);

    /** Newest first. */
    Page<ServicePhoneNumber> listNumbers(String accountSid, String serviceSid, PageRequest page);

    /** The whole pool, oldest first: what sender selection chooses from. */
    List<ServicePhoneNumber> pool(String accountSid, String serviceSid);

    boolean removeNumber(String accountSid, String serviceSid, String phoneNumberSid);

    /** Removes a number from whichever pool and ChannelSenders hold it (the number was released). */
    void removeNumberEverywhere(String accountSid, String phoneNumberSid);

    /** The sender this service last used for {@code recipient}, when sticky sender remembered one. */
    Optional<String> stickySender(String accountSid, String serviceSid, String recipient);

    /** Remembers (or replaces) the sender used for {@code recipient}. */
    void rememberSender(String accountSid, String serviceSid, String recipient, String sender, Instant at);
}
