package dev.parley.core.conversation.receipt;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery receipts (the fan-out rows of {@link ConversationMessageStore#recordDelivery}, given a {@code DY} SID and
 * a status) and read horizons, scoped by account. Every method runs inside the caller's transaction.
 */
public interface ConversationReceiptStore {

    /** Turns the recorded delivery of {@code r.messageSid()} to {@code r.participantSid()} into receipt {@code r}. */
    void open(DeliveryReceipt r);

    /**
     * Moves every receipt of Messaging-layer message {@code channelMessageSid} to {@code status} with
     * {@code errorCode}, dated {@code at}; receipts already there are left as they are.
     *
     * @return the receipts changed
     */
    int follow(String accountSid, String channelMessageSid, ReceiptStatus status, int errorCode, Instant at);

    /** A conversation message's receipts, oldest first. */
    /** The receipt of the delivery that became Messaging-layer message {@code channelMessageSid}, if any. */
    Optional<DeliveryReceipt> findByChannelMessage(String accountSid, String channelMessageSid);

    Page<DeliveryReceipt> list(String accountSid, String conversationSid, String messageSid, PageRequest page);

    Optional<DeliveryReceipt> find(String accountSid, String conversationSid, String messageSid, String sid);

    /** The receipt statuses (null: not sent yet) of each of these conversation messages that has receipts. */
    Map<String, List<ReceiptStatus>> statuses(String accountSid, Collection<String> messageSids);
}
