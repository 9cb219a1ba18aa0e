package dev.parley.core.conversation.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.conversation.Attributes;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.user.ConversationUser;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.queue.Job;
import dev.parley.core.tx.Tx;
import dev.parley.core.webhook.WebhookJob;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-event hooks to the webhook configuration of the event's Conversation Service ({@link WebhookConfiguration}:
 * the account's for its default service, the service's own for another): called inside the
 * transaction of the change, an event the configuration's filters select becomes a {@link WebhookJob} committed with
 * it (durable, retried, signed and logged by the webhook dispatcher). As on Twilio, an action taken through the REST
 * API fires hooks only when the call carried {@code X-Twilio-Webhook-Enabled: true}; one from a channel (an SMS from a
 * participant's handset) always does — the caller says which with {@code fire}.
 */
public final class ConversationEvents {
    private static final ObjectMapper MEDIA_JSON = new ObjectMapper();
    /** Source of an event coming from the REST API. */
    public static final String API = "API";
    /**
     * Source of an event a chat identity caused itself over its web-chat connection; as for Twilio's SDK clients, its
     * hooks always fire.
     */
    public static final String SDK = "SDK";
    private final IdGenerator ids;
    private final Clock clock;
    private final int attempts;
    private final PreEventHooks pre;

    public ConversationEvents(IdGenerator ids, Clock clock, int attempts, PreEventHooks pre) {
        this.ids = ids;
        this.clock = clock;
        this.attempts = attempts;
        this.pre = pre;
    }

    /** The pre-event hooks, asked before an action (the post-event ones here are sent after it). */
    public PreEventHooks pre() {
        return pre;
    }

    /** The account's configuration (its default service's), the unset one when it never saved any. */
    static WebhookConfiguration configuration(Tx tx, String accountSid) {
        return tx.conversationConfig().webhooks(accountSid).orElseGet(() -> WebhookConfiguration.none(accountSid));
    }

    /**
     * The configuration the hooks of service {@code chatServiceSid} follow: the account's for its default service
     * (and when no service is named), else the service's own; the unset one when that was never saved.
     */
    static WebhookConfiguration configuration(Tx tx, String accountSid, String chatServiceSid) {
        if (chatServiceSid == null) {
            return configuration(tx, accountSid);
        }
        return tx.conversationConfig().webhooksFor(accountSid, chatServiceSid)
                .orElseGet(() -> WebhookConfiguration.none(accountSid));
    }

    /** The service an event's parameters name ({@code ChatServiceSid}), null when none. */
    static String service(Map<String, List<String>> params) {
        List<String> service = params.get("ChatServiceSid");
        return service == null || service.isEmpty() ? null : service.getFirst();
    }

    public void conversationAdded(Tx tx, Conversation c, String source) {
        conversation(tx, "onConversationAdded", c, source);
    }

    /** onConversationAdded, onConversationUpdated or onConversationRemoved. */
    public void conversation(Tx tx, String event, Conversation c, String source) {
        post(tx, conversationParams(event, c, source), c.sid());
    }

    /** Twilio's parameters of a conversation event. */
    public static Map<String, List<String>> conversationParams(String event, Conversation c, String source) {
        Map<String, List<String>> p = common(event, c, source);
        put(p, "FriendlyName", c.friendlyName());
        put(p, "UniqueName", c.uniqueName());
        put(p, "Attributes", c.attributes());
        put(p, "State", c.state().wire());
        put(p, "DateCreated", iso(c.dateCreated()));
        put(p, "DateUpdated", iso(c.dateUpdated()));
        return p;
    }

    public void participantAdded(Tx tx, Conversation c, Participant added, String source) {
        participant(tx, "onParticipantAdded", c, added, source);
    }

    /** onParticipantAdded, onParticipantUpdated or onParticipantRemoved. */
    public void participant(Tx tx, String event, Conversation c, Participant added, String source) {
        post(tx, participantParams(event, c, added, source), added.sid());
    }

    /** Twilio's parameters of a participant event (also posted by address auto-creation). */
    public static Map<String, List<String>> participantParams(String event, Conversation c, Participant added,
            String source) {
        Map<String, List<String>> p = common(event, c, source);
        put(p, "ParticipantSid", added.sid());
        putParticipant(p, added.identity(), added.roleSid(), added.binding(), added.attributes());
        put(p, "DateCreated", iso(added.dateCreated()));
        if (!"onParticipantAdded".equals(event)) {
            put(p, "DateUpdated", iso(added.dateUpdated()));
        }
        return p;
    }

    /** A participant's own parameters: identity, role, messaging binding and attributes. */
    static void putParticipant(Map<String, List<String>> p, String identity, String roleSid, Participant.Binding b,
            String attributes) {
        put(p, "Identity", identity);
        put(p, "RoleSid", roleSid);
        put(p, "MessagingBinding.Type", b.type());
        put(p, "MessagingBinding.Address", b.address());
        put(p, "MessagingBinding.ProxyAddress", b.proxyAddress());
        put(p, "MessagingBinding.ProjectedAddress", b.projectedAddress());
        put(p, "Attributes", attributes);
    }

    public void messageAdded(Tx tx, Conversation c, ConversationMessage m, String source) {
        message(tx, "onMessageAdded", c, m, source);
    }

    /** onMessageAdded, onMessageUpdated or onMessageRemoved. */
    public void message(Tx tx, String event, Conversation c, ConversationMessage m, String source) {
        Map<String, List<String>> params = messageParams(event, c, m, source);
        put(params, "Media", media(tx, c.accountSid(), m.mediaSids()));
        post(tx, params, m.sid());
    }

    /** Twilio's parameters of a message event (also posted by address auto-creation). */
    public static Map<String, List<String>> messageParams(String event, Conversation c, ConversationMessage m,
            String source) {
        Map<String, List<String>> p = common(event, c, source);
        put(p, "MessageSid", m.sid());
        put(p, "Index", String.valueOf(m.index()));
        put(p, "Author", m.author());
        put(p, "ParticipantSid", m.participantSid());
        put(p, "Body", m.body());
        put(p, "Attributes", m.attributes());
        put(p, "DateCreated", iso(m.dateCreated()));
        if (!"onMessageAdded".equals(event)) {
            put(p, "DateUpdated", iso(m.dateUpdated()));
        }
        put(p, "Media", media(m.mediaSids()));
        return p;
    }

    /** The {@code Media} parameter: a JSON array of {@code {"Sid": …}}, null when there are none. */
    static String media(List<String> mediaSids) {
        return mediaSids.isEmpty() ? null : mediaSids.stream().map(sid -> "{\"Sid\":\"" + sid + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /**
     * The {@code Media} parameter with what is known of each media: {@code Sid}, {@code Filename},
     * {@code ContentType}, {@code Size}, {@code Category}, in the message's order; null when there are none.
     */
    static String media(Tx tx, String accountSid, List<String> mediaSids) {
        if (mediaSids.isEmpty()) {
            return null;
        }
        Map<String, ConversationMedia> found = new HashMap<>();
        tx.conversationMedia().all(accountSid, mediaSids).forEach(m -> found.put(m.sid(), m));
        List<Map<String, Object>> described = new ArrayList<>();
        for (String sid : mediaSids) {
            ConversationMedia m = found.get(sid);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Sid", sid);
            item.put("Filename", m == null ? null : m.filename());
            item.put("ContentType", m == null ? null : m.contentType());
            item.put("Size", m == null ? null : m.size());
            item.put("Category", "media");
            described.add(item);
        }
        try {
            return MEDIA_JSON.writeValueAsString(described);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** onUserAdded or onUserUpdated: service-wide only (a user belongs to no conversation). */
    public void user(Tx tx, String event, ConversationUser u, String source) {
        post(tx, userParams(event, u, source), u.sid());
    }

    /** Twilio's parameters of a user event. */
    static Map<String, List<String>> userParams(String event, ConversationUser u, String source) {
        Map<String, List<String>> p = header(event, source, u.accountSid(), u.chatServiceSid());
        put(p, "UserSid", u.sid());
        put(p, "Identity", u.identity());
        put(p, "FriendlyName", u.friendlyName());
        put(p, "Attributes", u.attributes());
        put(p, "RoleSid", u.roleSid());
        put(p, "DateCreated", iso(u.dateCreated()));
        put(p, "DateUpdated", iso(u.dateUpdated()));
        return p;
    }

    /** onDeliveryUpdated: a receipt moved with its Messaging-layer message (fires whatever started the message). */
    public void deliveryUpdated(Tx tx, DeliveryReceipt r) {
        tx.conversations().find(r.accountSid(), r.conversationSid()).ifPresent(c -> {
            Map<String, List<String>> p = common("onDeliveryUpdated", c, null);
            put(p, "MessageSid", r.messageSid());
            put(p, "DeliveryReceiptSid", r.sid());
            put(p, "ChannelMessageSid", r.channelMessageSid());
            put(p, "ParticipantSid", r.participantSid());
            put(p, "Status", r.status() == null ? null : r.status().wire());
            put(p, "ErrorCode", String.valueOf(r.errorCode()));
            put(p, "DateCreated", iso(r.dateCreated()));
            put(p, "DateUpdated", iso(r.dateUpdated()));
            post(tx, p, r.sid());
        });
    }

    /** The parameters every event begins with. */
    static Map<String, List<String>> header(String event, String source, String accountSid, String chatServiceSid) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        put(p, "EventType", event);
        put(p, "Source", source);
        put(p, "RetryCount", "0");
        put(p, "WebhookType", "webhook");
        put(p, "AccountSid", accountSid);
        put(p, "ChatServiceSid", chatServiceSid);
        return p;
    }

    /** The parameters of every event about conversation {@code c}. */
    static Map<String, List<String>> common(String event, Conversation c, String source) {
        Map<String, List<String>> p = header(event, source, c.accountSid(), c.chatServiceSid());
        put(p, "ConversationSid", c.sid());
        put(p, "MessagingServiceSid", c.messagingServiceSid());
        return p;
    }

    private void post(Tx tx, Map<String, List<String>> params, String subjectSid) {
        String account = params.get("AccountSid").getFirst();
        String event = params.get("EventType").getFirst();
        WebhookConfiguration config = configuration(tx, account, service(params));
        if (config.posts(event)) {
            enqueue(tx, new WebhookJob(config.postWebhookUrl(), config.method(), params, "conversations-" + event,
                    subjectSid));
        }
        // The conversation's own webhooks get the event too, marked as theirs.
        List<String> conversation = params.get("ConversationSid");
        if (conversation == null) {
            return;
        }
        for (ScopedWebhook scoped : tx.scopedWebhooks().list(account, conversation.getFirst())) {
            if (scoped.posts(event)) {
                Map<String, List<String>> own = new LinkedHashMap<>(params);
                own.put("WebhookSid", List.of(scoped.sid()));
                own.put("WebhookType", List.of("webhook"));
                enqueue(tx, new WebhookJob(scoped.settings().url(), scoped.settings().method(), own,
                        "conversations-" + event, subjectSid));
            }
        }
    }

    private void enqueue(Tx tx, WebhookJob hook) {
        Instant now = clock.instant();
        String account = hook.params().get("AccountSid").getFirst();
        tx.jobs().enqueue(Job.create(ids.sid("JB"), account, WebhookJob.KIND, hook.toJson(), now, attempts, now));
    }

    /** Sets {@code name} to {@code value}, unless that is null. */
    static void put(Map<String, List<String>> params, String name, String value) {
        if (value != null) {
            params.put(name, List.of(value));
        }
    }

    private static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }
}
