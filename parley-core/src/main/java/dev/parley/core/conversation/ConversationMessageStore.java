package dev.parley.core.conversation;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of conversation messages and of their fan-out deliveries, scoped by account. Every method runs inside
 * the caller's transaction.
 */
public interface ConversationMessageStore {

    /** One participant's copy of a conversation message in the Messaging layer, or why there is none. */
    record Delivery(String accountSid, String conversationMessageSid, String participantSid, String conversationSid,
            String messageSid, Integer errorCode, Instant dateCreated) {
    }

    void insert(ConversationMessage message);

    void update(ConversationMessage message);

    Optional<ConversationMessage> find(String accountSid, String conversationSid, String sid);

    /** By index, ascending or ({@code descending}) not; a page's cursor carries the index. */
    Page<ConversationMessage> list(String accountSid, String conversationSid, boolean descending, PageRequest page);

    boolean delete(String accountSid, String conversationSid, String sid);

    /** @return false when this participant's delivery of the message is already recorded; nothing is written then */
    boolean recordDelivery(Delivery delivery);

    Optional<Delivery> findDelivery(String accountSid, String conversationMessageSid, String participantSid);
}
