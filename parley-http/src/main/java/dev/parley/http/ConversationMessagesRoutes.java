package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.conversation.receipt.ConversationReceiptService;
import dev.parley.core.conversation.receipt.DeliverySummary;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /conversations/v1/Conversations/{ConversationSid}/Messages}, also under a service. */
final class ConversationMessagesRoutes {
    private static final String BASE = "/Conversations/{ConversationSid}/Messages";
    private final ChatServiceService services;
    private final ConversationMessageService messages;
    private final ConversationReceiptService receipts;
    private final ConversationMediaService media;
    private final String publicUrl;

    ConversationMessagesRoutes(ChatServiceService services, ConversationMessageService messages,
            ConversationReceiptService receipts, ConversationMediaService media, String publicUrl) {
        this.services = services;
        this.messages = messages;
        this.receipts = receipts;
        this.media = media;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        ConversationScope.crud(r, BASE, new ConversationScope.Crud(
                this::create, this::list, this::fetch, this::update, this::delete));
    }

    private ConversationScope scope(Context ctx) {
        return ConversationScope.of(ctx, services, publicUrl);
    }

    private void create(Context ctx) {
        ConversationScope s = scope(ctx);
        ConversationMessageService.Draft d = new ConversationMessageService.Draft(Requests.form(ctx, "Author"),
                Requests.form(ctx, "Body"), Requests.form(ctx, "Attributes"), Requests.formList(ctx, "MediaSid"),
                ContentParams.of(ctx, ContentParams.CONVERSATIONS));
        ConversationMessage m = messages.create(s.accountSid(), s.serviceSid(), ctx.pathParam("ConversationSid"), d,
                Requests.webhooksEnabled(ctx));
        // A new message has no receipts yet: its fan-out runs after the answer.
        Requests.json(ctx, 201, json(s, m, null, media.of(s.accountSid(), List.of(m))));
    }

    private void fetch(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, withDelivery(s, messages.fetch(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, withDelivery(s, messages.update(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"), new ConversationMessageService.Edit(
                        Requests.form(ctx, "Author"), Requests.form(ctx, "Body"), Requests.form(ctx, "Attributes")),
                Requests.webhooksEnabled(ctx))));
    }

    private void delete(Context ctx) {
        ConversationScope s = scope(ctx);
        messages.delete(s.accountSid(), s.serviceSid(), ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"),
                Requests.webhooksEnabled(ctx));
        ctx.status(204);
    }

    private void list(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, ConversationScope.MAX_PAGE);
        String order = ctx.queryParam("Order");
        boolean descending;
        if (order == null || order.isBlank() || order.equalsIgnoreCase("asc")) {
            descending = false;
        } else if (order.equalsIgnoreCase("desc")) {
            descending = true;
        } else {
            throw ApiException.badRequest(20001, "Order must be asc or desc, not " + order);
        }
        String conversation = ctx.pathParam("ConversationSid");
        Page<ConversationMessage> page = messages.list(s.accountSid(), s.serviceSid(), conversation, descending, req);
        Map<String, DeliverySummary> delivery = receipts.summaries(s.accountSid(), page.items());
        Map<String, ConversationMedia> described = media.of(s.accountSid(), page.items());
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("Order", order);
        Requests.json(ctx, 200, Paging.pageV1("messages", publicUrl,
                s.path(publicUrl, "/Conversations/" + conversation + "/Messages"), filters, req, page,
                page.items().stream().map(m -> json(s, m, delivery.get(m.sid()), described)).toList()));
    }

    private Map<String, Object> withDelivery(ConversationScope s, ConversationMessage m) {
        return json(s, m, receipts.summaries(s.accountSid(), List.of(m)).get(m.sid()),
                media.of(s.accountSid(), List.of(m)));
    }

    /**
     * {@code delivery} null: nothing to report (no SMS/WhatsApp participant was sent the message, or not yet);
     * {@code described}: the message's media by SID.
     */
    static Map<String, Object> json(ConversationScope s, ConversationMessage m, DeliverySummary delivery,
            Map<String, ConversationMedia> described) {
        String url = s.base() + "/Conversations/" + m.conversationSid() + "/Messages/" + m.sid();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", m.accountSid());
        j.put("chat_service_sid", m.chatServiceSid());
        j.put("conversation_sid", m.conversationSid());
        j.put("sid", m.sid());
        j.put("index", m.index());
        j.put("author", m.author());
        j.put("body", m.body());
        j.put("media", m.mediaSids().isEmpty() ? null : m.mediaSids().stream().map(sid -> {
            ConversationMedia d = described.get(sid);
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("sid", sid);
            media.put("content_type", d == null ? null : d.contentType());
            media.put("filename", d == null ? null : d.filename());
            media.put("size", d == null ? null : d.size());
            media.put("category", "media");
            return media;
        }).toList());
        j.put("attributes", m.attributes());
        j.put("participant_sid", m.participantSid());
        j.put("date_created", Wire.iso(m.dateCreated()));
        j.put("date_updated", Wire.iso(m.dateUpdated()));
        j.put("url", url);
        j.put("delivery", delivery == null ? null : delivery(delivery));
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("delivery_receipts", url + "/Receipts");
        // No channel_metadata: Twilio's published API has no ChannelMetadata path for Parley to serve.
        j.put("links", links);
        j.put("content_sid", m.content() == null ? null : m.content().contentSid());
        return j;
    }

    private static Map<String, Object> delivery(DeliverySummary d) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("total", d.total());
        j.put("sent", d.sent());
        j.put("delivered", d.delivered());
        j.put("read", d.read());
        j.put("failed", d.failed());
        j.put("undelivered", d.undelivered());
        return j;
    }
}
