package dev.parley.core.conversation.receipt;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatusListener;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery receipts of conversation messages. The fan-out {@linkplain #open opens} one per SMS/WhatsApp participant
 * it delivered to (a refusal of the Messaging layer opens it {@code failed} with the refusal's code); from then on
 * the receipt follows its Messaging-layer message: as a {@link MessageStatusListener} this service moves it in the
 * transaction that stores each status change, so a receipt is never behind a committed message status. Chat
 * participants have no receipts. Reads are scoped by account and Conversation Service like every other
 * Conversations read.
 */
public final class ConversationReceiptService implements MessageStatusListener {
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    private final ConversationEvents events;

    public ConversationReceiptService(Storage storage, IdGenerator ids, Clock clock, ConversationEvents events) {
        this.events = events;
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Opens the receipt of a delivery just recorded by the fan-out, inside its transaction: {@code sent} is the
     * Messaging-layer message it became, null when the Messaging layer refused it.
     */
    public DeliveryReceipt open(Tx tx, ConversationMessageStore.Delivery d, Message sent) {
        ReceiptStatus status = sent == null ? ReceiptStatus.FAILED : ReceiptStatus.of(sent.status()).orElse(null);
        Integer error = sent != null && sent.errorCode() != null ? sent.errorCode() : d.errorCode();
        Instant now = clock.instant();
        DeliveryReceipt r = new DeliveryReceipt(ids.sid("DY"), d.accountSid(), d.conversationSid(),
                d.conversationMessageSid(), d.participantSid(), d.messageSid(), status, error == null ? 0 : error,
                d.dateCreated(), now);
        tx.conversationReceipts().open(r);
        publish(tx, r);
        return r;
    }

    @Override
    public void statusChanged(Tx tx, Message message) {
        if (!message.direction().outbound()) {
            return;
        }
        ReceiptStatus.of(message.status()).ifPresent(status -> {
            int moved = tx.conversationReceipts().follow(message.accountSid(), message.sid(), status,
                    message.errorCode() == null ? 0 : message.errorCode(), clock.instant());
            if (moved > 0) {
                tx.conversationReceipts().findByChannelMessage(message.accountSid(), message.sid())
                        .ifPresent(receipt -> {
                            events.deliveryUpdated(tx, receipt);
                            publish(tx, receipt);
                        });
            }
        });
    }

    /** Tells chat clients that receipt {@code r} moved (its message may be gone: then nobody is told). */
    private static void publish(Tx tx, DeliveryReceipt r) {
        tx.conversationMessages().find(r.accountSid(), r.conversationSid(), r.messageSid()).ifPresent(m ->
                tx.liveEvents().publish(LiveEvent.deliveryUpdated(r, m.index())));
    }

    public Page<DeliveryReceipt> list(String accountSid, String chatServiceSid, String conversation,
            String messageSid, PageRequest page) {
        return storage.read(tx -> {
            ConversationMessage m = message(tx, accountSid, chatServiceSid, conversation, messageSid);
            return tx.conversationReceipts().list(accountSid, m.conversationSid(), m.sid(), page);
        });
    }

    public DeliveryReceipt fetch(String accountSid, String chatServiceSid, String conversation, String messageSid,
            String sid) {
        return storage.read(tx -> {
            ConversationMessage m = message(tx, accountSid, chatServiceSid, conversation, messageSid);
            return tx.conversationReceipts().find(accountSid, m.conversationSid(), m.sid(), sid)
                    .orElseThrow(() -> ApiException.notFound("/Conversations/" + m.conversationSid() + "/Messages/"
                            + m.sid() + "/Receipts/" + sid));
        });
    }

    /** The delivery summary of each of these messages (of one account) that has receipts; absent: null summary. */
    public Map<String, DeliverySummary> summaries(String accountSid, List<ConversationMessage> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ReceiptStatus>> statuses = storage.read(tx -> tx.conversationReceipts()
                .statuses(accountSid, messages.stream().map(ConversationMessage::sid).toList()));
        Map<String, DeliverySummary> out = new HashMap<>();
        statuses.forEach((sid, list) -> out.put(sid, DeliverySummary.of(list)));
        return out;
    }

    private static ConversationMessage message(Tx tx, String accountSid, String chatServiceSid, String conversation,
            String messageSid) {
        Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
        return tx.conversationMessages().find(accountSid, conv.sid(), messageSid).orElseThrow(() ->
                ApiException.notFound("/Conversations/" + conv.sid() + "/Messages/" + messageSid));
    }
}
