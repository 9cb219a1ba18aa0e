package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.hook.ScopedWebhook;
import dev.parley.core.conversation.hook.ScopedWebhookService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /conversations/v1/Conversations/{ConversationSid}/Webhooks} (and under {@code /Services/{ChatServiceSid}}). */
final class ScopedWebhooksRoutes {
    private static final String BASE = "/Conversations/{ConversationSid}/Webhooks";
    private final ChatServiceService services;
    private final ScopedWebhookService webhooks;
    private final String publicUrl;

    ScopedWebhooksRoutes(ChatServiceService services, ScopedWebhookService webhooks, String publicUrl) {
        this.services = services;
        this.webhooks = webhooks;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        ConversationScope.crud(r, BASE, new ConversationScope.Crud(
                this::create, this::list, this::fetch, this::update, this::delete));
    }

    private ConversationScope scope(Context ctx) {
        return ConversationScope.of(ctx, services, publicUrl);
    }

    private static ScopedWebhookService.Changes changes(Context ctx) {
        List<String> filters = Requests.formList(ctx, "Configuration.Filters");
        List<String> triggers = Requests.formList(ctx, "Configuration.Triggers");
        return new ScopedWebhookService.Changes(Requests.form(ctx, "Configuration.Url"),
                Requests.form(ctx, "Configuration.Method"), filters.isEmpty() ? null : filters,
                triggers.isEmpty() ? null : triggers, Requests.form(ctx, "Configuration.FlowSid"),
                Requests.form(ctx, "Configuration.ReplayAfter"));
    }

    private void create(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 201, json(s, webhooks.create(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), Requests.form(ctx, "Target"), changes(ctx))));
    }

    private void fetch(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, webhooks.fetch(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, webhooks.update(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"), changes(ctx))));
    }

    private void delete(Context ctx) {
        ConversationScope s = scope(ctx);
        webhooks.delete(s.accountSid(), s.serviceSid(), ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    /** At most five per conversation: read whole, then sliced to the page asked for. */
    private void list(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, ConversationScope.MAX_PAGE);
        String conversation = ctx.pathParam("ConversationSid");
        Page<ScopedWebhook> page = Page.slice(webhooks.list(s.accountSid(), s.serviceSid(), conversation), req);
        Requests.json(ctx, 200, Paging.pageV1("webhooks", publicUrl,
                s.path(publicUrl, "/Conversations/" + conversation + "/Webhooks"), Map.of(), req, page,
                page.items().stream().map(w -> json(s, w)).toList()));
    }

    private static Map<String, Object> json(ConversationScope s, ScopedWebhook w) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", w.sid());
        j.put("account_sid", w.accountSid());
        j.put("conversation_sid", w.conversationSid());
        j.put("target", w.target());
        j.put("url", s.base() + "/Conversations/" + w.conversationSid() + "/Webhooks/" + w.sid());
        ScopedWebhook.Settings c = w.settings();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", c.url());
        config.put("method", c.method());
        config.put("filters", c.filters());
        config.put("triggers", c.triggers());
        config.put("flow_sid", c.flowSid());
        config.put("replay_after", c.replayAfter());
        j.put("configuration", config);
        j.put("date_created", Wire.iso(w.dateCreated()));
        j.put("date_updated", Wire.iso(w.dateUpdated()));
        return j;
    }
}
