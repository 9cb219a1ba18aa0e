package dev.parley.core.conversation;

import dev.parley.core.id.IdGenerator;
import dev.parley.core.inbound.ConversationRouter;
import dev.parley.core.message.Message;
import dev.parley.core.queue.Job;
import dev.parley.core.store.Tx;
import dev.parley.core.webhook.WebhookJob;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inbound order's Conversations step (architecture.md): a received message goes to the open conversation in
 * which its sender talks to this address ({@link ConversationInbound}); failing that, when the address has an
 * {@link AddressConfiguration} with auto-creation enabled, it starts a conversation — in the configured service or
 * the account's default one, with the account's {@link ConversationDefaults} — whose first participant is the sender
 * (proxy address: the configured address) and whose first message is the received one, fanned out as usual. For
 * auto-creation type {@code webhook}, the events named by the filters ({@code onMessageAdded} when none are) are
 * posted to the webhook URL, signed, through the webhook dispatcher. All of it commits with the received message.
 */
public final class AddressAutoCreation implements ConversationRouter {
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

    @Override
    public boolean route(Tx tx, Message received) {
        if (existing.route(tx, received)) {
            return true;
        }
        if (received.group()) {
            // Auto-creation starts a one-to-one conversation through a proxy address; a group MMS is no such thing.
            return false;
        }
        Optional<AddressConfiguration> config = tx.conversationConfig()
                .findByAddress(received.accountSid(), received.to())
                .filter(c -> c.autoCreation().enabled());
        if (config.isEmpty()) {
            return false;
        }
        AddressConfiguration.AutoCreation auto = config.get().autoCreation();
        String account = received.accountSid();
        // Two first texts from one handset on two nodes at once: the second waits here, then finds the first's
        // conversation (one node's single writer serializes them anyway).
        tx.conversationConfig().lockAddress(account, config.get().sid());
        if (existing.route(tx, received)) {
            return true;
        }
        String service = Optional.ofNullable(auto.conversationServiceSid())
                .flatMap(sid -> tx.chatServices().find(account, sid))
                .map(ChatService::sid)
                .orElseGet(() -> ChatServiceService.defaultIn(tx, account, ids, clock.instant()).sid());
        Conversation conversation = conversations.createIn(tx, account, service,
                new ConversationService.Changes(null, null, Attributes.EMPTY, null, null, null, null),
                ConversationState.ACTIVE);
        Participant sender = participants.addIn(tx, conversation, participants.validate(
                new ParticipantService.Creation(null, received.from(), received.to(), null, null, null)));
        // Empty when the account's pre-event hook is to see the message first: it arrives later, if let through.
        Optional<ConversationMessage> first = messages.addFrom(tx, sender, received);
        if ("webhook".equals(auto.type()) && auto.webhookUrl() != null) {
            List<String> events = auto.webhookFilters().isEmpty() ? List.of("onMessageAdded") : auto.webhookFilters();
            String source = sender.binding().type().toUpperCase(java.util.Locale.ROOT);
            if (events.contains("onParticipantAdded")) {
                post(tx, auto, ConversationEvents.participantParams("onParticipantAdded", conversation, sender, source),
                        sender.sid());
            }
            if (events.contains("onMessageAdded") && first.isPresent()) {
                post(tx, auto, ConversationEvents.messageParams("onMessageAdded", conversation, first.get(), source),
                        first.get().sid());
            }
        }
        return true;
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
