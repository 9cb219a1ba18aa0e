package dev.parley.core.conversation.config;

import dev.parley.core.conversation.Attributes;
import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationInbound;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.hook.ConversationEvents;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.inbound.ConversationRouter;
import dev.parley.core.message.Message;
import dev.parley.core.queue.Job;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookJob;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound order's Conversations step (architecture.md): a received message goes to the open conversation in
 * which its sender talks to this address ({@link ConversationInbound}); failing that, when the address has an
 * {@link AddressConfiguration} with auto-creation enabled, it starts a conversation — in the configured service or
 * the account's default one, with the account's {@link ConversationDefaults} — whose first participant is the sender
 * (proxy address: the configured address) and whose first message is the received one, fanned out as usual.
 *
 * <p>As on Twilio, the creation goes through the account's Conversations webhooks with {@code Source} SMS or WHATSAPP:
 * onConversationAdded, onParticipantAdded and onMessageAdded are posted with it, and the pre-event hooks
 * onConversationAdd, onParticipantAdd and onMessageAdd are asked first when the configuration names them. A hook is
 * never called with a transaction open (ADR 0014): when onConversationAdd or onParticipantAdd is to be asked, the
 * received message commits with an {@link AutoCreationHookHandler} job instead, which asks them and creates the
 * conversation as they let it through (a refusal keeps the message out of any conversation; the Message itself was
 * received all the same); otherwise all of it commits with the received message (ADR 0012). The first message goes
 * through onMessageAdd as any handset's message does ({@link ConversationMessageService#addFrom}).
 *
 * <p>For auto-creation type {@code webhook}, the events named by the filters ({@code onMessageAdded} when none are)
 * are also posted to the configuration's webhook URL, signed, through the webhook dispatcher.
 */
public final class AddressAutoCreation implements ConversationRouter {
    private static final Logger log = LoggerFactory.getLogger(AddressAutoCreation.class);
    private final ConversationInbound existing;
    private final ConversationService conversations;
    private final ParticipantService participants;
    private final ConversationMessageService messages;
    private final IdGenerator ids;
    private final Clock clock;
    private final int webhookAttempts;

    /** The services auto-creation acts through: the same the API uses. */
    public record Parts(ConversationService conversations, ParticipantService participants,
            ConversationMessageService messages) {
    }

    public AddressAutoCreation(Parts parts, IdGenerator ids, Clock clock, int webhookAttempts) {
        this.existing = new ConversationInbound(parts.messages());
        this.conversations = parts.conversations();
        this.participants = parts.participants();
        this.messages = parts.messages();
        this.ids = ids;
        this.clock = clock;
        this.webhookAttempts = webhookAttempts;
    }

    /** What the pre-event hooks let through: the conversation (SID, service, changes) and its first participant. */
    record Asked(String conversationSid, String chatServiceSid, ConversationService.Changes changes,
            ParticipantService.Creation sender) {
    }

    @Override
    public boolean route(Tx tx, Message received) {
        if (existing.route(tx, received)) {
            return true;
        }
        if (received.group()) {
            // Auto-creation starts a one-to-one conversation through a proxy address; a group MMS is no such thing.
            return false;
        }
        Optional<AddressConfiguration> config = configuration(tx, received);
        if (config.isEmpty()) {
            return false;
        }
        String account = received.accountSid();
        // Two first texts from one handset on two nodes at once: the second waits here, then finds the first's
        // conversation (one node's single writer serializes them anyway).
        tx.conversationConfig().lockAddress(account, config.get().sid());
        if (existing.route(tx, received)) {
            return true;
        }
        String service = Optional.ofNullable(config.get().autoCreation().conversationServiceSid())
                .flatMap(sid -> tx.chatServices().find(account, sid))
                .map(ChatService::sid)
                .orElseGet(() -> ChatServiceService.defaultIn(tx, account, ids, clock.instant()).sid());
        if (PreEventHooks.wanted(tx, account, service, "onConversationAdd", "onParticipantAdd")) {
            Instant now = clock.instant();
            tx.jobs().enqueue(Job.create(ids.sid("JB"), account, AutoCreationHookHandler.KIND,
                    AutoCreationHookHandler.payload(received, service), now, webhookAttempts, now));
            return true;
        }
        start(tx, received, config.get(), new Asked(ids.sid("CH"), service, blank(), sender(received)));
        return true;
    }

    /** The enabled auto-creation configuration of the address {@code received} was sent to, if any. */
    static Optional<AddressConfiguration> configuration(Tx tx, Message received) {
        return tx.conversationConfig().findByAddress(received.accountSid(), received.to())
                .filter(c -> c.autoCreation().enabled() && !c.type().equals("chat"));
    }

    /** An auto-created conversation as it starts: no name, empty attributes, active. */
    static ConversationService.Changes blank() {
        return new ConversationService.Changes(null, null, Attributes.EMPTY, null, null, null, null);
    }

    /** The participant of the handset that sent {@code received}, validated. */
    ParticipantService.Creation sender(Message received) {
        return participants.validate(new ParticipantService.Creation(null, received.from(), received.to(), null,
                null, null));
    }

    /** The {@code Source} of the events of a conversation {@code received} starts: SMS or WHATSAPP. */
    public static String source(Message received) {
        return new Participant.Binding(received.from(), received.to(), null).type().toUpperCase(Locale.ROOT);
    }

    /**
     * Creates, inside the job's transaction, the conversation the pre-event hooks let through — unless the handset
     * has meanwhile got a conversation on this address (another of its texts started one first: the message joins
     * it), or the configuration was disabled, or the hook's unique name is taken (the message then stays out).
     */
    void createAsked(Tx tx, Message received, Asked asked) {
        Optional<AddressConfiguration> config = configuration(tx, received);
        if (config.isEmpty()) {
            log.info("message {} not auto-created into a conversation: the address configuration of {} is gone",
                    received.sid(), received.to());
            return;
        }
        tx.conversationConfig().lockAddress(received.accountSid(), config.get().sid());
        if (existing.route(tx, received)) {
            return;
        }
        String uniqueName = asked.changes().uniqueName();
        if (tx.chatServices().find(received.accountSid(), asked.chatServiceSid()).isEmpty() || uniqueName != null
                && tx.conversations().findByUniqueName(received.accountSid(), asked.chatServiceSid(), uniqueName)
                        .isPresent()) {
            log.info("message {} not auto-created into a conversation: service {} gone or unique name {} taken",
                    received.sid(), asked.chatServiceSid(), uniqueName);
            return;
        }
        start(tx, received, config.get(), asked);
    }

    /** The conversation, its participant and first message, with their post-event hooks. */
    private void start(Tx tx, Message received, AddressConfiguration config, Asked asked) {
        AddressConfiguration.AutoCreation auto = config.autoCreation();
        String account = received.accountSid();
        String source = source(received);
        ConversationEvents events = conversations.events();
        Conversation conversation = conversations.createIn(tx, asked.conversationSid(), account,
                asked.chatServiceSid(), asked.changes(), ConversationState.ACTIVE);
        events.conversation(tx, "onConversationAdded", conversation, source);
        Participant sender = participants.addIn(tx, conversation, asked.sender());
        events.participantAdded(tx, conversation, sender, source);
        // Empty when the account's pre-event hook is to see the message first: it arrives later, if let through.
        Optional<ConversationMessage> first = messages.addFrom(tx, sender, received);
        if ("webhook".equals(auto.type()) && auto.webhookUrl() != null) {
            List<String> wanted = auto.webhookFilters().isEmpty() ? List.of("onMessageAdded") : auto.webhookFilters();
            if (wanted.contains("onParticipantAdded")) {
                post(tx, auto, ConversationEvents.participantParams("onParticipantAdded", conversation, sender, source),
                        sender.sid());
            }
            if (wanted.contains("onMessageAdded") && first.isPresent()) {
                post(tx, auto, ConversationEvents.messageParams("onMessageAdded", conversation, first.get(), source),
                        first.get().sid());
            }
        }
    }

    private void post(Tx tx, AddressConfiguration.AutoCreation auto, Map<String, List<String>> params,
            String subjectSid) {
        Instant now = clock.instant();
        String purpose = "conversations-" + params.get("EventType").getFirst();
        WebhookJob hook = new WebhookJob(auto.webhookUrl(), auto.webhookMethod() == null ? "POST"
                : auto.webhookMethod(), params, purpose, subjectSid);
        tx.jobs().enqueue(Job.create(ids.sid("JB"), params.get("AccountSid").getFirst(), WebhookJob.KIND,
                hook.toJson(), now, webhookAttempts, now));
    }
}
