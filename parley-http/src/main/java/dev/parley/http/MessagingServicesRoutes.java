package dev.parley.http;

import dev.parley.core.account.Account;
import dev.parley.core.error.ApiException;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.service.MessagingService;
import dev.parley.core.service.MessagingServiceService;
import dev.parley.core.service.ServicePhoneNumber;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /messaging/v1/Services} and their {@code PhoneNumbers} (messaging.twilio.com): Twilio's Messaging Service
 * resource. The v1 API names no account in its paths: a call acts on the account whose credentials it carries.
 * URLs in the answers are absolute, on this server.
 */
final class MessagingServicesRoutes {
    private static final String BASE = "/messaging/v1/Services";
    private final MessagingServiceService services;
    private final String publicUrl;

    MessagingServicesRoutes(MessagingServiceService services, String publicUrl) {
        this.services = services;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(BASE, this::create);
        r.get(BASE, this::list);
        r.get(BASE + "/{Sid}", this::fetch);
        r.post(BASE + "/{Sid}", this::update);
        r.delete(BASE + "/{Sid}", this::delete);
        r.post(BASE + "/{ServiceSid}/PhoneNumbers", this::addNumber);
        r.get(BASE + "/{ServiceSid}/PhoneNumbers", this::listNumbers);
        r.get(BASE + "/{ServiceSid}/PhoneNumbers/{Sid}", this::fetchNumber);
        r.delete(BASE + "/{ServiceSid}/PhoneNumbers/{Sid}", this::removeNumber);
    }

    private static Account account(Context ctx) {
        return Requests.principal(ctx).account();
    }

    private static MessagingServiceService.Changes changes(Context ctx) {
        return new MessagingServiceService.Changes(Requests.form(ctx, "FriendlyName"),
                Requests.form(ctx, "InboundRequestUrl"), Requests.form(ctx, "InboundMethod"),
                Requests.form(ctx, "FallbackUrl"), Requests.form(ctx, "FallbackMethod"),
                Requests.form(ctx, "StatusCallback"), bool(ctx, "StickySender"), bool(ctx, "MmsConverter"),
                bool(ctx, "SmartEncoding"), Requests.form(ctx, "ScanMessageContent"), bool(ctx, "FallbackToLongCode"),
                bool(ctx, "AreaCodeGeomatch"), Requests.formInt(ctx, "ValidityPeriod"),
                bool(ctx, "SynchronousValidation"), Requests.form(ctx, "Usecase"),
                bool(ctx, "UseInboundWebhookOnNumber"));
    }

    /** A boolean form parameter; null when absent. */
    private static Boolean bool(Context ctx, String name) {
        String v = Requests.form(ctx, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.badRequest(20001, name + " must be true or false, not " + v);
    }

    private void create(Context ctx) {
        Requests.json(ctx, 201, json(services.create(account(ctx).sid(), changes(ctx))));
    }

    private void fetch(Context ctx) {
        Requests.json(ctx, 200, json(services.fetch(account(ctx).sid(), ctx.pathParam("Sid"))));
    }

    private void update(Context ctx) {
        Requests.json(ctx, 200, json(services.update(account(ctx).sid(), ctx.pathParam("Sid"), changes(ctx))));
    }

    private void delete(Context ctx) {
        services.delete(account(ctx).sid(), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void list(Context ctx) {
        PageRequest req = Paging.request(ctx);
        Page<MessagingService> page = services.list(account(ctx).sid(), req);
        List<Map<String, Object>> items = page.items().stream().map(this::json).toList();
        Requests.json(ctx, 200, Paging.pageV1("services", publicUrl, BASE, Map.of(), req, page, items));
    }

    private void addNumber(Context ctx) {
        ServicePhoneNumber n = services.addNumber(account(ctx).sid(), ctx.pathParam("ServiceSid"),
                Requests.form(ctx, "PhoneNumberSid"));
        Requests.json(ctx, 201, json(n));
    }

    private void fetchNumber(Context ctx) {
        Requests.json(ctx, 200, json(services.fetchNumber(account(ctx).sid(), ctx.pathParam("ServiceSid"),
                ctx.pathParam("Sid"))));
    }

    private void listNumbers(Context ctx) {
        PageRequest req = Paging.request(ctx);
        String serviceSid = ctx.pathParam("ServiceSid");
        Page<ServicePhoneNumber> page = services.listNumbers(account(ctx).sid(), serviceSid, req);
        List<Map<String, Object>> items = page.items().stream().map(this::json).toList();
        Requests.json(ctx, 200, Paging.pageV1("phone_numbers", publicUrl, BASE + "/" + serviceSid + "/PhoneNumbers",
                Map.of(), req, page, items));
    }

    private void removeNumber(Context ctx) {
        services.removeNumber(account(ctx).sid(), ctx.pathParam("ServiceSid"), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private Map<String, Object> json(MessagingService s) {
        String url = publicUrl + BASE + "/" + s.sid();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", s.accountSid());
        j.put("sid", s.sid());
        j.put("friendly_name", s.friendlyName());
        j.put("date_created", Wire.iso(s.dateCreated()));
        j.put("date_updated", Wire.iso(s.dateUpdated()));
        j.put("inbound_request_url", s.inbound().requestUrl());
        j.put("inbound_method", s.inbound().method());
        j.put("fallback_url", s.inbound().fallbackUrl());
        j.put("fallback_method", s.inbound().fallbackMethod());
        j.put("status_callback", s.statusCallback());
        j.put("sticky_sender", s.flags().stickySender());
        j.put("mms_converter", s.flags().mmsConverter());
        j.put("smart_encoding", s.flags().smartEncoding());
        j.put("scan_message_content", s.scanMessageContent());
        j.put("fallback_to_long_code", s.flags().fallbackToLongCode());
        j.put("area_code_geomatch", s.flags().areaCodeGeomatch());
        j.put("synchronous_validation", s.flags().synchronousValidation());
        j.put("validity_period", s.validityPeriod());
        j.put("url", url);
        Map<String, Object> links = new LinkedHashMap<>();
        // Twilio also links messages (no such list under a service in its API description) and A2P 10DLC
        // registration (us_app_to_person, us_app_to_person_usecases), which Parley does not offer: left out rather
        // than pointing at a 404.
        links.put("phone_numbers", url + "/PhoneNumbers");
        links.put("short_codes", url + "/ShortCodes");
        links.put("alpha_senders", url + "/AlphaSenders");
        links.put("channel_senders", url + "/ChannelSenders");
        links.put("destination_alpha_senders", url + "/DestinationAlphaSenders");
        j.put("links", links);
        j.put("usecase", s.usecase());
        j.put("us_app_to_person_registered", s.flags().usAppToPersonRegistered());
        j.put("use_inbound_webhook_on_number", s.inbound().useWebhookOnNumber());
        return j;
    }

    private Map<String, Object> json(ServicePhoneNumber n) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", n.phoneNumberSid());
        j.put("account_sid", n.accountSid());
        j.put("service_sid", n.serviceSid());
        j.put("date_created", Wire.iso(n.dateCreated()));
        j.put("date_updated", Wire.iso(n.dateUpdated()));
        j.put("phone_number", n.phoneNumber().e164());
        j.put("country_code", n.phoneNumber().geography().country());
        j.put("capabilities", List.of("SMS", "MMS"));
        j.put("url", publicUrl + BASE + "/" + n.serviceSid() + "/PhoneNumbers/" + n.phoneNumberSid());
        return j;
    }
}
