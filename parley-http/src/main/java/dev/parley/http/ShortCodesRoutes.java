package dev.parley.http;

import dev.parley.core.account.AccountService;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.ShortCode;
import dev.parley.core.number.ShortCodeService;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short codes. Twilio provisions them out of band and serves {@code /2010-04-01/Accounts/{AccountSid}/SMS/ShortCodes}
 * (fetch, list, update); Parley serves those and provisions through its own {@code /parley/v1/ShortCodes}: create
 * ({@code ShortCode}, {@code IsoCountryCode} default US, {@code Channel} default simulator, and the 2010 update's
 * {@code FriendlyName}/{@code Sms…} parameters), fetch, list and delete (release), on the caller's account or the
 * subaccount named by {@code AccountSid}. Both answer the 2010 shape plus Parley's {@code iso_country_code} and
 * {@code channel}. A short code is two-way: Messages may name it as {@code From} (to handsets of its country), and a
 * handset's text to it is posted to its {@code sms_url} (or its Messaging Service's inbound URL).
 */
final class ShortCodesRoutes {
    private static final String PARLEY = "/parley/v1/ShortCodes";
    private static final String API = "/2010-04-01/Accounts/{AccountSid}/SMS/ShortCodes";
    private final AccountService accounts;
    private final ShortCodeService shortCodes;
    private final String publicUrl;

    ShortCodesRoutes(AccountService accounts, ShortCodeService shortCodes, String publicUrl) {
        this.accounts = accounts;
        this.shortCodes = shortCodes;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(PARLEY, this::provision);
        r.get(PARLEY, this::listParley);
        r.get(PARLEY + "/{Sid}", ctx -> Requests.json(ctx, 200, json(shortCodes.fetch(
                Requests.actingAccount(ctx, accounts).sid(), ctx.pathParam("Sid")))));
        r.delete(PARLEY + "/{Sid}", ctx -> {
            shortCodes.release(Requests.actingAccount(ctx, accounts).sid(), ctx.pathParam("Sid"));
            ctx.status(204);
        });
        r.get(API + ".json", this::list2010);
        r.get(API + "/{Sid}.json", ctx -> Requests.json(ctx, 200, json(shortCodes.fetch(
                Requests.account(ctx, accounts).sid(), ctx.pathParam("Sid")))));
        r.post(API + "/{Sid}.json", ctx -> Requests.json(ctx, 200, json(shortCodes.update(
                Requests.account(ctx, accounts).sid(), ctx.pathParam("Sid"), changes(ctx)))));
    }

    private static ShortCodeService.Changes changes(Context ctx) {
        return new ShortCodeService.Changes(Requests.form(ctx, "FriendlyName"), Requests.form(ctx, "ApiVersion"),
                Requests.form(ctx, "SmsUrl"), Requests.form(ctx, "SmsMethod"), Requests.form(ctx, "SmsFallbackUrl"),
                Requests.form(ctx, "SmsFallbackMethod"));
    }

    private void provision(Context ctx) {
        ShortCode created = shortCodes.provision(Requests.actingAccount(ctx, accounts).sid(),
                Requests.form(ctx, "ShortCode"), Requests.form(ctx, "IsoCountryCode"), Requests.form(ctx, "Channel"),
                changes(ctx));
        Requests.json(ctx, 201, json(created));
    }

    private void listParley(Context ctx) {
        String account = Requests.actingAccount(ctx, accounts).sid();
        PageRequest req = Paging.request(ctx);
        Map<String, String> filters = filters(ctx);
        Page<ShortCode> page = shortCodes.list(account, filters.get("ShortCode"), filters.get("FriendlyName"), req);
        Requests.json(ctx, 200, Paging.pageV1("short_codes", publicUrl, PARLEY, filters, req, page,
                page.items().stream().map(ShortCodesRoutes::json).toList()));
    }

    private void list2010(Context ctx) {
        String account = Requests.account(ctx, accounts).sid();
        PageRequest req = Paging.request(ctx);
        Map<String, String> filters = filters(ctx);
        Page<ShortCode> page = shortCodes.list(account, filters.get("ShortCode"), filters.get("FriendlyName"), req);
        Requests.json(ctx, 200, Paging.page2010("short_codes", "/2010-04-01/Accounts/" + account
                + "/SMS/ShortCodes.json", filters, req, page, page.items().stream().map(ShortCodesRoutes::json)
                .toList()));
    }

    private static Map<String, String> filters(Context ctx) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("FriendlyName", ctx.queryParam("FriendlyName"));
        filters.put("ShortCode", ctx.queryParam("ShortCode"));
        return filters;
    }

    static Map<String, Object> json(ShortCode s) {
        IncomingPhoneNumber.Webhooks h = s.webhooks();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", s.accountSid());
        j.put("api_version", "2010-04-01");
        j.put("date_created", Wire.rfc2822(s.dateCreated()));
        j.put("date_updated", Wire.rfc2822(s.dateUpdated()));
        j.put("friendly_name", s.friendlyName());
        j.put("short_code", s.shortCode());
        j.put("sid", s.sid());
        j.put("sms_fallback_method", h.smsFallbackMethod());
        j.put("sms_fallback_url", h.smsFallbackUrl());
        j.put("sms_method", h.smsMethod());
        j.put("sms_url", h.smsUrl());
        j.put("uri", "/2010-04-01/Accounts/" + s.accountSid() + "/SMS/ShortCodes/" + s.sid() + ".json");
        j.put("iso_country_code", s.isoCountryCode());
        j.put("channel", s.channel());
        return j;
    }
}
