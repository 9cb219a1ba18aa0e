package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.error.ApiException;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.NumberService;
import dev.parley.core.number.NumberType;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers}. Parley adds two parameters and fields:
 * {@code Channel}/{@code channel}, the channel the number sends on (default {@code simulator}), and
 * {@code MessagesPerSecond}/{@code messages_per_second}, the number's own send rate in message segments per second
 * (null: its channel's default; 0: unlimited). A third, {@code WhatsAppChannel}/{@code whatsapp_channel}, makes the number
 * a WhatsApp sender: the channel its {@code whatsapp:} messages travel on (null: not a WhatsApp sender).
 * {@code /Local.json}, {@code /Mobile.json} and {@code /TollFree.json} provision and list numbers of one
 * {@link NumberType}, as Twilio's sub-resources do; a number's {@code type} field names its own.
 */
final class NumbersRoutes {
    private static final String BASE = "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers";
    private final AccountService accounts;
    private final NumberService numbers;

    NumbersRoutes(AccountService accounts, NumberService numbers) {
        this.accounts = accounts;
        this.numbers = numbers;
    }

    void register(RoutesConfig r) {
        r.post(BASE + ".json", this::create);
        r.get(BASE + ".json", ctx -> list(ctx, null));
        // {Sid}.json also matches Local.json, Mobile.json and TollFree.json: one route per method tells them apart
        // (a route of their own would overlap it, and Javalin would pick by registration order).
        r.get(BASE + "/{Sid}.json", ctx -> {
            NumberType type = subResource(ctx);
            if (type != null) {
                list(ctx, type);
            } else {
                fetch(ctx);
            }
        });
        r.post(BASE + "/{Sid}.json", ctx -> {
            NumberType type = subResource(ctx);
            if (type != null) {
                create(ctx, type);
            } else {
                update(ctx);
            }
        });
        r.delete(BASE + "/{Sid}.json", this::delete);
    }

    private static NumberService.Changes changes(Context ctx) {
        return new NumberService.Changes(Requests.form(ctx, "FriendlyName"), Requests.form(ctx, "SmsUrl"),
                Requests.form(ctx, "SmsMethod"), Requests.form(ctx, "SmsFallbackUrl"),
                Requests.form(ctx, "SmsFallbackMethod"), Requests.form(ctx, "StatusCallback"),
                Requests.form(ctx, "StatusCallbackMethod"), Requests.form(ctx, "Channel"),
                Requests.form(ctx, "MessagesPerSecond"), Requests.form(ctx, "WhatsAppChannel"));
    }

    private void create(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        IncomingPhoneNumber n = numbers.create(account.sid(), Requests.form(ctx, "PhoneNumber"),
                Requests.form(ctx, "AreaCode"), changes(ctx));
        Requests.json(ctx, 201, json(n));
    }

    /** The number type whose sub-resource the path names ({@code Local}, …), or null for anything else. */
    private static NumberType subResource(Context ctx) {
        String name = ctx.pathParam("Sid");
        for (NumberType type : NumberType.values()) {
            if (type.resource().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** {@code IncomingPhoneNumbers/Local.json} and its siblings: provisions a number of that type only. */
    private void create(Context ctx, NumberType type) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 201, json(numbers.create(account.sid(), type, Requests.form(ctx, "PhoneNumber"),
                changes(ctx))));
    }

    private void update(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 200, json(numbers.update(account.sid(), sid(ctx), changes(ctx))));
    }

    private void fetch(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 200, json(numbers.fetch(account.sid(), sid(ctx))));
    }

    private void delete(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        numbers.delete(account.sid(), sid(ctx));
        ctx.status(204);
    }

    /**
     * The {@code PN} SID of the path. Anything else under the resource (a sub-resource Parley does not serve, such as
     * {@code Foo.json}) is an unknown path: Twilio's 20404, whatever the method, and no other route is reached.
     */
    private static String sid(Context ctx) {
        String sid = ctx.pathParam("Sid");
        if (!sid.matches("PN[0-9a-fA-F]{32}")) {
            throw ApiException.notFound(ctx.path());
        }
        return sid;
    }

    /** The account's numbers, of one {@code type} for a sub-resource's list ({@code null}: every number). */
    private void list(Context ctx, NumberType type) {
        Account account = Requests.account(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        String phone = ctx.queryParam("PhoneNumber");
        String name = ctx.queryParam("FriendlyName");
        Page<IncomingPhoneNumber> page = numbers.list(account.sid(), phone, name, type, req);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("PhoneNumber", phone);
        filters.put("FriendlyName", name);
        String path = "/2010-04-01/Accounts/" + account.sid() + "/IncomingPhoneNumbers"
                + (type == null ? "" : "/" + type.resource()) + ".json";
        Requests.json(ctx, 200, Paging.page2010("incoming_phone_numbers", path, filters, req, page,
                page.items().stream().map(NumbersRoutes::json).toList()));
    }

    static Map<String, Object> json(IncomingPhoneNumber n) {
        IncomingPhoneNumber.Webhooks h = n.webhooks();
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("voice", false);
        capabilities.put("sms", true);
        capabilities.put("mms", true);
        capabilities.put("fax", false);
        String uri = "/2010-04-01/Accounts/" + n.accountSid() + "/IncomingPhoneNumbers/" + n.sid();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", n.accountSid());
        j.put("address_sid", null);
        j.put("address_requirements", "none");
        j.put("api_version", "2010-04-01");
        j.put("beta", false);
        j.put("capabilities", capabilities);
        j.put("date_created", Wire.rfc2822(n.dateCreated()));
        j.put("date_updated", Wire.rfc2822(n.dateUpdated()));
        j.put("friendly_name", n.friendlyName());
        j.put("identity_sid", null);
        j.put("phone_number", n.phoneNumber().e164());
        j.put("origin", "twilio");
        j.put("sid", n.sid());
        j.put("sms_application_sid", null);
        j.put("sms_fallback_method", h.smsFallbackMethod());
        j.put("sms_fallback_url", h.smsFallbackUrl());
        j.put("sms_method", h.smsMethod());
        j.put("sms_url", h.smsUrl());
        j.put("status_callback", h.statusCallback());
        j.put("status_callback_method", h.statusCallbackMethod());
        j.put("trunk_sid", null);
        j.put("uri", uri + ".json");
        j.put("voice_receive_mode", "voice");
        j.put("voice_application_sid", null);
        j.put("voice_caller_id_lookup", false);
        j.put("voice_fallback_method", "POST");
        j.put("voice_fallback_url", null);
        j.put("voice_method", "POST");
        j.put("voice_url", null);
        j.put("emergency_status", "Inactive");
        j.put("emergency_address_sid", null);
        j.put("emergency_address_status", "unregistered");
        j.put("bundle_sid", null);
        j.put("status", "in-use");
        j.put("type", n.type().wire());
        // Twilio's one subresource here is assigned_add_ons: Marketplace add-ons, which Parley does not offer.
        j.put("subresource_uris", Map.of());
        j.put("channel", n.channel());
        j.put("messages_per_second", n.messagesPerSecond());
        j.put("whatsapp_channel", n.whatsAppChannel());
        return j;
    }
}
