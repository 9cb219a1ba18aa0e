package dev.parley.core.conversation.hook;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.config.AddressConfigurationService;
import dev.parley.core.error.ApiException;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.tx.Storage;
import dev.parley.core.webhook.WebhookFields;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Conversation-scoped webhooks ({@code /Conversations/{Sid}/Webhooks}): create, fetch, list, update, delete; at most
 * {@value #MAX_PER_CONVERSATION} per conversation. A webhook with target {@code webhook} receives the post-event hooks
 * of its conversation its filters name ({@link ConversationEvents}). A refusal writes nothing.
 */
public final class ScopedWebhookService {
    public static final int MAX_PER_CONVERSATION = 5;
    /** Twilio's codes: a sixth webhook, a sixth trigger keyword, a URL past 512 characters. */
    static final int TOO_MANY = 50361;
    static final int TOO_MANY_TRIGGERS = 50362;
    static final int URL_TOO_LONG = 50372;
    private static final Set<String> TARGETS = Set.of("webhook", "trigger", "studio");
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public ScopedWebhookService(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** The configuration as given: null leaves a field as it is (on update); filters and triggers replace the list. */
    public record Changes(String url, String method, List<String> filters, List<String> triggers, String flowSid,
            String replayAfter) {
    }

    public ScopedWebhook create(String accountSid, String chatServiceSid, String conversation, String target,
            Changes c) {
        String t = target == null ? "" : target.strip().toLowerCase(Locale.ROOT);
        if (!TARGETS.contains(t)) {
            throw ApiException.badRequest(20001, "Target must be one of " + TARGETS.stream().sorted().toList()
                    + ", not " + target);
        }
        ScopedWebhook.Settings s = settings(new ScopedWebhook.Settings(null, "POST", List.of(), List.of(), null, null),
                c);
        if (t.equals("webhook") && s.url() == null) {
            throw ApiException.badRequest(20001, "Configuration.Url is required for Target webhook");
        }
        if (t.equals("studio") && s.flowSid() == null) {
            throw ApiException.badRequest(20001, "Configuration.FlowSid is required for Target studio");
        }
        return storage.write(tx -> {
            Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
            int existing = tx.scopedWebhooks().list(accountSid, conv.sid()).size();
            if (existing >= MAX_PER_CONVERSATION) {
                throw ApiException.badRequest(TOO_MANY, "Conversation " + conv.sid() + " already has "
                        + existing + " webhooks, the most it may have");
            }
            Instant now = clock.instant();
            ScopedWebhook w = new ScopedWebhook(ids.sid("WH"), accountSid, conv.sid(), t, s, now, now);
            tx.scopedWebhooks().insert(w);
            return w;
        });
    }

    public ScopedWebhook fetch(String accountSid, String chatServiceSid, String conversation, String sid) {
        return storage.read(tx -> {
            Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
            return tx.scopedWebhooks().find(accountSid, conv.sid(), sid).orElseThrow(() -> notFound(conv, sid));
        });
    }

    public List<ScopedWebhook> list(String accountSid, String chatServiceSid, String conversation) {
        return storage.read(tx -> tx.scopedWebhooks().list(accountSid,
                ConversationService.find(tx, accountSid, chatServiceSid, conversation).sid()));
    }

    public ScopedWebhook update(String accountSid, String chatServiceSid, String conversation, String sid,
            Changes c) {
        return storage.write(tx -> {
            Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
            ScopedWebhook w = tx.scopedWebhooks().find(accountSid, conv.sid(), sid).orElseThrow(() -> notFound(conv,
                    sid));
            ScopedWebhook.Settings s = settings(w.settings(), c);
            if (w.target().equals("webhook") && s.url() == null) {
                throw ApiException.badRequest(20001, "Configuration.Url is required for Target webhook");
            }
            ScopedWebhook updated = new ScopedWebhook(w.sid(), accountSid, w.conversationSid(), w.target(), s,
                    w.dateCreated(), clock.instant());
            tx.scopedWebhooks().update(updated);
            return updated;
        });
    }

    public void delete(String accountSid, String chatServiceSid, String conversation, String sid) {
        storage.writeVoid(tx -> {
            Conversation conv = ConversationService.find(tx, accountSid, chatServiceSid, conversation);
            if (!tx.scopedWebhooks().delete(accountSid, conv.sid(), sid)) {
                throw notFound(conv, sid);
            }
        });
    }

    private static ScopedWebhook.Settings settings(ScopedWebhook.Settings current, Changes c) {
        String url = c.url() == null ? current.url() : c.url().isBlank() ? null : c.url().strip();
        if (url != null && url.length() > 512) {
            throw ApiException.badRequest(URL_TOO_LONG, "Configuration.Url is " + url.length()
                    + " characters long; 512 at most");
        }
        if (url != null && !WebhookFields.isHttpUrl(url)) {
            throw ApiException.badRequest(20001, "Configuration.Url " + url + " is not an absolute http(s) URL");
        }
        String method = current.method();
        if (c.method() != null) {
            method = c.method().strip().toUpperCase(Locale.ROOT);
            if (!method.equals("GET") && !method.equals("POST")) {
                throw ApiException.badRequest(20001, "Configuration.Method must be GET or POST, not " + c.method());
            }
        }
        List<String> filters = c.filters() == null ? current.filters()
                : c.filters().stream().map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
        for (String filter : filters) {
            if (!AddressConfigurationService.FILTERS.contains(filter)) {
                throw ApiException.badRequest(20001, "Configuration.Filters: " + filter + " is not one of "
                        + AddressConfigurationService.FILTERS.stream().sorted().toList());
            }
        }
        List<String> triggers = c.triggers() == null ? current.triggers()
                : c.triggers().stream().map(String::strip).filter(f -> !f.isEmpty()).toList();
        if (triggers.size() > MAX_PER_CONVERSATION) {
            throw ApiException.badRequest(TOO_MANY_TRIGGERS, triggers.size() + " Configuration.Triggers; 5 at most");
        }
        String flow = c.flowSid() == null ? current.flowSid() : c.flowSid().isBlank() ? null : c.flowSid().strip();
        if (flow != null && !flow.matches("FW[0-9a-fA-F]{32}")) {
            throw ApiException.badRequest(20001, "Configuration.FlowSid " + flow + " is not a Studio Flow SID");
        }
        Integer replay = current.replayAfter();
        if (c.replayAfter() != null && !c.replayAfter().isBlank()) {
            try {
                replay = Integer.valueOf(c.replayAfter().strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(20001, "Configuration.ReplayAfter must be an integer, not "
                        + c.replayAfter());
            }
        }
        return new ScopedWebhook.Settings(url, method, filters, triggers, flow, replay);
    }

    private static ApiException notFound(Conversation conv, String sid) {
        return ApiException.notFound("/Conversations/" + conv.sid() + "/Webhooks/" + sid);
    }
}
