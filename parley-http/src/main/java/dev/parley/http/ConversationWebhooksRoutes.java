package dev.parley.http;

import dev.parley.core.conversation.hook.ConversationWebhookService;
import dev.parley.core.conversation.hook.WebhookConfiguration;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /conversations/v1/Configuration/Webhooks}: the account's service-wide webhook configuration (pre- and
 * post-event URLs, method, filters, target), fetched and updated by the account whose credentials the call carries.
 */
final class ConversationWebhooksRoutes {
    private static final String PATH = ConversationScope.ROOT + "/Configuration/Webhooks";
    private final ConversationWebhookService webhooks;
    private final String publicUrl;

    ConversationWebhooksRoutes(ConversationWebhookService webhooks, String publicUrl) {
        this.webhooks = webhooks;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.get(PATH, this::fetch);
        r.post(PATH, this::update);
    }

    private static String account(Context ctx) {
        return Requests.principal(ctx).account().sid();
    }

    private void fetch(Context ctx) {
        Requests.json(ctx, 200, json(webhooks.fetch(account(ctx))));
    }

    private void update(Context ctx) {
        List<String> filters = Requests.formList(ctx, "Filters");
        Requests.json(ctx, 200, json(webhooks.update(account(ctx), new ConversationWebhookService.Changes(
                Requests.form(ctx, "PreWebhookUrl"), Requests.form(ctx, "PostWebhookUrl"),
                Requests.form(ctx, "Method"), filters.isEmpty() ? null : filters, Requests.form(ctx, "Target")))));
    }

    private Map<String, Object> json(WebhookConfiguration w) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", w.accountSid());
        j.put("method", w.method());
        j.put("filters", w.filters());
        j.put("pre_webhook_url", w.preWebhookUrl());
        j.put("post_webhook_url", w.postWebhookUrl());
        j.put("target", w.target());
        j.put("url", publicUrl + PATH);
        return j;
    }
}
