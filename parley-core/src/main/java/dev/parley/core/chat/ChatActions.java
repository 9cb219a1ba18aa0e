package dev.parley.core.chat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.live.LiveFeed;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.conversation.user.Roles;
import dev.parley.core.conversation.user.UserConversation;
import dev.parley.core.conversation.user.UserConversationService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a web-chat identity does over its connection, as Twilio's Conversations SDK lets a client do it. Every action
 * on a conversation first checks that the identity is one of its participants (else 50430, 403) and, where Twilio has
 * a permission for it, that the participant's role grants it ({@link Roles#check}: 50107, 403); a conversation not in
 * the identity's service is 20404. Messages are sent, edited and deleted through exactly the path of an API message
 * ({@link ConversationMessageService}: fan-out, receipts, the conversation-month fee), with the pre- and post-event
 * hooks always asked and fired with {@code Source} SDK. A refused action changes nothing.
 *
 * <p>Every action also checks that the API key the identity's token was signed with still exists: deleting the key
 * ends what its tokens allow at once ({@link ChatRefusal} 4401, for the connection to close).
 */
public final class ChatActions {
    /** The largest history page a client may ask for. */
    public static final int MAX_PAGE = 100;
    private static final int MAX_CLIENT_MESSAGE_ID = 64;
    private final Storage storage;
    private final AccessTokens tokens;
    private final ConversationMessageService messages;
    private final UserConversationService userConversations;
    private final ChatAutoCreation starts;
    private final LiveFeed live;
    private final Clock clock;

    /** The services chat actions go through: the same the REST API uses, and the live feed typing goes out on. */
    public record Parts(ConversationService conversations, ParticipantService participants,
            ConversationMessageService messages, LiveFeed live) {
    }

    public ChatActions(Storage storage, IdGenerator ids, Clock clock, Parts parts) {
        this.storage = storage;
        this.clock = clock;
        this.tokens = new AccessTokens(storage, ids, clock);
        this.messages = parts.messages();
        this.userConversations = new UserConversationService(storage, clock);
        this.starts = new ChatAutoCreation(storage, ids, parts);
        this.live = parts.live();
    }

    /**
     * The identity {@code token} grants ({@link AccessTokens#verify}): a valid token of an active account, for a
     * service of that account.
     *
     * @throws ChatRefusal with the close code and reason when the token is refused
     */
    public ChatIdentity authenticate(String token) {
        return tokens.verify(token);
    }

    /** The identity's conversations in its service, each with its participant, read horizon and unread count. */
    public List<UserConversation> conversations(ChatIdentity who) {
        keyAlive(who);
        List<UserConversation> all = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
        for (int page = 0; ; page++) {
            Page<UserConversation> found = userConversations.ofParticipant(who.accountSid(), who.chatServiceSid(),
                    who.identity(), null, request);
            all.addAll(found.items());
            if (found.next() == null) {
                return all;
            }
            request = new PageRequest(PageRequest.MAX_SIZE, page + 1, found.next());
        }
    }

    /** The conversation's participants (chat, SMS and WhatsApp), oldest first. */
    public List<Participant> participants(ChatIdentity who, String conversationSid) {
        return storage.read(tx -> {
            Conversation conv = member(tx, who, conversationSid);
            return tx.conversations().participants(who.accountSid(), conv.sid());
        });
    }

    /**
     * A page of the conversation's history: the {@code pageSize} (1..{@value #MAX_PAGE}) messages before
     * {@code beforeIndex} (the newest ones when null), in ascending index order. The page's {@code previous} cursor
     * is set, at its oldest message, when older messages exist; {@code next} is null.
     */
    public Page<ConversationMessage> history(ChatIdentity who, String conversationSid, Long beforeIndex,
            int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw ApiException.badRequest(20001, "page_size must be between 1 and " + MAX_PAGE + ", not " + pageSize);
        }
        return storage.read(tx -> {
            Conversation conv = member(tx, who, conversationSid);
            List<ConversationMessage> newestFirst = tx.conversationMessages().before(who.accountSid(), conv.sid(),
                    beforeIndex == null ? Long.MAX_VALUE : beforeIndex, pageSize + 1);
            boolean more = newestFirst.size() > pageSize;
            List<ConversationMessage> page = new ArrayList<>(newestFirst.subList(0, Math.min(pageSize,
                    newestFirst.size())));
            java.util.Collections.reverse(page);
            Cursor older = more ? Cursor.before(page.getFirst().index(), page.getFirst().sid()) : null;
            return new Page<>(page, null, older);
        });
    }

    /**
     * Sends a message as the identity (its author): {@code sendMessage}, and {@code sendMediaMessage} with media.
     * A send retried with the same {@code clientMessageId} (at most 64 characters; null: none) answers the message
     * stored the first time, stored once.
     */
    public ConversationMessage send(ChatIdentity who, String conversationSid, String clientMessageId, String body,
            String attributes, List<String> mediaSids) {
        if (clientMessageId != null && (clientMessageId.isBlank()
                || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID)) {
            throw ApiException.badRequest(20001, "client_message_id must be 1 to " + MAX_CLIENT_MESSAGE_ID
                    + " characters");
        }
        List<String> media = mediaSids == null ? List.of() : mediaSids;
        Conversation conv = storage.read(tx -> {
            Conversation c = member(tx, who, conversationSid);
            Roles.check(tx, who.accountSid(), c.sid(), who.identity(), "sendMessage");
            if (!media.isEmpty()) {
                Roles.check(tx, who.accountSid(), c.sid(), who.identity(), "sendMediaMessage");
            }
            return c;
        });
        return messages.createFromSdk(who.accountSid(), who.chatServiceSid(), conv.sid(),
                new ConversationMessageService.Draft(who.identity(), body, attributes, media), clientMessageId);
    }

    /**
     * Changes a message's body and/or attributes: the identity's own with {@code editOwnMessage} /
     * {@code editOwnMessageAttributes}, anyone's with {@code editAnyMessage} / {@code editAnyMessageAttributes}.
     */
    public ConversationMessage edit(ChatIdentity who, String conversationSid, String messageSid, String body,
            String attributes) {
        if (body == null && attributes == null) {
            throw ApiException.badRequest(20001, "Either body or attributes must be given");
        }
        Conversation conv = storage.read(tx -> {
            Conversation c = member(tx, who, conversationSid);
            boolean own = message(tx, c, messageSid).author().equals(who.identity());
            if (body != null) {
                Roles.check(tx, who.accountSid(), c.sid(), who.identity(), own ? "editOwnMessage" : "editAnyMessage");
            }
            if (attributes != null) {
                Roles.check(tx, who.accountSid(), c.sid(), who.identity(),
                        own ? "editOwnMessageAttributes" : "editAnyMessageAttributes");
            }
            return c;
        });
        return messages.updateFromSdk(who.accountSid(), who.chatServiceSid(), conv.sid(), messageSid,
                new ConversationMessageService.Edit(null, body, attributes));
    }

    /** Deletes a message: the identity's own with {@code deleteOwnMessage}, anyone's with {@code deleteAnyMessage}. */
    public void delete(ChatIdentity who, String conversationSid, String messageSid) {
        Conversation conv = storage.read(tx -> {
            Conversation c = member(tx, who, conversationSid);
            boolean own = message(tx, c, messageSid).author().equals(who.identity());
            Roles.check(tx, who.accountSid(), c.sid(), who.identity(), own ? "deleteOwnMessage" : "deleteAnyMessage");
            return c;
        });
        messages.deleteFromSdk(who.accountSid(), who.chatServiceSid(), conv.sid(), messageSid);
    }

    /**
     * Moves the identity's read horizon forward to {@code index} (never back: a late acknowledgement from another tab
     * changes nothing) and answers its participant as it now stands.
     */
    public Participant read(ChatIdentity who, String conversationSid, long index) {
        if (index < 0) {
            throw ApiException.badRequest(20001, "index must not be negative, not " + index);
        }
        return storage.write(tx -> {
            Conversation conv = member(tx, who, conversationSid);
            Participant p = participant(tx, who, conv);
            if (p.lastReadMessageIndex() != null && p.lastReadMessageIndex() >= index) {
                return p;
            }
            Instant now = clock.instant();
            Participant moved = p.withReadHorizon(index, now.toString(), now);
            tx.conversations().updateParticipant(moved);
            LiveEvent.participantChanged(p, moved).forEach(tx.liveEvents()::publish);
            return moved;
        });
    }

    /** Tells the conversation's other connected clients that the identity is typing; nothing is stored. */
    public void typing(ChatIdentity who, String conversationSid) {
        Participant p = storage.read(tx -> participant(tx, who, member(tx, who, conversationSid)));
        live.publishNow(new LiveEvent(who.accountSid(), p.conversationSid(), LiveEvent.TYPING, p.sid(), -1,
                who.identity()));
    }

    /**
     * Starts a conversation with a chat address the account configured ({@code /Configuration/Addresses}, type
     * {@code chat}, auto-creation enabled), or continues the open one the identity started there before; {@code body}
     * (may be blank) is its first message. See {@link ChatAutoCreation}.
     */
    public Conversation start(ChatIdentity who, String address, String body) {
        keyAlive(who);
        return starts.start(who, address, body);
    }

    /** The conversation, when the identity is one of its participants and its key still exists. */
    private static Conversation member(Tx tx, ChatIdentity who, String conversationSid) {
        keyAlive(tx, who);
        if (conversationSid == null || conversationSid.isBlank()) {
            throw ApiException.badRequest(20001, "conversation_sid is required");
        }
        Conversation conv = ConversationService.find(tx, who.accountSid(), who.chatServiceSid(), conversationSid);
        participant(tx, who, conv);
        return conv;
    }

    private static Participant participant(Tx tx, ChatIdentity who, Conversation conv) {
        return tx.conversations().findParticipantByIdentity(who.accountSid(), conv.sid(), who.identity())
                .orElseThrow(() -> new ApiException(50430, 403, "Participant " + who.identity()
                        + " is not a member of conversation " + conv.sid()));
    }

    private static ConversationMessage message(Tx tx, Conversation conv, String messageSid) {
        return tx.conversationMessages().find(conv.accountSid(), conv.sid(), messageSid == null ? "" : messageSid)
                .orElseThrow(() -> ApiException.notFound("/Conversations/" + conv.sid() + "/Messages/" + messageSid));
    }

    private void keyAlive(ChatIdentity who) {
        storage.read(tx -> {
            keyAlive(tx, who);
            return null;
        });
    }

    private static void keyAlive(Tx tx, ChatIdentity who) {
        if (tx.accounts().findKey(who.keySid()).isEmpty()) {
            throw AccessTokens.refuse(4401, 20103, "API key " + who.keySid() + " was deleted");
        }
    }
}
