package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.media.Media;
import dev.parley.core.media.MediaService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media}: Twilio's Media resource (list, fetch,
 * delete) and the stored content itself at {@code /Media/{Sid}} (no {@code .json}), authenticated like the rest
 * of the API.
 */
final class MediaRoutes {
    private static final String BASE = "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media";
    private static final String JSON = ".json";
    private final AccountService accounts;
    private final MediaService media;

    MediaRoutes(AccountService accounts, MediaService media) {
        this.accounts = accounts;
        this.media = media;
    }

    void register(RoutesConfig r) {
        r.get(BASE + JSON, this::list);
        // One route for /Media/{Sid}.json (the resource) and /Media/{Sid} (its content): {Sid} would match both.
        r.get(BASE + "/{Sid}", this::fetchOrContent);
        r.delete(BASE + "/{Sid}", this::delete);
    }

    private void list(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        String message = ctx.pathParam("MessageSid");
        PageRequest req = Paging.request(ctx);
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : List.of("DateCreated", "DateCreated<", "DateCreated>")) {
            filters.put(name, ctx.queryParam(name));
        }
        DateFilters.Range created = DateFilters.days(filters.get("DateCreated"), filters.get("DateCreated<"),
                filters.get("DateCreated>"), "DateCreated");
        Page<Media> page = media.list(account.sid(), message, created.from(), created.until(), req);
        Requests.json(ctx, 200, Paging.page2010("media_list",
                "/2010-04-01/Accounts/" + account.sid() + "/Messages/" + message + "/Media.json", filters, req, page,
                page.items().stream().map(MediaRoutes::json).toList()));
    }

    private void fetchOrContent(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        String message = ctx.pathParam("MessageSid");
        String sid = ctx.pathParam("Sid");
        if (sid.endsWith(JSON)) {
            Requests.json(ctx, 200, json(media.fetch(account.sid(), message, sid.substring(0, sid.length() - 5))));
            return;
        }
        MediaService.Content content = media.content(account.sid(), message, sid);
        try {
            ctx.status(200).contentType(content.media().contentType())
                    .header("Content-Length", String.valueOf(content.media().size()))
                    // Content from a third party, served from the API's origin: browsers must not reinterpret it.
                    .header("X-Content-Type-Options", "nosniff")
                    .result(Files.newInputStream(content.file()));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("media " + sid + " has a row but no file at " + content.file(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        String sid = ctx.pathParam("Sid");
        media.delete(account.sid(), ctx.pathParam("MessageSid"),
                sid.endsWith(JSON) ? sid.substring(0, sid.length() - 5) : sid);
        ctx.status(204);
    }

    static Map<String, Object> json(Media m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", m.accountSid());
        j.put("content_type", m.contentType());
        j.put("date_created", Wire.rfc2822(m.dateCreated()));
        j.put("date_updated", Wire.rfc2822(m.dateCreated()));
        j.put("parent_sid", m.messageSid());
        j.put("sid", m.sid());
        j.put("uri", MediaService.contentUri(m) + JSON);
        return j;
    }
}
