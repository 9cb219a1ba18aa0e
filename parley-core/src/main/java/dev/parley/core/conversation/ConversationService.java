package dev.parley.core.conversation;

import dev.parley.core.conversation.config.ConversationConfigurationService;
import dev.parley.core.conversation.config.ConversationDefaults;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.hook.ScopedWebhook;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Conversations ({@code /conversations/v1/Conversations}, also under {@code /Services/{ChatServiceSid}}): create,
 * fetch by SID or unique name, list, update, delete. States move active → inactive → closed by the API or by the
 * timers ({@link ConversationTimers}); closed is final (50377). A refusal writes nothing; a returned resource is
 * committed.
 */
public final class ConversationService {
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;
    private final ConversationTimers timers;

    private final ConversationEvents events;
    private final ConversationMediaService media;

    /** @param media whose files a deleted conversation's messages take with them */
    public ConversationService(Storage storage, IdGenerator ids, Clock clock, ConversationTimers timers,
            ConversationEvents events, ConversationMediaService media) {
        this.events = events;
        this.media = media;
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
        this.timers = timers;
    }

    /** What a create or update sets, as given; null leaves a field as it is (at its default on create). */
    public record Changes(String friendlyName, String uniqueName, String attributes, String messagingServiceSid,
            String state, String timerInactive, String timerClosed) {

        /** These changes with what a pre-event hook answered ({@code friendly_name}, {@code unique_name}…). */
        public Changes amendedBy(PreEventHooks.Verdict v) {
            return new Changes(v.or("friendly_name", friendlyName), v.or("unique_name", uniqueName),
                    v.or("attributes", attributes), messagingServiceSid, state, timerInactive, timerClosed);
        }
    }

    /** The post-event hooks (and through them the pre-event ones) conversations are created with. */
    public ConversationEvents events() {
        return events;
    }

    public Conversation create(String accountSid, String chatServiceSid, Changes c) {
        return create(accountSid, chatServiceSid, c, false);
    }

    /**
     * Creates a conversation through the REST API; {@code webhooks} (the call's {@code X-Twilio-Webhook-Enabled:
     * true}) fires the post-event hooks ({@link ConversationEvents}) with it.
     */
    public Conversation create(String accountSid, String chatServiceSid, Changes c, boolean webhooks) {
        return createWith(accountSid, chatServiceSid, c, webhooks, (sid, asked) -> (tx, created) -> { });
    }

    /**
     * What to add with a new conversation, decided once its onConversationAdd hook (if any) has let it through:
     * given the SID the conversation will have and its changes as the hook left them, it may ask further hooks
     * (no transaction is open) and returns what to write in the conversation's transaction.
     */
    interface Then {
        java.util.function.BiConsumer<Tx, Conversation> ask(String conversationSid, Changes asked);
    }

    /**
     * Creates a conversation and, in the same transaction, whatever {@code then} adds to it: all or nothing
     * ({@code ConversationWithParticipants}). {@code webhooks} asks the onConversationAdd pre-event hook first, then
     * {@code then} (which may ask the hooks of what it adds), and fires onConversationAdded with the creation; any
     * refusal comes before anything is written.
     */
    Conversation createWith(String accountSid, String chatServiceSid, Changes c, boolean webhooks, Then then) {
        Changes asked = c;
        if (webhooks) {
            asked = c.amendedBy(events.pre().ask(accountSid, "onConversationAdd", tx ->
                    PreEventHooks.conversationAdd(accountSid, chatServiceSid, checkedNew(c))));
        }
        Changes valid = checkedNew(asked);
        ConversationState state = ConversationState.parse(valid.state());
        String sid = ids.sid("CH");
        java.util.function.BiConsumer<Tx, Conversation> alsoIn = then.ask(sid, valid);
        return storage.write(tx -> {
            Conversation created = createIn(tx, sid, accountSid, chatServiceSid, valid, state);
            if (webhooks) {
                events.conversationAdded(tx, created, ConversationEvents.API);
            }
            alsoIn.accept(tx, created);
            return created;
        });
    }

    /** The checks of a new conversation that need no database: the changes with their defaults, or a refusal. */
    public static Changes checkedNew(Changes c) {
        boolean stateGiven = c.state() != null && !c.state().isBlank();
        if (!stateGiven && (c.timerInactive() != null || c.timerClosed() != null)) {
            throw ApiException.badRequest(50382, "Timer can't be set without state");
        }
        ConversationState state = stateGiven ? ConversationState.parse(c.state()) : ConversationState.ACTIVE;
        if (state == ConversationState.CLOSED) {
            throw ApiException.badRequest(50384, "Initial state can't be 'closed'");
        }
        String inactive = ConversationTimers.checkInactive(c.timerInactive());
        String closed = ConversationTimers.checkClosed(c.timerClosed());
        String uniqueName = uniqueName(c.uniqueName());
        String attributes = Attributes.or(c.attributes(), Attributes.EMPTY);
        return new Changes(c.friendlyName(), uniqueName, attributes, c.messagingServiceSid(), state.wire(),
                inactive, closed);
    }

    /**
     * Inserts a conversation from checked changes inside the caller's transaction, with the account's
     * {@link ConversationDefaults} for the messaging service and timers it was not given.
     */
    Conversation createIn(Tx tx, String accountSid, String chatServiceSid, Changes valid,
            ConversationState state) {
        return createIn(tx, ids.sid("CH"), accountSid, chatServiceSid, valid, state);
    }

    /** {@link #createIn(Tx, String, String, Changes, ConversationState)} with the SID a pre-event hook was told. */
    public Conversation createIn(Tx tx, String sid, String accountSid, String chatServiceSid, Changes valid,
            ConversationState state) {
        Instant now = clock.instant();
        ConversationDefaults defaults = ConversationConfigurationService.defaults(tx, accountSid);
        String messagingService = valid.messagingServiceSid() != null
                ? messagingService(tx, accountSid, valid.messagingServiceSid(), null)
                // A default that names a service deleted since is no default.
                : defaults.messagingServiceSid() == null ? null
                        : tx.messagingServices().find(accountSid, defaults.messagingServiceSid())
                                .map(found -> defaults.messagingServiceSid()).orElse(null);
        String inactive = valid.timerInactive() != null ? valid.timerInactive() : defaults.inactiveTimer();
        String closed = valid.timerClosed() != null ? valid.timerClosed() : defaults.closedTimer();
        Conversation created = new Conversation(sid, accountSid, chatServiceSid, messagingService,
                valid.friendlyName(), valid.uniqueName(), valid.attributes(), state,
                ConversationTimers.arm(inactive, closed, state, now), now, now);
        if (!tx.conversations().insert(created)) {
            throw uniqueNameTaken();
        }
        timers.schedule(tx, null, created);
        return created;
    }

    public Conversation fetch(String accountSid, String chatServiceSid, String sidOrUniqueName) {
        return storage.read(tx -> find(tx, accountSid, chatServiceSid, sidOrUniqueName));
    }

    public Page<Conversation> list(String accountSid, ConversationStore.Filter filter, PageRequest page) {
        return storage.read(tx -> tx.conversations().list(accountSid, filter, page));
    }

    public Conversation update(String accountSid, String chatServiceSid, String sidOrUniqueName, Changes c) {
        return update(accountSid, chatServiceSid, sidOrUniqueName, c, false);
    }

    /**
     * Updates through the REST API; {@code webhooks} (X-Twilio-Webhook-Enabled: true) fires onConversationUpdated
     * (and onConversationStateUpdated when the state changed) with it.
     */
    public Conversation update(String accountSid, String chatServiceSid, String sidOrUniqueName, Changes given,
            boolean webhooks) {
        Changes c = given;
        if (webhooks) {
            c = given.amendedBy(events.pre().ask(accountSid, "onConversationUpdate", tx ->
                    PreEventHooks.conversationUpdate(open(tx, accountSid, chatServiceSid, sidOrUniqueName), given)));
        }
        return write(accountSid, chatServiceSid, sidOrUniqueName, c, webhooks);
    }

    /** The update itself, once the pre-event hook (if any) has had its say. */
    private Conversation write(String accountSid, String chatServiceSid, String sidOrUniqueName, Changes c,
            boolean webhooks) {
        ConversationState requested = c.state() == null || c.state().isBlank() ? null
                : ConversationState.parse(c.state());
        String inactive = ConversationTimers.checkInactive(c.timerInactive());
        String closed = ConversationTimers.checkClosed(c.timerClosed());
        String uniqueName = c.uniqueName() == null ? null : uniqueName(c.uniqueName());
        return storage.write(tx -> {
            Conversation current = open(tx, accountSid, chatServiceSid, sidOrUniqueName);
            ConversationState state = requested == null ? current.state() : requested;
            Instant now = clock.instant();
            boolean rearm = requested != null || inactive != null || closed != null;
            String newInactive = inactive != null ? inactive : current.timers().inactive();
            String newClosed = closed != null ? closed : current.timers().closed();
            Conversation.Timers t = rearm ? ConversationTimers.arm(newInactive, newClosed, state, now)
                    : current.timers();
            Conversation updated = new Conversation(current.sid(), accountSid, current.chatServiceSid(),
                    messagingService(tx, accountSid, c.messagingServiceSid(), current.messagingServiceSid()),
                    c.friendlyName() != null ? c.friendlyName() : current.friendlyName(),
                    c.uniqueName() == null ? current.uniqueName() : uniqueName,
                    Attributes.or(c.attributes(), current.attributes()), state, t, current.dateCreated(), now);
            if (!tx.conversations().update(updated)) {
                throw uniqueNameTaken();
            }
            timers.schedule(tx, current, updated);
            tx.liveEvents().publish(LiveEvent.conversationUpdated(updated));
            if (webhooks) {
                events.conversation(tx, "onConversationUpdated", updated, ConversationEvents.API);
                if (updated.state() != current.state()) {
                    events.conversation(tx, "onConversationStateUpdated", updated, ConversationEvents.API);
                }
            }
            return updated;
        });
    }

    /** Deletes the conversation with its participants and messages. */
    public void delete(String accountSid, String chatServiceSid, String sidOrUniqueName) {
        delete(accountSid, chatServiceSid, sidOrUniqueName, false);
    }

    /**
     * Deletes the conversation with its participants, messages and their media (rows in the transaction, files once it
     * has committed); {@code webhooks} (X-Twilio-Webhook-Enabled: true) fires onConversationRemoved.
     */
    public void delete(String accountSid, String chatServiceSid, String sidOrUniqueName, boolean webhooks) {
        if (webhooks) {
            events.pre().ask(accountSid, "onConversationRemove", tx -> ConversationEvents.conversationParams(
                    "onConversationRemove", find(tx, accountSid, chatServiceSid, sidOrUniqueName),
                    ConversationEvents.API));
        }
        List<ConversationMedia> gone = storage.write(tx -> {
            Conversation c = find(tx, accountSid, chatServiceSid, sidOrUniqueName);
            if (webhooks) {
                events.conversation(tx, "onConversationRemoved", c, ConversationEvents.API);
            }
            tx.conversations().delete(accountSid, c.sid());
            tx.liveEvents().publish(LiveEvent.conversationRemoved(c));
            for (ScopedWebhook w : tx.scopedWebhooks().list(accountSid, c.sid())) {
                tx.scopedWebhooks().delete(accountSid, c.sid(), w.sid());
            }
            return media.forgetIn(tx, accountSid, c.chatServiceSid(), tx.conversationMedia()
                    .ofConversation(accountSid, c.sid()).stream().map(ConversationMedia::sid).toList());
        });
        media.removeFiles(gone);
    }

    /** The conversation of the service named by SID or unique name, or Twilio's 404. */
    public static Conversation find(Tx tx, String accountSid, String chatServiceSid, String sidOrUniqueName) {
        var found = sidOrUniqueName.matches("CH[0-9a-f]{32}")
                ? tx.conversations().find(accountSid, sidOrUniqueName)
                : tx.conversations().findByUniqueName(accountSid, chatServiceSid, sidOrUniqueName);
        return found.filter(c -> c.chatServiceSid().equals(chatServiceSid))
                .orElseThrow(() -> ApiException.notFound("/Conversations/" + sidOrUniqueName));
    }

    /** The conversation as {@link #find} gives it, refused with 50377 when it is closed. */
    private static Conversation open(Tx tx, String accountSid, String chatServiceSid, String sidOrUniqueName) {
        Conversation current = find(tx, accountSid, chatServiceSid, sidOrUniqueName);
        if (current.state() == ConversationState.CLOSED) {
            throw closedError();
        }
        return current;
    }

    public static ApiException closedError() {
        return ApiException.badRequest(50377, "Can't update conversation as it's in final closed state");
    }

    private static ApiException uniqueNameTaken() {
        return new ApiException(50353, 409, "Conversation with provided unique name already exists");
    }

    /** A unique name as given, refused when it looks like a conversation SID (50390); "" clears it. */
    private static String uniqueName(String given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.matches("CH[0-9a-f]{32}")) {
            throw ApiException.badRequest(50390, "Unique name should not match conversation sid pattern");
        }
        return given;
    }

    /** A Messaging Service SID as given, checked to be the account's (21701); null keeps {@code current}, "" clears. */
    public static String messagingService(Tx tx, String accountSid, String given, String current) {
        if (given == null) {
            return current;
        }
        if (given.isBlank()) {
            return null;
        }
        String sid = given.strip();
        if (!sid.matches("MG[0-9a-fA-F]{32}") || tx.messagingServices().find(accountSid, sid).isEmpty()) {
            throw ApiException.badRequest(21701,
                    "The Messaging Service Sid " + sid + " does not exist or does not belong to this account.");
        }
        return sid;
    }
}
