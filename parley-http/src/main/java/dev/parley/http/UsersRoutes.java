package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.user.ConversationUser;
import dev.parley.core.conversation.user.UserService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /conversations/v1/Users} (a user by SID or identity), also under a service. */
final class UsersRoutes {
    /** Twilio's largest page of users, roles, user and participant conversations (conversations allow 100). */
    static final int MAX_PAGE = 50;
    private final ChatServiceService services;
    private final UserService users;
    private final String publicUrl;

    UsersRoutes(ChatServiceService services, UserService users, String publicUrl) {
        this.services = services;
        this.users = users;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        ConversationScope.crud(r, "/Users", new ConversationScope.Crud(
                this::create, this::list, this::fetch, this::update, this::delete));
    }

    private ConversationScope scope(Context ctx) {
        return ConversationScope.of(ctx, services, publicUrl);
    }

    private static UserService.Fields fields(Context ctx) {
        return new UserService.Fields(Requests.form(ctx, "Identity"), Requests.form(ctx, "FriendlyName"),
                Requests.form(ctx, "Attributes"), Requests.form(ctx, "RoleSid"));
    }

    private void create(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 201, json(s, users.create(s.accountSid(), s.serviceSid(), fields(ctx),
                Requests.webhooksEnabled(ctx))));
    }

    private void fetch(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, users.fetch(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, users.update(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"),
                fields(ctx), Requests.webhooksEnabled(ctx))));
    }

    private void delete(Context ctx) {
        ConversationScope s = scope(ctx);
        users.delete(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void list(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, UsersRoutes.MAX_PAGE);
        Page<ConversationUser> page = users.list(s.accountSid(), s.serviceSid(), req);
        Requests.json(ctx, 200, Paging.pageV1("users", publicUrl, s.path(publicUrl, "/Users"), Map.of(), req, page,
                page.items().stream().map(u -> json(s, u)).toList()));
    }

    static Map<String, Object> json(ConversationScope s, ConversationUser u) {
        String url = s.base() + "/Users/" + u.sid();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", u.sid());
        j.put("account_sid", u.accountSid());
        j.put("chat_service_sid", u.chatServiceSid());
        j.put("role_sid", u.roleSid());
        j.put("identity", u.identity());
        j.put("friendly_name", u.friendlyName());
        j.put("attributes", u.attributes());
        // Reachability (online/notifiable) needs the web-chat channel and push notifications; off, as on Twilio
        // when the Reachability Indicator is disabled.
        j.put("is_online", null);
        j.put("is_notifiable", null);
        j.put("date_created", Wire.iso(u.dateCreated()));
        j.put("date_updated", Wire.iso(u.dateUpdated()));
        j.put("url", url);
        j.put("links", Map.of("user_conversations", url + "/Conversations"));
        return j;
    }
}
