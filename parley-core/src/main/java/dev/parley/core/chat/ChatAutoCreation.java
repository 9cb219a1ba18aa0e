package dev.parley.core.chat;

import dev.parley.core.conversation.Attributes;
import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.config.AddressConfiguration;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.conversation.user.ConversationUser;
import dev.parley.core.conversation.user.Role;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Address auto-creation for web chat (ADR 0027): an address configuration of type {@code chat} names an address (an
 * opaque name such as {@code support}) that a chat identity may start a conversation with. The first start creates,
 * in the configured service (the account's default when none), a conversation whose first participant is the
 * identity, then adds the start's body as its first message; a later start by the same identity on the same address
 * goes to that conversation while it is open (not closed, the identity still in it), as a handset's later texts go to
 * the conversation its first one started. The service must be the identity's own.
 *
 * <p>The conversation is created with the hooks of an SDK client's creation: onConversationAdd and onParticipantAdd
 * asked first, onConversationAdded and onParticipantAdded posted with it, all with {@code Source} SDK; the message
 * then goes through {@link ConversationMessageService#createFromSdk}. Creating needs the identity's service role to
 * grant {@code createConversation} (a user without a role holds the service's default, which does).
 */
final class ChatAutoCreation {
    private final Storage storage;
    private final IdGenerator ids;
    private final ConversationService conversations;
    private final ParticipantService participants;
    private final ConversationMessageService messages;

    ChatAutoCreation(Storage storage, IdGenerator ids, ChatActions.Parts parts) {
        this.storage = storage;
        this.ids = ids;
        this.conversations = parts.conversations();
        this.participants = parts.participants();
        this.messages = parts.messages();
    }

    Conversation start(ChatIdentity who, String address, String body) {
        if (address == null || address.isBlank()) {
            throw ApiException.badRequest(20001, "address is required");
        }
        AddressConfiguration config = storage.read(tx -> configuration(tx, who, address.strip()));
        Conversation conv = storage.read(tx -> open(tx, who, config)).orElseGet(() -> create(who, config));
        if (body != null && !body.isBlank()) {
            messages.createFromSdk(who.accountSid(), who.chatServiceSid(), conv.sid(),
                    new ConversationMessageService.Draft(who.identity(), body, null, List.of()), null);
            return storage.read(tx -> tx.conversations().find(who.accountSid(), conv.sid())).orElse(conv);
        }
        return conv;
    }

    /** The enabled chat configuration of {@code address}, in the identity's service; else 20404 as for none. */
    private static AddressConfiguration configuration(Tx tx, ChatIdentity who, String address) {
        AddressConfiguration config = tx.conversationConfig().findByAddress(who.accountSid(), address)
                .filter(c -> "chat".equals(c.type()) && c.autoCreation().enabled())
                .orElseThrow(() -> ApiException.notFound("/Configuration/Addresses/" + address));
        String service = Optional.ofNullable(config.autoCreation().conversationServiceSid())
                .flatMap(sid -> tx.chatServices().find(who.accountSid(), sid))
                .map(ChatService::sid)
                .orElseGet(() -> tx.chatServices().findDefault(who.accountSid()).map(ChatService::sid).orElse(null));
        if (!who.chatServiceSid().equals(service)) {
            throw ApiException.notFound("/Configuration/Addresses/" + address);
        }
        return config;
    }

    /** The open conversation the identity started on this address before, if any. */
    private static Optional<Conversation> open(Tx tx, ChatIdentity who, AddressConfiguration config) {
        for (String sid : tx.conversationConfig().chatStarts(who.accountSid(), config.sid(), who.identity())) {
            Optional<Conversation> conv = tx.conversations().find(who.accountSid(), sid)
                    .filter(c -> c.state() != ConversationState.CLOSED)
                    .filter(c -> tx.conversations().findParticipantByIdentity(who.accountSid(), sid, who.identity())
                            .isPresent());
            if (conv.isPresent()) {
                return conv;
            }
        }
        return Optional.empty();
    }

    private Conversation create(ChatIdentity who, AddressConfiguration config) {
        String account = who.accountSid();
        String service = who.chatServiceSid();
        storage.read(tx -> {
            mayCreate(tx, who);
            return null;
        });
        String sid = ids.sid("CH");
        ConversationService.Changes blank = new ConversationService.Changes(null, null, Attributes.EMPTY, null, null,
                null, null);
        ConversationService.Changes changes = ConversationService.checkedNew(blank.amendedBy(conversations.events()
                .pre().ask(account, "onConversationAdd", tx -> sdk(PreEventHooks.conversationAdd(account, service,
                        blank)))));
        ParticipantService.Creation me = participants.validate(new ParticipantService.Creation(who.identity(), null,
                null, null, null, null));
        ParticipantService.Creation asked = me.amendedBy(conversations.events().pre().ask(account, "onParticipantAdd",
                tx -> PreEventHooks.participantAdd(new PreEventHooks.NewConversation(account, service, sid,
                        changes.messagingServiceSid(), ConversationEvents.SDK), me)));
        return storage.write(tx -> {
            // Two starts at once (two tabs, two nodes): the second waits here, then finds the first's conversation.
            tx.conversationConfig().lockAddress(account, config.sid());
            Optional<Conversation> meanwhile = open(tx, who, config);
            if (meanwhile.isPresent()) {
                return meanwhile.get();
            }
            Conversation created = conversations.createIn(tx, sid, account, service, changes,
                    ConversationState.ACTIVE);
            ConversationEvents events = conversations.events();
            events.conversationAdded(tx, created, ConversationEvents.SDK);
            Participant p = participants.addIn(tx, created, asked);
            events.participantAdded(tx, created, p, ConversationEvents.SDK);
            tx.conversationConfig().recordChatStart(account, config.sid(), who.identity(), created.sid(),
                    created.dateCreated());
            return created;
        });
    }

    /** Refuses (50107) an identity whose service role does not grant {@code createConversation}. */
    private static void mayCreate(Tx tx, ChatIdentity who) {
        Optional<Role> role = tx.users().findByIdentity(who.accountSid(), who.chatServiceSid(), who.identity())
                .map(ConversationUser::roleSid)
                .flatMap(r -> tx.roles().find(who.accountSid(), who.chatServiceSid(), r));
        if (role.isPresent() && !role.get().permissions().contains("createConversation")) {
            throw new ApiException(50107, 403, "User " + who.identity() + " is not authorized to createConversation"
                    + " (permissions: " + String.join(",", role.get().permissions()) + ")");
        }
    }

    /** Twilio's parameters of an API creation, as an SDK client's. */
    private static Map<String, List<String>> sdk(Map<String, List<String>> params) {
        params.put("Source", List.of(ConversationEvents.SDK));
        return params;
    }
}
