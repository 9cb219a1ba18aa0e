package dev.parley.core.conversation.participant;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.conversation.Attributes;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.GroupTexting;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.user.Role;
import dev.parley.core.conversation.user.Roles;
import dev.parley.core.conversation.user.UserService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Participants of a conversation: chat identities and SMS/WhatsApp addresses talking through one of the account's
 * numbers (the proxy address). An address and proxy address pair belongs to one open conversation at a time (50416),
 * since inbound messages are routed by it; an identity appears once per conversation (50433). Group texting
 * participants (an SMS address alone, a projected address with or without an identity) follow {@link GroupTexting}.
 */
public final class ParticipantService {
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    private final ConversationEvents events;

    public ParticipantService(Storage storage, IdGenerator ids, Clock clock, ConversationEvents events) {
        this.events = events;
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** What a create sets, as given. */
    public record Creation(String identity, String address, String proxyAddress, String projectedAddress,
            String attributes, String roleSid) {

        /** This creation with the {@code attributes} a pre-event hook answered (checked to be JSON). */
        public Creation amendedBy(PreEventHooks.Verdict v) {
            return new Creation(identity, address, proxyAddress, projectedAddress,
                    Attributes.or(v.or("attributes", attributes), Attributes.EMPTY), roleSid);
        }
    }

    /** What an update sets, as given; null leaves a field as it is. */
    public record Changes(String attributes, String roleSid, String identity, String proxyAddress,
            String projectedAddress, Integer lastReadMessageIndex, String lastReadTimestamp) {

        /** These changes with the {@code attributes} a pre-event hook answered. */
        Changes amendedBy(PreEventHooks.Verdict v) {
            return new Changes(v.or("attributes", attributes), roleSid, identity, proxyAddress, projectedAddress,
                    lastReadMessageIndex, lastReadTimestamp);
        }
    }

    public Participant create(String accountSid, String chatServiceSid, String conversation, Creation c) {
        return create(accountSid, chatServiceSid, conversation, c, false);
    }

    /**
     * Adds a participant through the REST API; {@code webhooks} (the call's {@code X-Twilio-Webhook-Enabled: true})
     * fires the post-event hooks ({@link ConversationEvents}) with it.
     */
    public Participant create(String accountSid, String chatServiceSid, String conversation, Creation c,
            boolean webhooks) {
        Creation checked = validate(c);
        Creation valid = !webhooks ? checked : checked.amendedBy(events.pre().ask(accountSid, "onParticipantAdd",
                tx -> PreEventHooks.participantAdd(ConversationService.find(tx, accountSid, chatServiceSid,
                        conversation), checked)));
        return storage.write(tx -> addIn(tx, ConversationService.find(tx, accountSid, chatServiceSid, conversation),
                valid, webhooks));
    }

    /**
     * Asks the onParticipantAdd pre-event hook about a validated participant of a conversation not created yet
     * ({@code ConversationWithParticipants}, address auto-creation): {@code conversationSid} is the SID it will have.
     * Returns the participant as the hook amended it.
     *
     * @throws dev.parley.core.error.ApiException when the hook refuses it or does not answer in time
     */
    public Creation askAdd(String accountSid, String chatServiceSid, String conversationSid,
            ConversationService.Changes conversation, Creation c) {
        return c.amendedBy(events.pre().ask(accountSid, "onParticipantAdd", tx -> PreEventHooks.participantAdd(
                new PreEventHooks.NewConversation(accountSid, chatServiceSid, conversationSid,
                        conversation.messagingServiceSid(), ConversationEvents.API), c)));
    }

    /** {@link #addIn(Tx, Conversation, Creation)}, firing onParticipantAdded when {@code webhooks}. */
    public Participant addIn(Tx tx, Conversation conv, Creation c, boolean webhooks) {
        Participant p = addIn(tx, conv, c);
        if (webhooks) {
            events.participantAdded(tx, conv, p, ConversationEvents.API);
        }
        return p;
    }

    /**
     * The checks that need no database, with addresses in their normal form; {@link #addIn} makes the others.
     * Refusals carry Twilio's codes (50407, 50408, 50412).
     */
    public Creation validate(Creation c) {
        String identity = blank(c.identity()) ? null : c.identity();
        String address = blank(c.address()) ? null : address(c.address(), 50407, "MessagingBinding.Address");
        String proxy = blank(c.proxyAddress()) ? null
                : address(c.proxyAddress(), 50408, "MessagingBinding.ProxyAddress");
        String projected = blank(c.projectedAddress()) ? null
                : address(c.projectedAddress(), 50408, "MessagingBinding.ProjectedAddress");
        if (identity == null && address == null && projected == null) {
            throw ApiException.badRequest(20001,
                    "Either Identity, MessagingBinding.Address or MessagingBinding.ProjectedAddress must be given");
        }
        if (identity != null && address != null) {
            throw ApiException.badRequest(20001, "Identity and MessagingBinding.Address cannot both be given");
        }
        if (address != null && projected != null) {
            throw projectedOnBinding();
        }
        if (projected != null) {
            checkLongCode(projected);
        }
        // An SMS address alone is a handset of a group MMS, which only +1 long codes take part in: elsewhere (and on
        // WhatsApp) the participant needs a proxy address.
        if (address != null && proxy == null && !GroupTexting.groupAddress(address)) {
            throw ApiException.badRequest(50412, "Participant proxy address is empty");
        }
        if (address != null && proxy != null && ChannelAddress.isWhatsApp(proxy) != ChannelAddress.isWhatsApp(address)) {
            throw ApiException.badRequest(50408, "MessagingBinding.ProxyAddress " + proxy
                    + " is not on the channel of MessagingBinding.Address " + address);
        }
        return new Creation(identity, address, proxy, projected, Attributes.or(c.attributes(), Attributes.EMPTY),
                blankToNull(c.roleSid()));
    }

    /** Adds a {@link #validate validated} participant to {@code conv} inside the caller's transaction. */
    public Participant addIn(Tx tx, Conversation conv, Creation c) {
        String accountSid = conv.accountSid();
        if (conv.state() == ConversationState.CLOSED) {
            throw ConversationService.closedError();
        }
        if (c.proxyAddress() != null) {
            checkOwned(tx, accountSid, c.proxyAddress(), 50413, "proxy address");
        }
        if (c.projectedAddress() != null) {
            checkOwned(tx, accountSid, c.projectedAddress(), 50439, "the projected address");
        }
        GroupTexting.checkJoin(tx.conversations().participants(accountSid, conv.sid()), c);
        if (c.address() != null && c.proxyAddress() != null
                && !tx.conversations().openBindings(accountSid, c.address(), c.proxyAddress()).isEmpty()) {
            throw new ApiException(50416, 409, "A participant with MessagingBinding.Address " + c.address()
                    + " and MessagingBinding.ProxyAddress " + c.proxyAddress()
                    + " already exists in an active conversation");
        }
        // As on Twilio: the participant holds the service's "channel user" role unless given one, and a chat
        // identity gets its User.
        String roleSid = Roles.assign(tx, ids, clock, accountSid, conv.chatServiceSid(), c.roleSid(),
                Role.Type.CONVERSATION);
        if (c.identity() != null) {
            UserService.ensureIn(tx, ids, clock, accountSid, conv.chatServiceSid(), c.identity());
        }
        Instant now = clock.instant();
        Participant p = new Participant(ids.sid("MB"), accountSid, conv.sid(), conv.chatServiceSid(), c.identity(),
                new Participant.Binding(c.address(), c.proxyAddress(), c.projectedAddress()), c.attributes(),
                roleSid, null, null, now, now);
        if (!tx.conversations().insertParticipant(p)) {
            throw participantExists(c.identity());
        }
        tx.liveEvents().publish(LiveEvent.participantJoined(p));
        return p;
    }

    public Participant fetch(String accountSid, String chatServiceSid, String conversation, String sidOrIdentity) {
        return storage.read(tx -> find(tx, accountSid, chatServiceSid, conversation, sidOrIdentity));
    }

    public Page<Participant> list(String accountSid, String chatServiceSid, String conversation, PageRequest page) {
        return storage.read(tx -> {
            Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
            return tx.conversations().listParticipants(accountSid, conv.sid(), page);
        });
    }

    public Participant update(String accountSid, String chatServiceSid, String conversation, String sidOrIdentity,
            Changes c) {
        return update(accountSid, chatServiceSid, conversation, sidOrIdentity, c, false);
    }

    /** Updates through the REST API; {@code webhooks} (X-Twilio-Webhook-Enabled: true) fires onParticipantUpdated. */
    public Participant update(String accountSid, String chatServiceSid, String conversation, String sidOrIdentity,
            Changes given, boolean webhooks) {
        if (given.lastReadMessageIndex() != null && given.lastReadMessageIndex() < 0) {
            throw ApiException.badRequest(20001, "LastReadMessageIndex must not be negative");
        }
        Changes c = !webhooks ? given : given.amendedBy(events.pre().ask(accountSid, "onParticipantUpdate",
                tx -> PreEventHooks.participantUpdate(ConversationService.find(tx, accountSid, chatServiceSid,
                        conversation), find(tx, accountSid, chatServiceSid, conversation, sidOrIdentity), given)));
        return storage.write(tx -> {
            Participant p = find(tx, accountSid, chatServiceSid, conversation, sidOrIdentity);
            String identity = p.identity();
            if (!blank(c.identity()) && !c.identity().equals(identity)) {
                if (p.messaging()) {
                    throw ApiException.badRequest(20001, "An SMS or WhatsApp participant has no Identity");
                }
                if (tx.conversations().findParticipantByIdentity(accountSid, p.conversationSid(), c.identity())
                        .isPresent()) {
                    throw participantExists(c.identity());
                }
                identity = c.identity();
                UserService.ensureIn(tx, ids, clock, accountSid, p.chatServiceSid(), identity);
            }
            Participant.Binding b = p.binding();
            String proxy = b.proxyAddress();
            if (!blank(c.proxyAddress()) && p.messaging()) {
                proxy = address(c.proxyAddress(), 50408, "MessagingBinding.ProxyAddress");
                checkOwned(tx, accountSid, proxy, 50413, "proxy address");
            }
            String projected = b.projectedAddress();
            if (!blank(c.projectedAddress())) {
                if (p.messaging()) {
                    throw projectedOnBinding();
                }
                projected = address(c.projectedAddress(), 50408, "MessagingBinding.ProjectedAddress");
                checkLongCode(projected);
                checkOwned(tx, accountSid, projected, 50439, "the projected address");
                // Projected into the group now: the others must make a group with it, as at a join.
                List<Participant> others = tx.conversations().participants(accountSid, p.conversationSid()).stream()
                        .filter(o -> !o.sid().equals(p.sid())).toList();
                GroupTexting.checkJoin(others, new Creation(identity, b.address(), proxy, projected, null, null));
            }
            Participant updated = new Participant(p.sid(), accountSid, p.conversationSid(), p.chatServiceSid(),
                    identity, new Participant.Binding(b.address(), proxy, projected),
                    Attributes.or(c.attributes(), p.attributes()),
                    blank(c.roleSid()) ? p.roleSid() : Roles.assign(tx, ids, clock, accountSid, p.chatServiceSid(),
                            c.roleSid(), Role.Type.CONVERSATION),
                    c.lastReadMessageIndex() != null ? Long.valueOf(c.lastReadMessageIndex()) : p.lastReadMessageIndex(),
                    c.lastReadTimestamp() != null ? c.lastReadTimestamp() : p.lastReadTimestamp(), p.dateCreated(),
                    clock.instant());
            tx.conversations().updateParticipant(updated);
            LiveEvent.participantChanged(p, updated).forEach(tx.liveEvents()::publish);
            if (webhooks) {
                events.participant(tx, "onParticipantUpdated",
                        ConversationService.find(tx, accountSid, chatServiceSid, conversation), updated,
                        ConversationEvents.API);
            }
            return updated;
        });
    }

    public void remove(String accountSid, String chatServiceSid, String conversation, String sidOrIdentity) {
        remove(accountSid, chatServiceSid, conversation, sidOrIdentity, false);
    }

    /** Removes the participant; {@code webhooks} (X-Twilio-Webhook-Enabled: true) fires onParticipantRemoved. */
    public void remove(String accountSid, String chatServiceSid, String conversation, String sidOrIdentity,
            boolean webhooks) {
        if (webhooks) {
            events.pre().ask(accountSid, "onParticipantRemove", tx -> ConversationEvents.participantParams(
                    "onParticipantRemove", ConversationService.find(tx, accountSid, chatServiceSid, conversation),
                    find(tx, accountSid, chatServiceSid, conversation, sidOrIdentity), ConversationEvents.API));
        }
        storage.writeVoid(tx -> {
            Participant p = find(tx, accountSid, chatServiceSid, conversation, sidOrIdentity);
            tx.conversations().deleteParticipant(accountSid, p.conversationSid(), p.sid());
            tx.liveEvents().publish(LiveEvent.participantLeft(p));
            if (webhooks) {
                events.participant(tx, "onParticipantRemoved",
                        ConversationService.find(tx, accountSid, chatServiceSid, conversation), p,
                        ConversationEvents.API);
            }
        });
    }

    static Participant find(Tx tx, String accountSid, String chatServiceSid, String conversation,
            String sidOrIdentity) {
        Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
        Optional<Participant> found = sidOrIdentity.matches("MB[0-9a-f]{32}")
                ? tx.conversations().findParticipant(accountSid, conv.sid(), sidOrIdentity)
                : tx.conversations().findParticipantByIdentity(accountSid, conv.sid(), sidOrIdentity);
        return found.orElseThrow(() -> ApiException.notFound("/Conversations/" + conv.sid() + "/Participants/"
                + sidOrIdentity));
    }

    /** A phone number or {@code whatsapp:} address in Twilio's wire form, or Twilio's {@code code}. */
    static String address(String given, int code, String name) {
        return ChannelAddress.parse(given).map(ChannelAddress::wire).orElseThrow(() -> ApiException.badRequest(code,
                name + " " + given + " is not a valid address"));
    }

    /** The proxy must be a number of the account serving the address's channel (a WhatsApp sender for WhatsApp). */
    /**
     * A proxy address (50413 otherwise) or projected address (50439 otherwise) must be a number of the account that
     * serves its channel.
     */
    private static void checkOwned(Tx tx, String accountSid, String number, int code, String what) {
        ChannelAddress address = ChannelAddress.parse(number).orElseThrow();
        boolean owned = tx.numbers().findByNumber(address.number())
                .filter(n -> n.accountSid().equals(accountSid) && n.serves(address.kind())).isPresent();
        if (!owned) {
            throw new ApiException(code, 400, "Account is not authorized to use " + what + " " + number);
        }
    }

    /** Group MMS runs on +1 (US/Canada) long codes only: a projected address elsewhere fails with 50435. */
    private static void checkLongCode(String projected) {
        if (!GroupTexting.groupAddress(projected)) {
            throw new ApiException(50435, 400, "Group MMS activation failed: MessagingBinding.ProjectedAddress "
                    + projected + " is not a +1 (US/Canada) long code; group MMS runs on those only");
        }
    }

    private static ApiException projectedOnBinding() {
        return new ApiException(50443, 400, "Failed to add a projected address to a participant: a participant with "
                + "MessagingBinding.Address cannot have a projected address");
    }

    private static ApiException participantExists(String identity) {
        return new ApiException(50433, 409, "Participant with provided identity " + identity
                + " already exists in this conversation");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s;
    }
}
