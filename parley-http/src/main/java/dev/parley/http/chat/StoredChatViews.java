package dev.parley.http.chat;

import dev.parley.core.chat.ChatConversation;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatMessage;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliverySummary;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.core.conversation.user.UserConversation;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ChatViews} read from the store: one read for a list of messages (their receipts and media in one query
 * each), and one for a list of conversations.
 */
public final class StoredChatViews implements ChatViews {
    private final Storage storage;

    public StoredChatViews(Storage storage) {
        this.storage = storage;
    }

    @Override
    public List<ChatMessage> messages(ChatIdentity who, List<ConversationMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        return storage.read(tx -> {
            Map<String, List<ReceiptStatus>> statuses = tx.conversationReceipts().statuses(who.accountSid(),
                    messages.stream().map(ConversationMessage::sid).toList());
            List<String> mediaSids = messages.stream().flatMap(m -> m.mediaSids().stream()).toList();
            Map<String, ConversationMedia> media = new HashMap<>();
            if (!mediaSids.isEmpty()) {
                tx.conversationMedia().all(who.accountSid(), mediaSids).forEach(d -> media.put(d.sid(), d));
            }
            List<ChatMessage> views = new ArrayList<>(messages.size());
            for (ConversationMessage m : messages) {
                List<ConversationMedia> ofMessage = m.mediaSids().stream().map(media::get)
                        .filter(java.util.Objects::nonNull).toList();
                views.add(new ChatMessage(m, clientMessageId(tx, m), DeliverySummary.of(
                        statuses.getOrDefault(m.sid(), List.of())), ofMessage));
            }
            return views;
        });
    }

    private static String clientMessageId(Tx tx, ConversationMessage m) {
        return tx.conversationMessages().clientMessageId(m.accountSid(), m.sid()).orElse(null);
    }

    @Override
    public List<ChatConversation> conversations(ChatIdentity who, List<UserConversation> conversations) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        return storage.read(tx -> conversations.stream()
                .map(uc -> new ChatConversation(uc.conversation(), uc.participant(), uc.unreadMessagesCount(),
                        lastIndex(tx, uc.conversation())))
                .toList());
    }

    @Override
    public ChatConversation conversation(ChatIdentity who, Conversation conversation) {
        return storage.read(tx -> {
            Participant own = tx.conversations().findParticipantByIdentity(who.accountSid(), conversation.sid(),
                    who.identity()).orElse(null);
            Long last = lastIndex(tx, conversation);
            Long unread = own == null || own.lastReadMessageIndex() == null ? null
                    : last == null ? 0L : Math.max(0, last - own.lastReadMessageIndex());
            return new ChatConversation(conversation, own, unread, last);
        });
    }

    private static Long lastIndex(Tx tx, Conversation conversation) {
        var page = tx.conversationMessages().list(conversation.accountSid(), conversation.sid(), true,
                PageRequest.first(1));
        return page.items().isEmpty() ? null : page.items().getFirst().index();
    }
}
