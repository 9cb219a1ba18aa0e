package dev.parley.http;

import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.ConversationWithParticipantsService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /conversations/v1/Services} and {@code /conversations/v1/Conversations} (conversations.twilio.com), the
 * latter also under {@code /Services/{ChatServiceSid}}. Like every v1 API, the paths name no account: a call acts on
 * the account whose credentials it carries.
 */
final class ConversationsRoutes {
    private final ChatServiceService services;
    private final ConversationService conversations;
    private final ConversationWithParticipantsService withParticipants;
    private final String publicUrl;

    ConversationsRoutes(ChatServiceService services, ConversationService conversations,
            ConversationWithParticipantsService withParticipants, String publicUrl) {
        this.services = services;
        this.conversations = conversations;
        this.withParticipants = withParticipants;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        String svc = ConversationScope.ROOT + "/Services";
        r.post(svc, this::createService);
        r.get(svc, this::listServices);
        r.get(svc + "/{Sid}", this::fetchService);
        r.delete(svc + "/{Sid}", this::deleteService);
        ConversationScope.crud(r, "/Conversations", new ConversationScope.Crud(
                this::create, this::list, this::fetch, this::update, this::delete));
        ConversationScope.both(r, "POST", "/ConversationWithParticipants", this::createWithParticipants);
    }

    private static String account(Context ctx) {
        return Requests.principal(ctx).account().sid();
    }

    private void createService(Context ctx) {
        Requests.json(ctx, 201, json(services.create(account(ctx), Requests.form(ctx, "FriendlyName"))));
    }

    private void fetchService(Context ctx) {
        Requests.json(ctx, 200, json(services.fetch(account(ctx), ctx.pathParam("Sid"))));
    }

    private void deleteService(Context ctx) {
        services.delete(account(ctx), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void listServices(Context ctx) {
        PageRequest req = Paging.request(ctx, ConversationScope.MAX_PAGE);
        Page<ChatService> page = services.list(account(ctx), req);
        Requests.json(ctx, 200, Paging.pageV1("services", publicUrl, ConversationScope.ROOT + "/Services", Map.of(),
                req, page, page.items().stream().map(this::json).toList()));
    }

    private ConversationScope scope(Context ctx) {
        return ConversationScope.of(ctx, services, publicUrl);
    }

    private static ConversationService.Changes changes(Context ctx) {
        return new ConversationService.Changes(Requests.form(ctx, "FriendlyName"), Requests.form(ctx, "UniqueName"),
                Requests.form(ctx, "Attributes"), Requests.form(ctx, "MessagingServiceSid"),
                Requests.form(ctx, "State"), Requests.form(ctx, "Timers.Inactive"), Requests.form(ctx, "Timers.Closed"));
    }

    private void create(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 201, json(s, conversations.create(s.accountSid(), s.serviceSid(), changes(ctx),
                Requests.webhooksEnabled(ctx))));
    }

    private void createWithParticipants(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 201, json(s, withParticipants.create(s.accountSid(), s.serviceSid(), changes(ctx),
                Requests.formList(ctx, "Participant"), Requests.webhooksEnabled(ctx))));
    }

    private void fetch(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, conversations.fetch(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, conversations.update(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"),
                changes(ctx), Requests.webhooksEnabled(ctx))));
    }

    private void delete(Context ctx) {
        ConversationScope s = scope(ctx);
        conversations.delete(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"), Requests.webhooksEnabled(ctx));
        ctx.status(204);
    }

    private void list(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, ConversationScope.MAX_PAGE);
        String start = ctx.queryParam("StartDate");
        String end = ctx.queryParam("EndDate");
        String state = ctx.queryParam("State");
        ConversationStore.Filter filter = new ConversationStore.Filter(s.serviceSid(),
                DateFilters.instant(start, "StartDate", false), DateFilters.instant(end, "EndDate", true),
                state == null || state.isBlank() ? null : ConversationState.parse(state));
        Page<Conversation> page = conversations.list(s.accountSid(), filter, req);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("StartDate", start);
        filters.put("EndDate", end);
        filters.put("State", state);
        Requests.json(ctx, 200, Paging.pageV1("conversations", publicUrl, s.path(publicUrl, "/Conversations"),
                filters, req, page, page.items().stream().map(c -> json(s, c)).toList()));
    }

    private Map<String, Object> json(ChatService s) {
        String url = publicUrl + ConversationScope.ROOT + "/Services/" + s.sid();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", s.accountSid());
        j.put("sid", s.sid());
        j.put("friendly_name", s.friendlyName());
        j.put("date_created", Wire.iso(s.dateCreated()));
        j.put("date_updated", Wire.iso(s.dateUpdated()));
        j.put("url", url);
        Map<String, Object> links = new LinkedHashMap<>();
        // No bindings: they are push notification bindings, and Parley sends no push notifications.
        for (String link : List.of("conversations", "users", "roles", "configuration",
                "participant_conversations", "conversation_with_participants")) {
            links.put(link, url + "/" + linkPath(link));
        }
        j.put("links", links);
        return j;
    }

    private static String linkPath(String link) {
        return switch (link) {
            case "participant_conversations" -> "ParticipantConversations";
            case "conversation_with_participants" -> "ConversationWithParticipants";
            default -> Character.toUpperCase(link.charAt(0)) + link.substring(1);
        };
    }

    static Map<String, Object> json(ConversationScope s, Conversation c) {
        String url = s.base() + "/Conversations/" + c.sid();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", c.accountSid());
        j.put("chat_service_sid", c.chatServiceSid());
        j.put("messaging_service_sid", c.messagingServiceSid());
        j.put("sid", c.sid());
        j.put("friendly_name", c.friendlyName());
        j.put("unique_name", c.uniqueName());
        j.put("attributes", c.attributes());
        j.put("state", c.state().wire());
        j.put("date_created", Wire.iso(c.dateCreated()));
        j.put("date_updated", Wire.iso(c.dateUpdated()));
        Map<String, Object> timers = new LinkedHashMap<>();
        if (c.timers().dateInactive() != null) {
            timers.put("date_inactive", Wire.iso(c.timers().dateInactive()));
        }
        if (c.timers().dateClosed() != null) {
            timers.put("date_closed", Wire.iso(c.timers().dateClosed()));
        }
        j.put("timers", timers);
        j.put("url", url);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("participants", url + "/Participants");
        links.put("messages", url + "/Messages");
        links.put("webhooks", url + "/Webhooks");
        j.put("links", links);
        j.put("bindings", null);
        return j;
    }
}
