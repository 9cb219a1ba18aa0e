package dev.parley.core.conversation.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.account.Account;
import dev.parley.core.conversation.Attributes;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.config.AddressAutoCreation;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.conversation.user.ConversationUser;
import dev.parley.core.conversation.user.UserService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.core.webhook.WebhookDelivery;
import dev.parley.core.webhook.WebhookDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pre-event hooks ({@code onMessageAdd}, {@code onConversationAdd}, {@code onParticipantAdd}… — the events without
 * "ed"): before an action is committed, the {@code PreWebhookUrl} of its Conversation Service's configuration (the
 * account's for the default service) is asked about it, synchronously, with Twilio's 5 s budget and no transaction
 * open. A 2xx lets the action go on, changed by the fields of a JSON object
 * answer ({@code body}, {@code author}, {@code attributes}, {@code friendly_name}…); any other answer rejects it
 * ({@link #REJECTED}) and an answer that does not come in time fails it ({@link #TIMED_OUT}), both before anything is
 * written. Every call is recorded in the webhook delivery log. As for post-event hooks ({@link ConversationEvents}),
 * a REST action asks only when it carried {@code X-Twilio-Webhook-Enabled: true}; the caller decides.
 */
public final class PreEventHooks {
    /** Twilio's limit for a Conversations webhook answer. */
    public static final Duration BUDGET = Duration.ofSeconds(5);
    /** Code and status of an action the hook refused (a non-2xx answer, or none at all). */
    static final int REJECTED = 20403;
    /** Code of an action whose hook did not answer within {@link #BUDGET}. */
    static final int TIMED_OUT = 50076;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Storage storage;
    private final WebhookClient client;
    private final IdGenerator ids;
    private final Clock clock;

    /** @param client a client whose timeout is {@link #BUDGET} */
    public PreEventHooks(Storage storage, WebhookClient client, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.client = client;
        this.ids = ids;
        this.clock = clock;
    }

    /** What the hook asked to change: the fields of its JSON answer, as strings (objects as JSON text). */
    public record Verdict(Map<String, String> changes) {
        static final Verdict UNCHANGED = new Verdict(Map.of());

        /** The hook's value for {@code field}, else {@code given}. */
        public String or(String field, String given) {
            return changes.getOrDefault(field, given);
        }
    }

    /**
     * Whether the configuration of service {@code chatServiceSid} sends any of {@code events} to a pre-event hook: read
     * once, inside {@code tx}.
     */
    public static boolean wanted(Tx tx, String accountSid, String chatServiceSid, String... events) {
        WebhookConfiguration config = ConversationEvents.configuration(tx, accountSid, chatServiceSid);
        return Arrays.stream(events).anyMatch(config::asks);
    }

    /**
     * Asks the pre-event hook of the event's service about {@code event} when that service's configuration selects it;
     * {@code params} builds Twilio's parameters inside a read transaction (and may refuse the action first, as the
     * action itself would). The service is the one the parameters name ({@code ChatServiceSid}), so they are built
     * before the configuration is read.
     *
     * @throws ApiException when the hook rejects the action or does not answer in time
     */
    public Verdict ask(String accountSid, String event, Function<Tx, Map<String, List<String>>> params) {
        Optional<WebhookClient.Request> call = storage.read(tx -> {
            Map<String, List<String>> p = params.apply(tx);
            WebhookConfiguration config = ConversationEvents.configuration(tx, accountSid,
                    ConversationEvents.service(p));
            if (!config.asks(event)) {
                return Optional.empty();
            }
            String token = tx.accounts().find(accountSid).map(Account::authToken).orElseThrow();
            return Optional.of(new WebhookClient.Request(config.preWebhookUrl(), config.method(), p, token,
                    ids.sid("WD")));
        });
        if (call.isEmpty()) {
            return Verdict.UNCHANGED;
        }
        WebhookClient.Request request = call.get();
        WebhookClient.Result result = client.call(request);
        storage.writeVoid(tx -> tx.webhookLog().insert(new WebhookDelivery(request.idempotencyToken(), accountSid,
                null, "conversations-" + event, null, request.url(), request.method(), 1, result.status(),
                result.latencyMillis(), result.excerpt(WebhookDispatcher.EXCERPT), result.error(),
                result.success() ? "delivered" : "failed", clock.instant())));
        if (result.timedOut()) {
            // A 4xx: Twilio's SDKs repeat a request answered with a 5xx, and each repeat would wait out the budget again.
            throw new ApiException(TIMED_OUT, 400, "Webhook failed to execute successfully due to timeout");
        }
        if (!result.success()) {
            throw new ApiException(REJECTED, 403, "Webhook cancelled processing of command");
        }
        return new Verdict(changes(result.body()));
    }

    /** onConversationAdd: the conversation about to be created, as given. */
    public static Map<String, List<String>> conversationAdd(String accountSid, String chatServiceSid,
            ConversationService.Changes c) {
        Map<String, List<String>> p = ConversationEvents.header("onConversationAdd", ConversationEvents.API, accountSid,
                chatServiceSid);
        put(p, "MessagingServiceSid", c.messagingServiceSid());
        put(p, "FriendlyName", c.friendlyName());
        put(p, "UniqueName", c.uniqueName());
        put(p, "Attributes", c.attributes());
        put(p, "State", c.state());
        return p;
    }

    /**
     * onConversationAdd for a conversation a handset's message starts (address auto-creation): the conversation as it
     * would be, the handset's and the proxy address, and the message's body, with {@code Source} SMS or WHATSAPP.
     */
    public static Map<String, List<String>> conversationAdd(String chatServiceSid, ConversationService.Changes c,
            dev.parley.core.message.Message received) {
        Map<String, List<String>> p = ConversationEvents.header("onConversationAdd",
                AddressAutoCreation.source(received), received.accountSid(), chatServiceSid);
        put(p, "FriendlyName", c.friendlyName());
        put(p, "UniqueName", c.uniqueName());
        put(p, "Attributes", c.attributes());
        put(p, "State", c.state());
        put(p, "MessagingBinding.Address", received.from());
        put(p, "MessagingBinding.ProxyAddress", received.to());
        put(p, "MessageBody", received.body());
        return p;
    }

    /** onConversationUpdate: the conversation with the values asked for in place of its own. */
    public static Map<String, List<String>> conversationUpdate(Conversation current, ConversationService.Changes c) {
        Map<String, List<String>> p = ConversationEvents.conversationParams("onConversationUpdate", current,
                ConversationEvents.API);
        put(p, "MessagingServiceSid", c.messagingServiceSid());
        put(p, "FriendlyName", c.friendlyName());
        put(p, "UniqueName", c.uniqueName());
        put(p, "Attributes", c.attributes());
        put(p, "State", c.state());
        return p;
    }

    /** onParticipantAdd: the participant about to be added, as given (validated). */
    public static Map<String, List<String>> participantAdd(Conversation conv, ParticipantService.Creation c) {
        Map<String, List<String>> p = ConversationEvents.common("onParticipantAdd", conv, ConversationEvents.API);
        ConversationEvents.putParticipant(p, c.identity(), c.roleSid(), new Participant.Binding(c.address(),
                c.proxyAddress(), c.projectedAddress()), c.attributes());
        return p;
    }

    /** A conversation about to be created, as the hooks about its first participants are told of it. */
    public record NewConversation(String accountSid, String chatServiceSid, String sid, String messagingServiceSid,
            String source) {
    }

    /** onParticipantAdd for a participant of a conversation not created yet: the SID it will have. */
    public static Map<String, List<String>> participantAdd(NewConversation conv, ParticipantService.Creation c) {
        Map<String, List<String>> p = ConversationEvents.header("onParticipantAdd", conv.source(), conv.accountSid(),
                conv.chatServiceSid());
        put(p, "ConversationSid", conv.sid());
        put(p, "MessagingServiceSid", conv.messagingServiceSid());
        ConversationEvents.putParticipant(p, c.identity(), c.roleSid(), new Participant.Binding(c.address(),
                c.proxyAddress(), c.projectedAddress()), c.attributes());
        return p;
    }

    /** onParticipantUpdate: the participant with the values asked for in place of its own. */
    public static Map<String, List<String>> participantUpdate(Conversation conv, Participant current,
            ParticipantService.Changes c) {
        Map<String, List<String>> p = ConversationEvents.participantParams("onParticipantUpdate", conv, current,
                ConversationEvents.API);
        put(p, "Identity", c.identity());
        put(p, "RoleSid", c.roleSid());
        put(p, "Attributes", c.attributes());
        return p;
    }

    /** onMessageAdd: the message about to be added (it has no SID or index yet). */
    public static Map<String, List<String>> messageAdd(Tx tx, Conversation conv, String author, String participantSid,
            ConversationMessageService.Draft d, String source) {
        Map<String, List<String>> p = ConversationEvents.common("onMessageAdd", conv, source);
        put(p, "Author", author);
        put(p, "ParticipantSid", participantSid);
        put(p, "Body", d.body());
        put(p, "Attributes", d.attributes());
        put(p, "Media", ConversationEvents.media(tx, conv.accountSid(), d.mediaSids()));
        return p;
    }

    /** onMessageUpdate: the message with the values asked for in place of its own. */
    public static Map<String, List<String>> messageUpdate(Conversation conv, ConversationMessage current,
            ConversationMessageService.Edit e, String source) {
        Map<String, List<String>> p = ConversationEvents.messageParams("onMessageUpdate", conv, current, source);
        put(p, "Author", e.author());
        put(p, "Body", e.body());
        put(p, "Attributes", e.attributes());
        return p;
    }

    /** onUserUpdate: the user with the values asked for in place of its own. */
    public static Map<String, List<String>> userUpdate(ConversationUser current, UserService.Fields f) {
        Map<String, List<String>> p = ConversationEvents.userParams("onUserUpdate", current, ConversationEvents.API);
        put(p, "FriendlyName", f.friendlyName());
        put(p, "Attributes", f.attributes());
        put(p, "RoleSid", f.roleSid());
        return p;
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        ConversationEvents.put(params, name, value);
    }

    /** The fields of a JSON object answer; anything else (an empty body, text) changes nothing. */
    private static Map<String, String> changes(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
        if (answer == null || !answer.isObject()) {
            return Map.of();
        }
        Map<String, String> changes = new LinkedHashMap<>();
        answer.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                changes.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        });
        return changes;
    }
}
