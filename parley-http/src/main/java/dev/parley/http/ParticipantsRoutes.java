package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /conversations/v1/Conversations/{ConversationSid}/Participants}, also under a service. */
final class ParticipantsRoutes {
    private static final String BASE = "/Conversations/{ConversationSid}/Participants";
    private final ChatServiceService services;
    private final ParticipantService participants;
    private final String publicUrl;

    ParticipantsRoutes(ChatServiceService services, ParticipantService participants, String publicUrl) {
        this.services = services;
        this.participants = participants;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        ConversationScope.crud(r, BASE, new ConversationScope.Crud(
                this::create, this::list, this::fetch, this::update, this::remove));
    }

    private ConversationScope scope(Context ctx) {
        return ConversationScope.of(ctx, services, publicUrl);
    }

    private void create(Context ctx) {
        ConversationScope s = scope(ctx);
        ParticipantService.Creation c = new ParticipantService.Creation(Requests.form(ctx, "Identity"),
                Requests.form(ctx, "MessagingBinding.Address"), Requests.form(ctx, "MessagingBinding.ProxyAddress"),
                Requests.form(ctx, "MessagingBinding.ProjectedAddress"), Requests.form(ctx, "Attributes"),
                Requests.form(ctx, "RoleSid"));
        Requests.json(ctx, 201, json(s, participants.create(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), c, Requests.webhooksEnabled(ctx))));
    }

    private void fetch(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, participants.fetch(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        ConversationScope s = scope(ctx);
        ParticipantService.Changes c = new ParticipantService.Changes(Requests.form(ctx, "Attributes"),
                Requests.form(ctx, "RoleSid"), Requests.form(ctx, "Identity"),
                Requests.form(ctx, "MessagingBinding.ProxyAddress"),
                Requests.form(ctx, "MessagingBinding.ProjectedAddress"), Requests.formInt(ctx, "LastReadMessageIndex"),
                Requests.form(ctx, "LastReadTimestamp"));
        Requests.json(ctx, 200, json(s, participants.update(s.accountSid(), s.serviceSid(),
                ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"), c, Requests.webhooksEnabled(ctx))));
    }

    private void remove(Context ctx) {
        ConversationScope s = scope(ctx);
        participants.remove(s.accountSid(), s.serviceSid(), ctx.pathParam("ConversationSid"), ctx.pathParam("Sid"),
                Requests.webhooksEnabled(ctx));
        ctx.status(204);
    }

    private void list(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, ConversationScope.MAX_PAGE);
        String conversation = ctx.pathParam("ConversationSid");
        Page<Participant> page = participants.list(s.accountSid(), s.serviceSid(), conversation, req);
        Requests.json(ctx, 200, Paging.pageV1("participants", publicUrl,
                s.path(publicUrl, "/Conversations/" + conversation + "/Participants"), Map.of(), req, page,
                page.items().stream().map(p -> json(s, p)).toList()));
    }

    static Map<String, Object> json(ConversationScope s, Participant p) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", p.accountSid());
        j.put("chat_service_sid", p.chatServiceSid());
        j.put("conversation_sid", p.conversationSid());
        j.put("sid", p.sid());
        j.put("identity", p.identity());
        j.put("attributes", p.attributes());
        j.put("messaging_binding", binding(p.binding()));
        j.put("role_sid", p.roleSid());
        j.put("date_created", Wire.iso(p.dateCreated()));
        j.put("date_updated", Wire.iso(p.dateUpdated()));
        j.put("url", s.base() + "/Conversations/" + p.conversationSid() + "/Participants/" + p.sid());
        j.put("last_read_message_index", p.lastReadMessageIndex());
        j.put("last_read_timestamp", p.lastReadTimestamp());
        return j;
    }

    private static Map<String, Object> binding(Participant.Binding b) {
        if (b.address() == null && b.projectedAddress() == null) {
            return null;
        }
        Map<String, Object> j = new LinkedHashMap<>();
        if (b.address() != null) {
            j.put("type", b.type());
            j.put("address", b.address());
            if (b.proxyAddress() != null) {
                j.put("proxy_address", b.proxyAddress());
            }
        } else {
            j.put("type", "sms");
            j.put("projected_address", b.projectedAddress());
        }
        return j;
    }
}
