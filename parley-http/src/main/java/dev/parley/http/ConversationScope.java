package dev.parley.http;

import dev.parley.core.conversation.ChatServiceService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Where a Conversations request acts: the caller's account, and the Conversation Service named in the path
 * ({@code /conversations/v1/Services/{ChatServiceSid}/…}) or, on the unscoped paths, the account's default service.
 * {@code base} is the absolute URL the answer's links start with, scoped like the request.
 */
record ConversationScope(String accountSid, String serviceSid, String base) {
    static final String ROOT = "/conversations/v1";
    static final String SCOPED = ROOT + "/Services/{ChatServiceSid}";
    static final int MAX_PAGE = 100;

    static ConversationScope of(Context ctx, ChatServiceService services, String publicUrl) {
        String accountSid = Requests.principal(ctx).account().sid();
        String named = ctx.pathParamMap().get("ChatServiceSid");
        String serviceSid = services.resolve(accountSid, named);
        return new ConversationScope(accountSid, serviceSid,
                named == null ? publicUrl + ROOT : publicUrl + ROOT + "/Services/" + serviceSid);
    }

    /** The path below {@code base} of a list, for paging URLs. */
    String path(String publicUrl, String below) {
        return base.substring(publicUrl.length()) + below;
    }

    /** The handlers of a collection resource's five calls. */
    record Crud(Handler create, Handler list, Handler fetch, Handler update, Handler delete) {
    }

    /**
     * Registers a collection at {@code collection} (create: POST, list: GET) and its items at
     * {@code collection/{Sid}} (fetch: GET, update: POST, delete: DELETE), unscoped and service-scoped.
     */
    static void crud(RoutesConfig r, String collection, Crud handlers) {
        both(r, "POST", collection, handlers.create());
        both(r, "GET", collection, handlers.list());
        both(r, "GET", collection + "/{Sid}", handlers.fetch());
        both(r, "POST", collection + "/{Sid}", handlers.update());
        both(r, "DELETE", collection + "/{Sid}", handlers.delete());
    }

    /** Registers one handler on the unscoped path and on the service-scoped one: one implementation for both. */
    static void both(RoutesConfig r, String method, String below, Handler handler) {
        for (String prefix : new String[] {ROOT, SCOPED}) {
            switch (method) {
                case "GET" -> r.get(prefix + below, handler);
                case "POST" -> r.post(prefix + below, handler);
                case "DELETE" -> r.delete(prefix + below, handler);
                default -> throw new IllegalArgumentException(method);
            }
        }
    }
}
