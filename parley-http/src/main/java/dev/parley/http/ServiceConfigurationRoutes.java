package dev.parley.http;

import dev.parley.core.conversation.config.ServiceNotificationService;
import dev.parley.core.conversation.config.ServiceNotifications;
import dev.parley.core.conversation.hook.ConversationWebhookService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /conversations/v1/Services/{ChatServiceSid}/Configuration/Webhooks} (the service's pre- and post-event hooks:
 * its conversations' hooks go there) and {@code …/Configuration/Notifications} (its push notification settings, kept
 * as given: Parley sends no push), fetched and updated by the account whose credentials the call carries.
 */
final class ServiceConfigurationRoutes {
    private static final String CONFIGURATION = ConversationScope.SCOPED + "/Configuration";
    private final ConversationWebhookService webhooks;
    private final ServiceNotificationService notifications;
    private final String publicUrl;

    ServiceConfigurationRoutes(ConversationWebhookService webhooks, ServiceNotificationService notifications,
            String publicUrl) {
        this.webhooks = webhooks;
        this.notifications = notifications;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.get(CONFIGURATION + "/Webhooks", this::fetchWebhooks);
        r.post(CONFIGURATION + "/Webhooks", this::updateWebhooks);
        r.get(CONFIGURATION + "/Notifications", this::fetchNotifications);
        r.post(CONFIGURATION + "/Notifications", this::updateNotifications);
    }

    private static String account(Context ctx) {
        return Requests.principal(ctx).account().sid();
    }

    private void fetchWebhooks(Context ctx) {
        Requests.json(ctx, 200, json(webhooks.fetchService(account(ctx), ctx.pathParam("ChatServiceSid"))));
    }

    private void updateWebhooks(Context ctx) {
        List<String> filters = Requests.formList(ctx, "Filters");
        Requests.json(ctx, 200, json(webhooks.updateService(account(ctx), ctx.pathParam("ChatServiceSid"),
                new ConversationWebhookService.Changes(Requests.form(ctx, "PreWebhookUrl"),
                        Requests.form(ctx, "PostWebhookUrl"), Requests.form(ctx, "Method"),
                        filters.isEmpty() ? null : filters, null))));
    }

    private void fetchNotifications(Context ctx) {
        Requests.json(ctx, 200, json(notifications.fetch(account(ctx), ctx.pathParam("ChatServiceSid"))));
    }

    private void updateNotifications(Context ctx) {
        Requests.json(ctx, 200, json(notifications.update(account(ctx), ctx.pathParam("ChatServiceSid"),
                new ServiceNotificationService.Changes(Requests.form(ctx, "LogEnabled"),
                        new ServiceNotificationService.NewMessage(Requests.form(ctx, "NewMessage.Enabled"),
                                Requests.form(ctx, "NewMessage.Template"), Requests.form(ctx, "NewMessage.Sound"),
                                Requests.form(ctx, "NewMessage.BadgeCountEnabled"),
                                Requests.form(ctx, "NewMessage.WithMedia.Enabled"),
                                Requests.form(ctx, "NewMessage.WithMedia.Template")),
                        notice(ctx, "AddedToConversation"), notice(ctx, "RemovedFromConversation")))));
    }

    private static ServiceNotificationService.Notice notice(Context ctx, String prefix) {
        return new ServiceNotificationService.Notice(Requests.form(ctx, prefix + ".Enabled"),
                Requests.form(ctx, prefix + ".Template"), Requests.form(ctx, prefix + ".Sound"));
    }

    private String url(String chatServiceSid, String below) {
        return publicUrl + ConversationScope.ROOT + "/Services/" + chatServiceSid + "/Configuration/" + below;
    }

    private Map<String, Object> json(ConversationWebhookService.ServiceWebhooks s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", s.configuration().accountSid());
        j.put("chat_service_sid", s.chatServiceSid());
        j.put("pre_webhook_url", s.configuration().preWebhookUrl());
        j.put("post_webhook_url", s.configuration().postWebhookUrl());
        j.put("filters", s.configuration().filters());
        j.put("method", s.configuration().method());
        j.put("url", url(s.chatServiceSid(), "Webhooks"));
        return j;
    }

    private Map<String, Object> json(ServiceNotifications n) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", n.accountSid());
        j.put("chat_service_sid", n.chatServiceSid());
        j.put("log_enabled", n.logEnabled());
        j.put("added_to_conversation", notice(n.addedToConversation()));
        ServiceNotifications.NewMessage m = n.newMessage();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("enabled", m.enabled());
        message.put("template", m.template());
        message.put("badge_count_enabled", m.badgeCountEnabled());
        message.put("sound", m.sound());
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("enabled", m.withMediaEnabled());
        media.put("template", m.withMediaTemplate());
        message.put("with_media", media);
        j.put("new_message", message);
        j.put("removed_from_conversation", notice(n.removedFromConversation()));
        j.put("url", url(n.chatServiceSid(), "Notifications"));
        return j;
    }

    private static Map<String, Object> notice(ServiceNotifications.Notice n) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("enabled", n.enabled());
        j.put("template", n.template());
        j.put("sound", n.sound());
        return j;
    }
}
