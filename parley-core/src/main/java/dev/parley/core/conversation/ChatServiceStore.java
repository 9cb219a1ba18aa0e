package dev.parley.core.conversation;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;

/** Persistence of Conversation Services, scoped by account. Every method runs inside the caller's transaction. */
public interface ChatServiceStore {

    /**
     * Inserts a service. A default one ({@link ChatService#isDefault()}) is inserted only if the account has none
     * yet.
     *
     * @return false when the account already had a default service; nothing is written then
     */
    boolean insert(ChatService service);

    Optional<ChatService> find(String accountSid, String sid);

    Optional<ChatService> findDefault(String accountSid);

    /** Makes the account's service {@code sid} its default one, in place of the previous default. */
    void makeDefault(String accountSid, String sid);

    /** Newest first. */
    Page<ChatService> list(String accountSid, PageRequest page);

    /** Deletes the service, every conversation in it and its media rows; false when there was none. */
    boolean delete(String accountSid, String sid);
}
