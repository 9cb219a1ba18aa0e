package dev.parley.core.conversation;

import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of conversations and their participants, scoped by account. Every method runs inside the caller's
 * transaction.
 */
public interface ConversationStore {

    /** What a conversation list keeps: created in [{@code start}, {@code end}), in {@code state}; null = any. */
    record Filter(String chatServiceSid, Instant start, Instant end, ConversationState state) {
    }

    /** @return false when the unique name is taken in the service; nothing is written then */
    boolean insert(Conversation conversation);

    /** @return false when the unique name is taken in the service; nothing is written then */
    boolean update(Conversation conversation);

    Optional<Conversation> find(String accountSid, String sid);

    Optional<Conversation> findByUniqueName(String accountSid, String chatServiceSid, String uniqueName);

    /** Newest first. */
    Page<Conversation> list(String accountSid, Filter filter, PageRequest page);

    /** Deletes the conversation with its participants, messages and their deliveries; false when there was none. */
    boolean delete(String accountSid, String sid);

    /**
     * Takes the next message index of the conversation: returns it and moves the counter on, holding the
     * conversation's row lock until the transaction ends, so that concurrent writers get distinct indexes in order.
     */
    long takeIndex(String accountSid, String conversationSid);

    /** @return false when the identity is already a participant of the conversation; nothing is written then */
    boolean insertParticipant(Participant participant);

    void updateParticipant(Participant participant);

    Optional<Participant> findParticipant(String accountSid, String conversationSid, String sid);

    Optional<Participant> findParticipantByIdentity(String accountSid, String conversationSid, String identity);

    /** Oldest first. */
    Page<Participant> listParticipants(String accountSid, String conversationSid, PageRequest page);

    /** Every participant, oldest first. */
    List<Participant> participants(String accountSid, String conversationSid);

    boolean deleteParticipant(String accountSid, String conversationSid, String sid);

    /**
     * The account's participants with this address and proxy address in conversations that are not closed, oldest
     * first.
     */
    List<Participant> openBindings(String accountSid, String address, String proxyAddress);

    /**
     * The account's participants with this projected address in conversations that are not closed, oldest first:
     * where a group MMS sent to that number may belong.
     */
    List<Participant> openProjections(String accountSid, String projectedAddress);
}
