package dev.parley.core.conversation;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.List;
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

    /** Up to {@code max} messages with an index below {@code beforeIndex}, newest first. */
    List<ConversationMessage> before(String accountSid, String conversationSid, long beforeIndex, int max);

    /** Up to {@code max} messages with an index above {@code afterIndex}, in index order. */
    List<ConversationMessage> after(String accountSid, String conversationSid, long afterIndex, int max);

    /** Deletes the message with its deliveries and its client message id. */
    boolean delete(String accountSid, String conversationSid, String sid);

    /** @return false when this participant's delivery of the message is already recorded; nothing is written then */
    boolean recordDelivery(Delivery delivery);

    Optional<Delivery> findDelivery(String accountSid, String conversationMessageSid, String participantSid);

    /**
     * Records that chat identity {@code identity} sent message {@code messageSid} with client message id
     * {@code clientMessageId}; the row goes when the message is deleted.
     *
     * @return false when the identity already sent a message of the conversation with that id; nothing is written then
     */
    boolean recordClientMessageId(String accountSid, String conversationSid, String identity, String clientMessageId,
            String messageSid, Instant at);

    /** The SID of the message {@code identity} sent with {@code clientMessageId}, if it did and the message exists. */
    Optional<String> findByClientMessageId(String accountSid, String conversationSid, String identity,
            String clientMessageId);

    /** The client message id message {@code messageSid} was sent with, empty when none (or not a chat send). */
    Optional<String> clientMessageId(String accountSid, String messageSid);
}
