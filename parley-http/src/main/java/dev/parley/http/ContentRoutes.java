package dev.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.content.Content;
import dev.parley.core.content.ContentService;
import dev.parley.core.content.WhatsAppApproval;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /content/v1} (content.twilio.com): Twilio's Content API. {@code Content} create (a JSON body, as Twilio's
 * {@code ContentCreateRequest}), fetch, list and delete; {@code ContentAndApprovals}; a content's
 * {@code ApprovalRequests} (fetch) and {@code ApprovalRequests/whatsapp} (create, a JSON body). Like the other v1
 * APIs it names no account in its paths: a call acts on the account whose credentials it carries. URLs in the answers
 * are absolute, on this server.
 */
final class ContentRoutes {
    static final String PREFIX = "/content/v1";
    private static final String BASE = PREFIX + "/Content";
    private final ContentService contents;
    private final String publicUrl;

    ContentRoutes(ContentService contents, String publicUrl) {
        this.contents = contents;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(BASE, this::create);
        r.get(BASE, this::list);
        r.get(BASE + "/{Sid}", this::fetch);
        r.delete(BASE + "/{Sid}", this::delete);
        r.get(BASE + "/{Sid}/ApprovalRequests", this::fetchApproval);
        r.post(BASE + "/{Sid}/ApprovalRequests/whatsapp", this::requestApproval);
        r.get(PREFIX + "/ContentAndApprovals", this::listWithApprovals);
    }

    private static String account(Context ctx) {
        return Requests.principal(ctx).account().sid();
    }

    /** The request's JSON object; anything else is refused with 20001. */
    private static JsonNode body(Context ctx) {
        JsonNode node;
        try {
            node = Wire.JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiException.badRequest(20001, "The request body must be a JSON object (Content-Type"
                    + " application/json)");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(20001, "The request body must be a JSON object (Content-Type"
                    + " application/json)");
        }
        return node;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest(20001, "Invalid " + field + ": it must be a string");
        }
        return v.asText();
    }

    private void create(Context ctx) {
        JsonNode body = body(ctx);
        Content content = contents.create(account(ctx), new ContentService.Draft(text(body, "friendly_name"),
                text(body, "language"), body.get("variables"), body.get("types")));
        Requests.json(ctx, 201, json(content));
    }

    private void fetch(Context ctx) {
        Requests.json(ctx, 200, json(contents.fetch(account(ctx), ctx.pathParam("Sid"))));
    }

    private void delete(Context ctx) {
        contents.delete(account(ctx), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void list(Context ctx) {
        PageRequest req = Paging.request(ctx);
        Page<Content> page = contents.list(account(ctx), req);
        List<Map<String, Object>> items = page.items().stream().map(this::json).toList();
        Requests.json(ctx, 200, Paging.pageV1("contents", publicUrl, BASE, Map.of(), req, page, items));
    }

    private void listWithApprovals(Context ctx) {
        PageRequest req = Paging.request(ctx);
        Page<ContentService.ContentAndApproval> page = contents.listWithApprovals(account(ctx), req);
        List<Map<String, Object>> items = page.items().stream().map(item -> {
            Map<String, Object> j = common(item.content());
            j.put("approval_requests", approval(item.content(), item.approval()));
            return j;
        }).toList();
        Requests.json(ctx, 200, Paging.pageV1("contents", publicUrl, PREFIX + "/ContentAndApprovals", Map.of(), req,
                page, items));
    }

    private void fetchApproval(Context ctx) {
        String sid = ctx.pathParam("Sid");
        String accountSid = account(ctx);
        WhatsAppApproval approval = contents.approval(accountSid, sid).orElse(null);
        Content content = contents.fetch(accountSid, sid);
        Map<String, Object> whatsApp = new LinkedHashMap<>();
        whatsApp.put("type", "whatsapp");
        whatsApp.putAll(approval(content, approval));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", sid);
        j.put("account_sid", accountSid);
        j.put("whatsapp", whatsApp);
        j.put("url", publicUrl + BASE + "/" + sid + "/ApprovalRequests");
        Requests.json(ctx, 200, j);
    }

    private void requestApproval(Context ctx) {
        JsonNode body = body(ctx);
        String accountSid = account(ctx);
        String sid = ctx.pathParam("Sid");
        WhatsAppApproval approval = contents.requestWhatsAppApproval(accountSid, sid, text(body, "name"),
                text(body, "category"));
        Map<String, Object> j = approval(contents.fetch(accountSid, sid), approval);
        // Parley keeps no time-to-live for a template's messages: a message is tried for its validity period.
        j.put("send_ttl_seconds", null);
        Requests.json(ctx, 201, j);
    }

    /** What every content answer begins with. */
    private static Map<String, Object> common(Content c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("date_created", Wire.iso(c.dateCreated()));
        j.put("date_updated", Wire.iso(c.dateUpdated()));
        j.put("sid", c.sid());
        j.put("account_sid", c.accountSid());
        j.put("friendly_name", c.friendlyName());
        j.put("language", c.language());
        j.put("variables", c.variables());
        j.put("types", c.types());
        return j;
    }

    private Map<String, Object> json(Content c) {
        Map<String, Object> j = common(c);
        String url = publicUrl + BASE + "/" + c.sid();
        j.put("url", url);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("approval_create", url + "/ApprovalRequests/whatsapp");
        links.put("approval_fetch", url + "/ApprovalRequests");
        j.put("links", links);
        return j;
    }

    /** A WhatsApp approval as Twilio shows it; an unsubmitted content shows empty fields. */
    private static Map<String, Object> approval(Content content, WhatsAppApproval a) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", a == null ? "" : a.name());
        j.put("category", a == null ? "" : a.category());
        j.put("content_type", a == null ? "" : ContentService.whatsAppType(content));
        j.put("status", a == null ? "unsubmitted" : a.status());
        j.put("rejection_reason", a == null ? "" : a.rejectionReason());
        j.put("allow_category_change", true);
        return j;
    }
}
