package dev.parley.core.chat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliverySummary;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.core.conversation.user.UserConversation;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the chat frames show, read from the store: a message with its client message id, delivery summary and media
 * ({@link ChatMessage}); a conversation as one identity sees it ({@link ChatConversation}). The static methods read
 * inside the caller's transaction (the hub's); the instance methods open a read transaction each (the socket's
 * replies). No membership check: callers have made it.
 */
public final class ChatReads {
    private static final int PAGE = 100;

    private final Storage storage;

    public ChatReads(Storage storage) {
        this.storage = storage;
    }

    /** {@code m} as a chat client sees it. */
    public ChatMessage message(ConversationMessage m) {
        return storage.read(tx -> message(tx, m));
    }

    /** Messages of one account as a chat client sees them, in the order given. */
    public List<ChatMessage> messages(String accountSid, List<ConversationMessage> messages) {
        return messages.isEmpty() ? List.of() : storage.read(tx -> messages(tx, accountSid, messages));
    }

    /** The conversations of one identity (its own participant in each), with their last message indexes. */
    public List<ChatConversation> conversations(List<UserConversation> conversations) {
        return conversations.isEmpty() ? List.of() : storage.read(tx -> conversations.stream()
                .map(uc -> new ChatConversation(uc.conversation(), uc.participant(), uc.unreadMessagesCount(),
                        lastIndex(tx, uc.conversation().accountSid(), uc.conversation().sid())))
                .toList());
    }

    /** {@code conversation} as the identity of participant {@code own} sees it. */
    public ChatConversation conversation(Conversation conversation, Participant own) {
        return storage.read(tx -> conversation(tx, conversation, own));
    }

    /** {@code conversation} as {@code who} sees it (its own participant found by identity; null when it has none). */
    public ChatConversation conversation(ChatIdentity who, Conversation conversation) {
        return storage.read(tx -> conversation(tx, conversation, tx.conversations()
                .findParticipantByIdentity(who.accountSid(), conversation.sid(), who.identity()).orElse(null)));
    }

    public static ChatMessage message(Tx tx, ConversationMessage m) {
        return messages(tx, m.accountSid(), List.of(m)).getFirst();
    }

    /** Three queries whatever the number of messages, plus one per message for its client message id. */
    public static List<ChatMessage> messages(Tx tx, String accountSid, List<ConversationMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<String> sids = messages.stream().map(ConversationMessage::sid).toList();
        Map<String, List<ReceiptStatus>> statuses = tx.conversationReceipts().statuses(accountSid, sids);
        List<String> mediaSids = messages.stream().flatMap(m -> m.mediaSids().stream()).toList();
        Map<String, ConversationMedia> media = new HashMap<>();
        if (!mediaSids.isEmpty()) {
            tx.conversationMedia().all(accountSid, mediaSids).forEach(d -> media.put(d.sid(), d));
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (ConversationMessage m : messages) {
            List<ReceiptStatus> s = statuses.get(m.sid());
            out.add(new ChatMessage(m, tx.conversationMessages().clientMessageId(accountSid, m.sid()).orElse(null),
                    s == null ? null : DeliverySummary.of(s),
                    m.mediaSids().stream().map(media::get).filter(d -> d != null).toList()));
        }
        return out;
    }

    /** The messages of a conversation after index {@code after}, ascending, at most {@code max}. */
    public static List<ConversationMessage> after(Tx tx, String accountSid, String conversationSid, long after,
            int max) {
        return tx.conversationMessages().after(accountSid, conversationSid, after, max);
    }

    /** The message at {@code index}, if it is there. */
    public static Optional<ConversationMessage> at(Tx tx, String accountSid, String conversationSid, long index) {
        return after(tx, accountSid, conversationSid, index - 1, 1).stream().filter(m -> m.index() == index)
                .findFirst();
    }

    /** The index of the conversation's last message, null when it has none. */
    public static Long lastIndex(Tx tx, String accountSid, String conversationSid) {
        List<ConversationMessage> newest = tx.conversationMessages().list(accountSid, conversationSid, true,
                PageRequest.first(1)).items();
        return newest.isEmpty() ? null : newest.getFirst().index();
    }

    public static ChatConversation conversation(Tx tx, Conversation c, Participant own) {
        Long unread = own == null || own.lastReadMessageIndex() == null ? null
                : tx.users().countMessagesAfter(c.accountSid(), c.sid(), own.lastReadMessageIndex());
        return new ChatConversation(c, own, unread, lastIndex(tx, c.accountSid(), c.sid()));
    }

    /** Every conversation {@code who} takes part in, oldest participation first. */
    public static List<ChatConversation> conversationsOf(Tx tx, ChatIdentity who) {
        List<ChatConversation> out = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<Participant> page = tx.users().participantsOf(who.accountSid(), who.chatServiceSid(),
                    who.identity(), null, request);
            for (Participant p : page.items()) {
                tx.conversations().find(p.accountSid(), p.conversationSid())
                        .ifPresent(c -> out.add(conversation(tx, c, p)));
            }
            if (page.next() == null || page.items().isEmpty()) {
                return out;
            }
            request = new PageRequest(PAGE, 0, page.next());
        }
    }
}
