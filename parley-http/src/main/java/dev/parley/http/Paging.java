package dev.parley.http;

import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Twilio's two list shapes. 2010 pages carry relative URIs (the SDK prefixes its own host) and must
 * include {@code uri}, or the SDK stops after page one; v1 pages carry {@code meta} with absolute URLs
 * back to this server. Both link the pages either side as Twilio does: {@code PageToken=PA…} for the next
 * page, {@code PageToken=PB…} for the previous one, with the list's filters kept in every link.
 */
final class Paging {
    private Paging() {
    }

    static PageRequest request(Context ctx) {
        return request(ctx, PageRequest.MAX_SIZE);
    }

    /** A page request whose size is at most {@code maxSize} (Twilio's v1 Conversations lists allow 100). */
    static PageRequest request(Context ctx, int maxSize) {
        int size = intParam(ctx, "PageSize", PageRequest.DEFAULT_SIZE);
        int page = intParam(ctx, "Page", 0);
        if (size < 1 || size > maxSize) {
            throw ApiException.badRequest(20001, "PageSize must be between 1 and " + maxSize);
        }
        if (page < 0) {
            throw ApiException.badRequest(20001, "Page must not be negative");
        }
        String token = ctx.queryParam("PageToken");
        Cursor cursor = null;
        if (token != null && !token.isEmpty()) {
            cursor = Cursor.parse(token).orElseThrow(() -> ApiException.badRequest(20001, "Invalid PageToken"));
        }
        return new PageRequest(size, page, cursor);
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(20001, name + " must be an integer");
        }
    }

    /**
     * A 2010-04-01 list page. {@code path} is the list's path; {@code filters} are the query parameters to
     * carry into every page URI (in Twilio's names).
     */
    static Map<String, Object> page2010(String key, String path, Map<String, String> filters, PageRequest req,
            Page<?> page, List<?> items) {
        int start = req.page() * req.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("first_page_uri", uri(path, filters, req.size(), 0, null));
        out.put("end", start + Math.max(items.size(), 1) - 1);
        out.put("previous_page_uri", previous(path, filters, req, page));
        out.put(key, items);
        out.put("uri", uri(path, filters, req.size(), req.page(), req.cursor()));
        out.put("page_size", req.size());
        out.put("start", start);
        out.put("next_page_uri", next(path, filters, req, page));
        out.put("page", req.page());
        return out;
    }

    /** A v1 list page with {@code meta}, absolute URLs on {@code baseUrl}. */
    static Map<String, Object> pageV1(String key, String baseUrl, String path, Map<String, String> filters,
            PageRequest req, Page<?> page, List<?> items) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", req.page());
        meta.put("page_size", req.size());
        meta.put("first_page_url", baseUrl + uri(path, filters, req.size(), 0, null));
        String previous = previous(path, filters, req, page);
        String next = next(path, filters, req, page);
        meta.put("previous_page_url", previous == null ? null : baseUrl + previous);
        meta.put("url", baseUrl + uri(path, filters, req.size(), req.page(), req.cursor()));
        meta.put("next_page_url", next == null ? null : baseUrl + next);
        meta.put("key", key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, items);
        out.put("meta", meta);
        return out;
    }

    private static String next(String path, Map<String, String> filters, PageRequest req, Page<?> page) {
        return page.next() == null ? null : uri(path, filters, req.size(), req.page() + 1, page.next());
    }

    /** Page numbers only label token pages: one reached backward past page 0 (rows inserted since) stays 0. */
    private static String previous(String path, Map<String, String> filters, PageRequest req, Page<?> page) {
        return page.previous() == null ? null
                : uri(path, filters, req.size(), Math.max(0, req.page() - 1), page.previous());
    }

    private static String uri(String path, Map<String, String> filters, int size, int page, Cursor cursor) {
        Map<String, String> q = new LinkedHashMap<>();
        filters.forEach((k, v) -> {
            if (v != null) {
                q.put(k, v);
            }
        });
        q.put("PageSize", String.valueOf(size));
        q.put("Page", String.valueOf(page));
        if (cursor != null) {
            q.put("PageToken", cursor.token());
        }
        return path + "?" + q.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
