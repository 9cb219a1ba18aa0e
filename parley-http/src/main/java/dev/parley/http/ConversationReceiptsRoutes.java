package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.receipt.ConversationReceiptService;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /conversations/v1/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts}, also under a service. */
final class ConversationReceiptsRoutes {
    private static final String BASE = "/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts";
    // Twilio's limit for receipts: "The default is 50, and the maximum is 50."
    private static final int MAX_PAGE = 50;
    private final ChatServiceService services;
    private final ConversationReceiptService receipts;
    private final String publicUrl;

    ConversationReceiptsRoutes(ChatServiceService services, ConversationReceiptService receipts, String publicUrl) {
        this.services = services;
        this.receipts = receipts;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        ConversationScope.both(r, "GET", BASE, this::list);
        ConversationScope.both(r, "GET", BASE + "/{Sid}", this::fetch);
    }

    private void fetch(Context ctx) {
        ConversationScope s = ConversationScope.of(ctx, services, publicUrl);
        Requests.json(ctx, 200, json(s, receipts.fetch(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), ctx.pathParam("MessageSid"), ctx.pathParam("Sid"))));
    }

    private void list(Context ctx) {
        ConversationScope s = ConversationScope.of(ctx, services, publicUrl);
        PageRequest req = Paging.request(ctx, MAX_PAGE);
        String conversation = ctx.pathParam("ConversationSid");
        String message = ctx.pathParam("MessageSid");
        Page<DeliveryReceipt> page = receipts.list(s.accountSid(), s.serviceSid(), conversation, message, req);
        Requests.json(ctx, 200, Paging.pageV1("delivery_receipts", publicUrl,
                s.path(publicUrl, "/Conversations/" + conversation + "/Messages/" + message + "/Receipts"), Map.of(),
                req, page, page.items().stream().map(r -> json(s, r)).toList()));
    }

    static Map<String, Object> json(ConversationScope s, DeliveryReceipt r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", r.accountSid());
        j.put("chat_service_sid", s.serviceSid());
        j.put("conversation_sid", r.conversationSid());
        j.put("message_sid", r.messageSid());
        j.put("sid", r.sid());
        j.put("channel_message_sid", r.channelMessageSid());
        j.put("participant_sid", r.participantSid());
        j.put("status", r.status() == null ? null : r.status().wire());
        j.put("error_code", r.errorCode());
        j.put("date_created", Wire.iso(r.dateCreated()));
        j.put("date_updated", r.dateUpdated() == null ? null : Wire.iso(r.dateUpdated()));
        j.put("url", s.base() + "/Conversations/" + r.conversationSid() + "/Messages/" + r.messageSid()
                + "/Receipts/" + r.sid());
        return j;
    }
}
