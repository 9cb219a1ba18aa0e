package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.NumberService;
import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
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
        r.get(BASE + ".json", this::list);
        r.get(BASE + "/{Sid}.json", this::fetch);
        r.post(BASE + "/{Sid}.json", this::update);
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

    private void update(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 200, json(numbers.update(account.sid(), ctx.pathParam("Sid"), changes(ctx))));
    }

    private void fetch(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        Requests.json(ctx, 200, json(numbers.fetch(account.sid(), ctx.pathParam("Sid"))));
    }

    private void delete(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        numbers.delete(account.sid(), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void list(Context ctx) {
        Account account = Requests.account(ctx, accounts);
        PageRequest req = Paging.request(ctx);
        String phone = ctx.queryParam("PhoneNumber");
        String name = ctx.queryParam("FriendlyName");
        Page<IncomingPhoneNumber> page = numbers.list(account.sid(), phone, name, req);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("PhoneNumber", phone);
        filters.put("FriendlyName", name);
        Requests.json(ctx, 200, Paging.page2010("incoming_phone_numbers",
                "/2010-04-01/Accounts/" + account.sid() + "/IncomingPhoneNumbers.json", filters, req, page,
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
        j.put("type", "local");
        // Twilio's one subresource here is assigned_add_ons: Marketplace add-ons, which Parley does not offer.
        j.put("subresource_uris", Map.of());
        j.put("channel", n.channel());
        j.put("messages_per_second", n.messagesPerSecond());
        j.put("whatsapp_channel", n.whatsAppChannel());
        return j;
    }
}
