package dev.parley.core.conversation.media;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
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

    /** The media of a chat service, oldest first (uploads and handsets' MMS, attached or not). */
    Page<ConversationMedia> list(String accountSid, String chatServiceSid, PageRequest page);

    /** The media attached to messages of a conversation. */
    List<ConversationMedia> ofConversation(String accountSid, String conversationSid);

    /** Deletes the media's row; false when the account has no such media in that chat service. */
    boolean delete(String accountSid, String chatServiceSid, String sid);
}
