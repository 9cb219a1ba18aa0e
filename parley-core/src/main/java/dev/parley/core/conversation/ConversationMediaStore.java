package dev.parley.core.conversation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Persistence of conversation media rows, scoped by account. Every method runs inside the caller's transaction. */
public interface ConversationMediaStore {

    void insert(ConversationMedia media);

    /** The media of the account in that chat service; empty for another account's or another service's. */
    Optional<ConversationMedia> find(String accountSid, String chatServiceSid, String sid);

    /** The account's media among {@code sids} (in no particular order); another account's are left out. */
    List<ConversationMedia> all(String accountSid, Collection<String> sids);

    /**
     * Attaches an unattached media to a message (sets conversation, message and date updated).
     *
     * @return false when it is gone or was already attached (the row is then unchanged)
     */
    boolean attach(ConversationMedia attached);
}
