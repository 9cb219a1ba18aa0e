package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.user.Role;
import dev.parley.core.conversation.user.RoleService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /conversations/v1/Roles}, also under a service. */
final class RolesRoutes {
    private final ChatServiceService services;
    private final RoleService roles;
    private final String publicUrl;

    RolesRoutes(ChatServiceService services, RoleService roles, String publicUrl) {
        this.services = services;
        this.roles = roles;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        ConversationScope.crud(r, "/Roles", new ConversationScope.Crud(
                this::create, this::list, this::fetch, this::update, this::delete));
    }

    private ConversationScope scope(Context ctx) {
        return ConversationScope.of(ctx, services, publicUrl);
    }

    private void create(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 201, json(s, roles.create(s.accountSid(), s.serviceSid(),
                Requests.form(ctx, "FriendlyName"), Requests.form(ctx, "Type"), Requests.formList(ctx, "Permission"))));
    }

    private void fetch(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, roles.fetch(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        ConversationScope s = scope(ctx);
        Requests.json(ctx, 200, json(s, roles.update(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"),
                Requests.formList(ctx, "Permission"))));
    }

    private void delete(Context ctx) {
        ConversationScope s = scope(ctx);
        roles.delete(s.accountSid(), s.serviceSid(), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void list(Context ctx) {
        ConversationScope s = scope(ctx);
        PageRequest req = Paging.request(ctx, UsersRoutes.MAX_PAGE);
        Page<Role> page = roles.list(s.accountSid(), s.serviceSid(), req);
        Requests.json(ctx, 200, Paging.pageV1("roles", publicUrl, s.path(publicUrl, "/Roles"), Map.of(), req, page,
                page.items().stream().map(role -> json(s, role)).toList()));
    }

    static Map<String, Object> json(ConversationScope s, Role r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", r.sid());
        j.put("account_sid", r.accountSid());
        j.put("chat_service_sid", r.chatServiceSid());
        j.put("friendly_name", r.friendlyName());
        j.put("type", r.type().wire());
        j.put("permissions", r.permissions());
        j.put("date_created", Wire.iso(r.dateCreated()));
        j.put("date_updated", Wire.iso(r.dateUpdated()));
        j.put("url", s.base() + "/Roles/" + r.sid());
        return j;
    }
}
