package dev.parley.core.message;

import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import java.util.Optional;

/** Persistence of messages, always scoped by account. */
public interface MessageStore {

    void insert(Message message);

    /** Replaces the stored row with this state. */
    void update(Message message);

    Optional<Message> find(String accountSid, String sid);

    /** Newest first; {@code sentFrom} inclusive, {@code sentUntil} exclusive. */
    Page<Message> list(String accountSid, MessageFilter filter, PageRequest page);

    boolean delete(String accountSid, String sid);
}
