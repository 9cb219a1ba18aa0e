package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.user.UserConversation;
import dev.parley.core.conversation.user.UserConversationService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /conversations/v1/Users/{UserSid}/Conversations} and {@code /conversations/v1/ParticipantConversations},
 * also under a service.
 */
final class UserConversationsRoutes {
    private static final String BASE = "/Users/{UserSid}/Conversations";
    /** Twilio's creator of conversations made through the REST API. */
    private static final String CREATED_BY_REST = "system";
    private final ChatServiceService services;
    private final UserConversationService userConversations;
    private final String publicUrl;

    UserConversationsRoutes(ChatServiceService services, UserConversationService userConversations,
            String publicUrl) {
        this.services = services;
        this.userConversations = userConversations;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        ConversationScope.both(r, "GET", BASE, this::list);
        ConversationScope.both(r, "GET", BASE + "/{ConversationSid}", this::fetch);
        ConversationScope.both(r, "POST", BASE + "/{ConversationSid}", this::update);
        ConversationScope.both(r, "DELETE", BASE + "/{ConversationSid}", this::leave);
        ConversationScope.both(r, "GET", "/ParticipantConversations", this::ofParticipant);
    }

    private ConversationScope scope(Context ctx) {
        return ConversationScope.of(ctx, services, publicUrl);
    }

    private void list(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, UsersRoutes.MAX_PAGE);
        String user = ctx.pathParam("UserSid");
        Page<UserConversation> page = userConversations.list(s.accountSid(), s.serviceSid(), user, req);
        Requests.json(ctx, 200, Paging.pageV1("conversations", publicUrl,
                s.path(publicUrl, "/Users/" + user + "/Conversations"), Map.of(), req, page,
                page.items().stream().map(uc -> json(s, uc)).toList()));
    }

    private void fetch(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, userConversations.fetch(s.accountSid(), s.serviceSid(),
                ctx.pathParam("UserSid"), ctx.pathParam("ConversationSid"))));
    }

    private void update(Context ctx) {
        ConversationScope s = scope(ctx);
        UserConversationService.Changes c = new UserConversationService.Changes(
                Requests.form(ctx, "NotificationLevel"), Requests.formInt(ctx, "LastReadMessageIndex"),
                Requests.form(ctx, "LastReadTimestamp"));
        Requests.json(ctx, 200, json(s, userConversations.update(s.accountSid(), s.serviceSid(),
                ctx.pathParam("UserSid"), ctx.pathParam("ConversationSid"), c)));
    }

    private void leave(Context ctx) {
        ConversationScope s = scope(ctx);
        userConversations.leave(s.accountSid(), s.serviceSid(), ctx.pathParam("UserSid"),
                ctx.pathParam("ConversationSid"));
        ctx.status(204);
    }

    private void ofParticipant(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, UsersRoutes.MAX_PAGE);
        String identity = ctx.queryParam("Identity");
        String address = ctx.queryParam("Address");
        Page<UserConversation> page = userConversations.ofParticipant(s.accountSid(), s.serviceSid(), identity,
                address, req);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("Identity", identity);
        filters.put("Address", address);
        Requests.json(ctx, 200, Paging.pageV1("conversations", publicUrl,
                s.path(publicUrl, "/ParticipantConversations"), filters, req, page,
                page.items().stream().map(uc -> participantJson(s, uc)).toList()));
    }

    static Map<String, Object> json(ConversationScope s, UserConversation uc) {
        Conversation c = uc.conversation();
        Participant p = uc.participant();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", c.accountSid());
        j.put("chat_service_sid", c.chatServiceSid());
        j.put("conversation_sid", c.sid());
        j.put("unread_messages_count", uc.unreadMessagesCount());
        j.put("last_read_message_index", p.lastReadMessageIndex());
        j.put("participant_sid", p.sid());
        j.put("user_sid", uc.user() == null ? null : uc.user().sid());
        j.put("friendly_name", c.friendlyName());
        j.put("conversation_state", c.state().wire());
        j.put("timers", timers(c));
        j.put("attributes", c.attributes());
        j.put("date_created", Wire.iso(c.dateCreated()));
        j.put("date_updated", Wire.iso(c.dateUpdated()));
        j.put("created_by", CREATED_BY_REST);
        j.put("notification_level", uc.notificationLevel());
        j.put("unique_name", c.uniqueName());
        j.put("url", s.base() + "/Users/" + (uc.user() == null ? "" : uc.user().sid()) + "/Conversations/"
                + c.sid());
        j.put("links", links(s, uc));
        return j;
    }

    static Map<String, Object> participantJson(ConversationScope s, UserConversation uc) {
        Conversation c = uc.conversation();
        Participant p = uc.participant();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", c.accountSid());
        j.put("chat_service_sid", c.chatServiceSid());
        j.put("participant_sid", p.sid());
        j.put("participant_user_sid", uc.user() == null ? null : uc.user().sid());
        j.put("participant_identity", p.identity());
        j.put("participant_messaging_binding", ParticipantsRoutes.json(s, p).get("messaging_binding"));
        j.put("conversation_sid", c.sid());
        j.put("conversation_unique_name", c.uniqueName());
        j.put("conversation_friendly_name", c.friendlyName());
        j.put("conversation_attributes", c.attributes());
        j.put("conversation_date_created", Wire.iso(c.dateCreated()));
        j.put("conversation_date_updated", Wire.iso(c.dateUpdated()));
        j.put("conversation_created_by", CREATED_BY_REST);
        j.put("conversation_state", c.state().wire());
        j.put("conversation_timers", timers(c));
        j.put("links", links(s, uc));
        return j;
    }

    private static Map<String, Object> links(ConversationScope s, UserConversation uc) {
        String conversation = s.base() + "/Conversations/" + uc.conversation().sid();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("participant", conversation + "/Participants/" + uc.participant().sid());
        links.put("conversation", conversation);
        return links;
    }

    private static Map<String, Object> timers(Conversation c) {
        Map<String, Object> timers = new LinkedHashMap<>();
        if (c.timers().dateInactive() != null) {
            timers.put("date_inactive", Wire.iso(c.timers().dateInactive()));
        }
        if (c.timers().dateClosed() != null) {
            timers.put("date_closed", Wire.iso(c.timers().dateClosed()));
        }
        return timers;
    }
}
