package dev.parley.core.conversation.user;

import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;

/**
 * Persistence of users and of what is kept per user and conversation (the notification level, on the participant),
 * scoped by account and service. Every method runs inside the caller's transaction.
 */
public interface UserStore {

    /** @return false when the identity already has a user in the service; nothing is written then */
    boolean insert(ConversationUser user);

    void update(ConversationUser user);

    Optional<ConversationUser> find(String accountSid, String chatServiceSid, String sid);

    Optional<ConversationUser> findByIdentity(String accountSid, String chatServiceSid, String identity);

    /** Oldest first. */
    Page<ConversationUser> list(String accountSid, String chatServiceSid, PageRequest page);

    boolean delete(String accountSid, String chatServiceSid, String sid);

    /**
     * The participants of the service's conversations with this chat identity, or else with this SMS/WhatsApp
     * address (exactly one of the two is non-null), oldest first.
     */
    Page<Participant> participantsOf(String accountSid, String chatServiceSid, String identity, String address,
            PageRequest page);

    /** {@code default} or {@code muted}. */
    String notificationLevel(String accountSid, String participantSid);

    void setNotificationLevel(String accountSid, String participantSid, String level);

    /** How many messages of the conversation have an index above {@code index}. */
    long countMessagesAfter(String accountSid, String conversationSid, long index);
}
