package dev.parley.core.media;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of media rows, always scoped by account and message. Every method runs in the caller's transaction. */
public interface MediaStore {

    void insert(Media media);

    Optional<Media> find(String accountSid, String messageSid, String sid);

    /** Newest first, as Twilio lists them. */
    default Page<Media> list(String accountSid, String messageSid, PageRequest page) {
        return list(accountSid, messageSid, null, null, page);
    }

    /** {@link #list(String, String, PageRequest)} keeping media created in {@code [from, until)}; null: open. */
    Page<Media> list(String accountSid, String messageSid, Instant from, Instant until, PageRequest page);

    /** Every media of a message, in {@code MediaUrl} order. */
    List<Media> all(String accountSid, String messageSid);

    boolean delete(String accountSid, String messageSid, String sid);

    /** Deletes every media row of a message; returns how many there were. */
    int deleteByMessage(String accountSid, String messageSid);
}
