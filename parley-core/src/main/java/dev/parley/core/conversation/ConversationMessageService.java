package dev.parley.core.conversation;

import dev.parley.core.billing.ActiveConversationFee;
import dev.parley.core.content.ContentTemplates;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.InboundHookHandler;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.media.ConversationInboundMediaHandler;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageContent;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.Job;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Conversation messages: create, fetch, list, update, delete. A new message takes the conversation's next index
 * (0, 1, 2… with no gap or repeat, whatever the number of concurrent writers), re-arms the conversation's timers
 * (reactivating an inactive conversation) and is committed together with its fan-out job ({@link FanOutHandler}):
 * the API call never waits for delivery. The first message of a conversation in a calendar month books that month's
 * {@link ActiveConversationFee} in the same transaction.
 */
public final class ConversationMessageService {
    /** The Content API as a message of a conversation reads it: a template rendered for chat. */
    private static final ContentTemplates TEMPLATES = new ContentTemplates();
    public static final String SYSTEM_AUTHOR = "system";
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;
    private final ConversationTimers timers;
    private final int fanOutAttempts;
    private final ActiveConversationFee fee;
    private final ConversationEvents events;
    private final ConversationMediaService media;

    /** @param media whose files a deleted message's media take with them */
    /** The collaborators of a {@link ConversationMessageService}; {@code fanOutAttempts} bounds each relay job. */
    public record Parts(ConversationTimers timers, ConversationEvents events, ConversationMediaService media,
            ActiveConversationFee fee, int fanOutAttempts) {
    }

    public ConversationMessageService(Storage storage, IdGenerator ids, Clock clock, Parts parts) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
        this.timers = parts.timers();
        this.events = parts.events();
        this.media = parts.media();
        this.fee = parts.fee();
        this.fanOutAttempts = parts.fanOutAttempts();
    }

    /**
     * A message as given: {@code author} null means "system". {@code content} (null for none) is a Content API
     * template: the message's body is then the template rendered for chat, and {@code body} is not used.
     */
    public record Draft(String author, String body, String attributes, List<String> mediaSids,
            MessageContent content) {
        public Draft {
            mediaSids = mediaSids == null ? List.of() : List.copyOf(mediaSids);
        }

        /** A draft of its own body. */
        public Draft(String author, String body, String attributes, List<String> mediaSids) {
            this(author, body, attributes, mediaSids, null);
        }

        /** This draft with what a pre-event hook answered ({@code author}, {@code body}, {@code attributes}). */
        public Draft amendedBy(PreEventHooks.Verdict v) {
            return new Draft(v.or("author", author), v.or("body", body), v.or("attributes", attributes), mediaSids,
                    content);
        }
    }

    /** The draft with its template's text as the body (refused with 21655 or 21656 as on Messages). */
    private Draft rendered(String accountSid, Draft d) {
        if (d.content() == null) {
            return d;
        }
        String body = storage.read(tx -> TEMPLATES.renderForChat(tx, accountSid, d.content())).body();
        return new Draft(d.author(), body, d.attributes(), d.mediaSids(), d.content());
    }

    public ConversationMessage create(String accountSid, String chatServiceSid, String conversation, Draft d) {
        return create(accountSid, chatServiceSid, conversation, d, false);
    }

    /**
     * Adds a message through the REST API; {@code webhooks} (the call's {@code X-Twilio-Webhook-Enabled: true})
     * fires the post-event hooks ({@link ConversationEvents}) with it.
     */
    public ConversationMessage create(String accountSid, String chatServiceSid, String conversation, Draft d,
            boolean webhooks) {
        return create(accountSid, chatServiceSid, conversation, d, webhooks ? ConversationEvents.API : null, null);
    }

    /**
     * Adds a message a chat identity (the draft's author) sends itself over its web-chat connection: the path of an
     * API message, with the pre- and post-event hooks always asked and fired with {@code Source} SDK. A send retried
     * with the same {@code clientMessageId} (null: none) answers the message stored the first time, stored once.
     */
    public ConversationMessage createFromSdk(String accountSid, String chatServiceSid, String conversation, Draft d,
            String clientMessageId) {
        return create(accountSid, chatServiceSid, conversation, d, ConversationEvents.SDK, clientMessageId);
    }

    /** {@code source} null: no hook is asked or fired (an API call without X-Twilio-Webhook-Enabled). */
    private ConversationMessage create(String accountSid, String chatServiceSid, String conversation, Draft given,
            String source, String clientMessageId) {
        Draft d = rendered(accountSid, given);
        check(d);
        if (clientMessageId != null) {
            // A retried send answers at once: its hooks were asked and fired the first time.
            Optional<ConversationMessage> earlier = storage.read(tx -> sentBefore(tx,
                    ConversationService.find(tx, accountSid, chatServiceSid, conversation), authorOf(d),
                    clientMessageId));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Draft draft = source == null ? d : d.amendedBy(events.pre().ask(accountSid, "onMessageAdd", tx -> {
            Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
            if (conv.state() == ConversationState.CLOSED) {
                throw ConversationService.closedError();
            }
            // The hook is asked about media the message may carry: refusals come first (50507, 50508).
            ConversationMediaService.checkAttachable(tx, conv, d.mediaSids());
            String author = authorOf(d);
            return PreEventHooks.messageAdd(tx, conv, author, participantOf(tx, conv, author), d, source);
        }));
        try {
            return storage.write(tx -> {
                Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
                if (clientMessageId != null) {
                    Optional<ConversationMessage> earlier = sentBefore(tx, conv, authorOf(d), clientMessageId);
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                }
                String author = authorOf(draft);
                ConversationMessage m = add(tx, conv, author, participantOf(tx, conv, author), draft);
                // Keyed by the identity that sent it, whatever author a pre-event hook wrote in.
                if (clientMessageId != null && !tx.conversationMessages().recordClientMessageId(accountSid,
                        conv.sid(), authorOf(d), clientMessageId, m.sid(), m.dateCreated())) {
                    throw new SentConcurrently();
                }
                if (source != null) {
                    events.messageAdded(tx, conv, m, source);
                }
                return m;
            });
        } catch (SentConcurrently e) {
            // The same send retried on another node committed first: this one rolled back; answer the stored one.
            return storage.read(tx -> sentBefore(tx, ConversationService.find(tx, accountSid, chatServiceSid,
                    conversation), authorOf(d), clientMessageId)).orElseThrow();
        }
    }

    /** The message {@code identity} sent with {@code clientMessageId}, if it did and the message is still there. */
    private static Optional<ConversationMessage> sentBefore(Tx tx, Conversation conv, String identity,
            String clientMessageId) {
        return tx.conversationMessages().findByClientMessageId(conv.accountSid(), conv.sid(), identity,
                clientMessageId).flatMap(sid -> tx.conversationMessages().find(conv.accountSid(), conv.sid(), sid));
    }

    /** Rolls a send back whose client message id another transaction recorded first. */
    private static final class SentConcurrently extends RuntimeException {
        SentConcurrently() {
            super(null, null, false, false);
        }
    }

    private static String authorOf(Draft d) {
        return d.author() == null || d.author().isBlank() ? SYSTEM_AUTHOR : d.author();
    }

    /** The SID of the chat participant named {@code author}, null when none is. */
    private static String participantOf(Tx tx, Conversation conv, String author) {
        return tx.conversations().findParticipantByIdentity(conv.accountSid(), conv.sid(), author)
                .map(Participant::sid).orElse(null);
    }

    /**
     * Adds the message {@code received} from a participant's handset inside the caller's transaction: the inbound
     * path, where the message that arrived and its conversation message commit together. When the account has a
     * pre-event hook for {@code onMessageAdd}, the message is handed to {@link InboundHookHandler} instead (the hook
     * is never called with a transaction open) and empty is returned.
     */
    public Optional<ConversationMessage> addFrom(Tx tx, Participant author, Message received) {
        if (!received.mediaUrls().isEmpty()) {
            // An MMS: its media are fetched first, then ConversationInboundMediaHandler adds the message with them.
            enqueue(tx, author.accountSid(), ConversationInboundMediaHandler.KIND,
                    ConversationInboundMediaHandler.payload(author, received));
            return Optional.empty();
        }
        return addFrom(tx, author, received, List.of());
    }

    /**
     * Adds {@code received} with {@code mediaSids} (its media, already conversation media) as {@link #addFrom(Tx,
     * Participant, Message)} does: through the pre-event hook's job when the account has one, else at once.
     */
    public Optional<ConversationMessage> addFrom(Tx tx, Participant author, Message received, List<String> mediaSids) {
        if (PreEventHooks.wanted(tx, author.accountSid(), author.chatServiceSid(), "onMessageAdd")) {
            enqueue(tx, author.accountSid(), InboundHookHandler.KIND,
                    InboundHookHandler.payload(author, received, mediaSids));
            return Optional.empty();
        }
        return Optional.of(addFrom(tx, author, new Draft(author.author(), received.body(), null, mediaSids)));
    }

    private void enqueue(Tx tx, String accountSid, String kind, String payload) {
        Instant now = clock.instant();
        tx.jobs().enqueue(Job.create(ids.sid("JB"), accountSid, kind, payload, now, fanOutAttempts, now));
    }

    /** Adds {@code d} from a participant's handset (as its pre-event hook, if any, let it through). */
    public ConversationMessage addFrom(Tx tx, Participant author, Draft d) {
        Conversation conv = tx.conversations().find(author.accountSid(), author.conversationSid()).orElseThrow();
        ConversationMessage m = add(tx, conv, authorOf(d), author.sid(), d);
        events.messageAdded(tx, conv, m, source(author));
        return m;
    }

    /** The {@code Source} of an event from a participant's handset: SMS or WHATSAPP. */
    public static String source(Participant p) {
        return p.binding().type().toUpperCase(java.util.Locale.ROOT);
    }

    private ConversationMessage add(Tx tx, Conversation conv, String author, String participantSid, Draft d) {
        if (conv.state() == ConversationState.CLOSED) {
            throw ConversationService.closedError();
        }
        String attributes = Attributes.or(d.attributes(), Attributes.EMPTY);
        Instant now = clock.instant();
        long index = tx.conversations().takeIndex(conv.accountSid(), conv.sid());
        ConversationMessage m = new ConversationMessage(ids.sid("IM"), conv.accountSid(), conv.sid(),
                conv.chatServiceSid(), index, author, d.body(), d.mediaSids(), attributes, participantSid, now, now,
                d.content());
        Conversation active = activity(conv, now);
        tx.conversations().update(active);
        timers.schedule(tx, conv, active);
        tx.conversationMessages().insert(m);
        tx.liveEvents().publish(LiveEvent.messageAdded(m));
        if (conv.state() != active.state()) {
            tx.liveEvents().publish(LiveEvent.conversationUpdated(active));
        }
        ConversationMediaService.attach(tx, m);
        fee.charge(tx, conv.accountSid(), conv.sid());
        tx.jobs().enqueue(Job.create(ids.sid("JB"), conv.accountSid(), FanOutHandler.KIND,
                FanOutHandler.payload(m), now, fanOutAttempts, now));
        return m;
    }

    /** The conversation after activity: active again, its timers counted from now. */
    private Conversation activity(Conversation conv, Instant now) {
        Conversation.Timers t = conv.timers();
        return conv.with(ConversationState.ACTIVE,
                ConversationTimers.arm(t.inactive(), t.closed(), ConversationState.ACTIVE, now), now);
    }

    public ConversationMessage fetch(String accountSid, String chatServiceSid, String conversation, String sid) {
        return storage.read(tx -> find(tx, accountSid, chatServiceSid, conversation, sid));
    }

    public Page<ConversationMessage> list(String accountSid, String chatServiceSid, String conversation,
            boolean descending, PageRequest page) {
        return storage.read(tx -> {
            Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
            return tx.conversationMessages().list(accountSid, conv.sid(), descending, page);
        });
    }

    /** Changes author, body or attributes; the message is not sent again. */
    public ConversationMessage update(String accountSid, String chatServiceSid, String conversation, String sid,
            String author, String body, String attributes) {
        return update(accountSid, chatServiceSid, conversation, sid, new Edit(author, body, attributes), false);
    }

    /** What an update changes: null leaves a field as it is. */
    public record Edit(String author, String body, String attributes) {

        /** This edit with what a pre-event hook answered ({@code author}, {@code body}, {@code attributes}). */
        Edit amendedBy(PreEventHooks.Verdict v) {
            return new Edit(v.or("author", author), v.or("body", body), v.or("attributes", attributes));
        }
    }

    /**
     * Changes author, body or attributes through the REST API; {@code webhooks} (the call's
     * {@code X-Twilio-Webhook-Enabled: true}) fires onMessageUpdated with it.
     */
    public ConversationMessage update(String accountSid, String chatServiceSid, String conversation, String sid,
            Edit given, boolean webhooks) {
        return update(accountSid, chatServiceSid, conversation, sid, given, webhooks ? ConversationEvents.API : null);
    }

    /** Changes body or attributes as a chat identity asks over its web-chat connection: hooks fire with Source SDK. */
    public ConversationMessage updateFromSdk(String accountSid, String chatServiceSid, String conversation, String sid,
            Edit given) {
        return update(accountSid, chatServiceSid, conversation, sid, given, ConversationEvents.SDK);
    }

    private ConversationMessage update(String accountSid, String chatServiceSid, String conversation, String sid,
            Edit given, String source) {
        boolean webhooks = source != null;
        Edit e = !webhooks ? given : given.amendedBy(events.pre().ask(accountSid, "onMessageUpdate", tx ->
                PreEventHooks.messageUpdate(ConversationService.find(tx, accountSid, chatServiceSid, conversation),
                        find(tx, accountSid, chatServiceSid, conversation, sid), given, source)));
        String author = e.author();
        String body = e.body();
        String attributes = e.attributes();
        return storage.write(tx -> {
            ConversationMessage m = find(tx, accountSid, chatServiceSid, conversation, sid);
            ConversationMessage updated = new ConversationMessage(m.sid(), accountSid, m.conversationSid(),
                    m.chatServiceSid(), m.index(), author != null && !author.isBlank() ? author : m.author(),
                    body != null ? body : m.body(), m.mediaSids(), Attributes.or(attributes, m.attributes()),
                    m.participantSid(), m.dateCreated(), clock.instant(), m.content());
            tx.conversationMessages().update(updated);
            tx.liveEvents().publish(LiveEvent.messageUpdated(updated));
            if (webhooks) {
                events.message(tx, "onMessageUpdated", ConversationService.find(tx, accountSid, chatServiceSid,
                        conversation), updated, source);
            }
            return updated;
        });
    }

    /** Deletes the message; its index is not reused. */
    public void delete(String accountSid, String chatServiceSid, String conversation, String sid) {
        delete(accountSid, chatServiceSid, conversation, sid, false);
    }

    /**
     * Deletes the message with its media (rows in the transaction, files once it has committed);
     * {@code webhooks} (X-Twilio-Webhook-Enabled: true) fires onMessageRemoved with it.
     */
    public void delete(String accountSid, String chatServiceSid, String conversation, String sid, boolean webhooks) {
        delete(accountSid, chatServiceSid, conversation, sid, webhooks ? ConversationEvents.API : null);
    }

    /** Deletes the message as a chat identity asks over its web-chat connection: hooks fire with Source SDK. */
    public void deleteFromSdk(String accountSid, String chatServiceSid, String conversation, String sid) {
        delete(accountSid, chatServiceSid, conversation, sid, ConversationEvents.SDK);
    }

    private void delete(String accountSid, String chatServiceSid, String conversation, String sid, String source) {
        boolean webhooks = source != null;
        if (webhooks) {
            events.pre().ask(accountSid, "onMessageRemove", tx -> ConversationEvents.messageParams("onMessageRemove",
                    ConversationService.find(tx, accountSid, chatServiceSid, conversation),
                    find(tx, accountSid, chatServiceSid, conversation, sid), source));
        }
        List<ConversationMedia> gone = storage.write(tx -> {
            ConversationMessage m = find(tx, accountSid, chatServiceSid, conversation, sid);
            if (webhooks) {
                // Posted before the media go, so that the event still describes them.
                events.message(tx, "onMessageRemoved", ConversationService.find(tx, accountSid, chatServiceSid,
                        conversation), m, source);
            }
            tx.conversationMessages().delete(accountSid, m.conversationSid(), m.sid());
            tx.liveEvents().publish(LiveEvent.messageRemoved(m));
            return media.forgetIn(tx, accountSid, m.chatServiceSid(), m.mediaSids());
        });
        media.removeFiles(gone);
    }

    private static ConversationMessage find(Tx tx, String accountSid, String chatServiceSid, String conversation,
            String sid) {
        Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
        return tx.conversationMessages().find(accountSid, conv.sid(), sid).orElseThrow(() -> ApiException.notFound(
                "/Conversations/" + conv.sid() + "/Messages/" + sid));
    }

    private static void check(Draft d) {
        if ((d.body() == null || d.body().isEmpty()) && d.mediaSids().isEmpty()) {
            throw ApiException.badRequest(20001, "Either Body or MediaSid must be given");
        }
        for (String media : d.mediaSids()) {
            if (!media.matches("ME[0-9a-fA-F]{32}")) {
                throw ApiException.badRequest(50510, "Invalid message media SID: " + media);
            }
        }
        Attributes.or(d.attributes(), Attributes.EMPTY);
    }
}
