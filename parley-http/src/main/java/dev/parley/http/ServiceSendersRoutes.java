package dev.parley.http;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.service.AlphaSender;
import dev.parley.core.service.ChannelSender;
import dev.parley.core.service.ServiceSenderService;
import dev.parley.core.service.ServiceShortCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Messaging Service's {@code ShortCodes}, {@code AlphaSenders}, {@code DestinationAlphaSenders} and
 * {@code ChannelSenders} (messaging.twilio.com): create, fetch, list, delete, acting on the caller's account.
 * Parley adds one parameter and field to both alpha sender resources: {@code Channel}/{@code channel}, the channel
 * the alpha sender's messages leave on (default {@code simulator}). A channel sender's {@code Sid} is {@code XE}
 * with its WhatsApp number's hex digits; its number's {@code PN} SID is accepted too.
 */
final class ServiceSendersRoutes {
    private static final String BASE = "/messaging/v1/Services/{ServiceSid}";
    private final ServiceSenderService senders;
    private final String publicUrl;

    ServiceSendersRoutes(ServiceSenderService senders, String publicUrl) {
        this.senders = senders;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(BASE + "/ShortCodes", this::addShortCode);
        r.get(BASE + "/ShortCodes", this::listShortCodes);
        r.get(BASE + "/ShortCodes/{Sid}", ctx -> Requests.json(ctx, 200, json(senders.fetchShortCode(
                account(ctx), service(ctx), ctx.pathParam("Sid")))));
        r.delete(BASE + "/ShortCodes/{Sid}", ctx -> {
            senders.removeShortCode(account(ctx), service(ctx), ctx.pathParam("Sid"));
            ctx.status(204);
        });
        for (boolean destination : new boolean[] {false, true}) {
            String list = BASE + "/" + list(destination);
            r.post(list, ctx -> Requests.json(ctx, 201, json(senders.addAlphaSender(account(ctx), service(ctx),
                    destination, Requests.form(ctx, "AlphaSender"), destination ? Requests.form(ctx, "IsoCountryCode")
                            : null, Requests.form(ctx, "Channel")))));
            r.get(list, ctx -> listAlphaSenders(ctx, destination));
            r.get(list + "/{Sid}", ctx -> Requests.json(ctx, 200, json(senders.fetchAlphaSender(account(ctx),
                    service(ctx), destination, ctx.pathParam("Sid")))));
            r.delete(list + "/{Sid}", ctx -> {
                senders.removeAlphaSender(account(ctx), service(ctx), destination, ctx.pathParam("Sid"));
                ctx.status(204);
            });
        }
        r.post(BASE + "/ChannelSenders", ctx -> Requests.json(ctx, 201, json(senders.addChannelSender(account(ctx),
                service(ctx), Requests.form(ctx, "Sid")))));
        r.get(BASE + "/ChannelSenders", this::listChannelSenders);
        r.get(BASE + "/ChannelSenders/{Sid}", ctx -> Requests.json(ctx, 200, json(senders.fetchChannelSender(
                account(ctx), service(ctx), ctx.pathParam("Sid")))));
        r.delete(BASE + "/ChannelSenders/{Sid}", ctx -> {
            senders.removeChannelSender(account(ctx), service(ctx), ctx.pathParam("Sid"));
            ctx.status(204);
        });
    }

    private static String account(Context ctx) {
        return Requests.principal(ctx).account().sid();
    }

    private static String service(Context ctx) {
        return ctx.pathParam("ServiceSid");
    }

    private static String list(boolean destination) {
        return destination ? "DestinationAlphaSenders" : "AlphaSenders";
    }

    private void addShortCode(Context ctx) {
        Requests.json(ctx, 201, json(senders.addShortCode(account(ctx), service(ctx),
                Requests.form(ctx, "ShortCodeSid"))));
    }

    private void listShortCodes(Context ctx) {
        PageRequest req = Paging.request(ctx);
        page(ctx, "short_codes", "/ShortCodes", Map.of(), req,
                senders.listShortCodes(account(ctx), service(ctx), req), this::json);
    }

    private void listAlphaSenders(Context ctx, boolean destination) {
        PageRequest req = Paging.request(ctx);
        String country = destination ? ctx.queryParam("IsoCountryCode") : null;
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("IsoCountryCode", country);
        page(ctx, "alpha_senders", "/" + list(destination), filters, req,
                senders.listAlphaSenders(account(ctx), service(ctx), destination, country, req), this::json);
    }

    private void listChannelSenders(Context ctx) {
        PageRequest req = Paging.request(ctx);
        page(ctx, "senders", "/ChannelSenders", Map.of(), req,
                senders.listChannelSenders(account(ctx), service(ctx), req), this::json);
    }

    private <T> void page(Context ctx, String key, String list, Map<String, String> filters, PageRequest req,
            Page<T> page, Function<T, Map<String, Object>> json) {
        List<Map<String, Object>> items = page.items().stream().map(json).toList();
        Requests.json(ctx, 200, Paging.pageV1(key, publicUrl,
                "/messaging/v1/Services/" + service(ctx) + list, filters, req, page, items));
    }

    private String url(String serviceSid, String list, String sid) {
        return publicUrl + "/messaging/v1/Services/" + serviceSid + "/" + list + "/" + sid;
    }

    private Map<String, Object> json(ServiceShortCode c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", c.shortCodeSid());
        j.put("account_sid", c.accountSid());
        j.put("service_sid", c.serviceSid());
        j.put("date_created", Wire.iso(c.dateCreated()));
        j.put("date_updated", Wire.iso(c.dateUpdated()));
        j.put("short_code", c.shortCode());
        j.put("country_code", c.isoCountryCode());
        j.put("capabilities", List.of("SMS"));
        j.put("url", url(c.serviceSid(), "ShortCodes", c.shortCodeSid()));
        return j;
    }

    private Map<String, Object> json(AlphaSender a) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", a.sid());
        j.put("account_sid", a.accountSid());
        j.put("service_sid", a.serviceSid());
        j.put("date_created", Wire.iso(a.dateCreated()));
        j.put("date_updated", Wire.iso(a.dateUpdated()));
        j.put("alpha_sender", a.alphaSender());
        j.put("capabilities", List.of("SMS"));
        j.put("url", url(a.serviceSid(), list(a.destination()), a.sid()));
        if (a.destination()) {
            // Twilio writes "" for the default destination alpha sender, which serves every country.
            j.put("iso_country_code", a.isoCountryCode() == null ? "" : a.isoCountryCode());
        }
        j.put("channel", a.channel());
        return j;
    }

    private Map<String, Object> json(ChannelSender c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", c.accountSid());
        j.put("messaging_service_sid", c.serviceSid());
        j.put("sid", c.sid());
        j.put("sender", c.sender());
        j.put("sender_type", "WhatsApp");
        j.put("country_code", c.phoneNumber().geography().country());
        j.put("date_created", Wire.iso(c.dateCreated()));
        j.put("date_updated", Wire.iso(c.dateUpdated()));
        j.put("url", url(c.serviceSid(), "ChannelSenders", c.sid()));
        return j;
    }
}
