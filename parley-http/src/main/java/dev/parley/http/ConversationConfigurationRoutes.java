package dev.parley.http;

import dev.parley.core.conversation.config.AddressConfiguration;
import dev.parley.core.conversation.config.AddressConfigurationService;
import dev.parley.core.conversation.config.ConversationConfigurationService;
import dev.parley.core.conversation.config.ServiceConfiguration;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /conversations/v1/Configuration} (the account's Conversations defaults),
 * {@code /conversations/v1/Services/{ChatServiceSid}/Configuration} (a service's default roles and reachability) and
 * {@code /conversations/v1/Configuration/Addresses} (address configurations, auto-creation). Like every v1 API, the
 * paths name no account: a call acts on the account whose credentials it carries.
 */
final class ConversationConfigurationRoutes {
    static final int MAX_PAGE = 50;
    private static final String CONFIGURATION = ConversationScope.ROOT + "/Configuration";
    private static final String ADDRESSES = CONFIGURATION + "/Addresses";
    private final ConversationConfigurationService configuration;
    private final AddressConfigurationService addresses;
    private final String publicUrl;

    ConversationConfigurationRoutes(ConversationConfigurationService configuration,
            AddressConfigurationService addresses, String publicUrl) {
        this.configuration = configuration;
        this.addresses = addresses;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.get(CONFIGURATION, this::fetch);
        r.post(CONFIGURATION, this::update);
        r.get(ConversationScope.SCOPED + "/Configuration", this::fetchService);
        r.post(ConversationScope.SCOPED + "/Configuration", this::updateService);
        r.post(ADDRESSES, this::createAddress);
        r.get(ADDRESSES, this::listAddresses);
        r.get(ADDRESSES + "/{Sid}", this::fetchAddress);
        r.post(ADDRESSES + "/{Sid}", this::updateAddress);
        r.delete(ADDRESSES + "/{Sid}", this::deleteAddress);
    }

    private static String account(Context ctx) {
        return Requests.principal(ctx).account().sid();
    }

    private void fetch(Context ctx) {
        Requests.json(ctx, 200, json(configuration.fetch(account(ctx))));
    }

    private void update(Context ctx) {
        Requests.json(ctx, 200, json(configuration.update(account(ctx), new ConversationConfigurationService.Changes(
                Requests.form(ctx, "DefaultChatServiceSid"), Requests.form(ctx, "DefaultMessagingServiceSid"),
                Requests.form(ctx, "DefaultInactiveTimer"), Requests.form(ctx, "DefaultClosedTimer")))));
    }

    private void fetchService(Context ctx) {
        Requests.json(ctx, 200, json(configuration.fetchService(account(ctx), ctx.pathParam("ChatServiceSid"))));
    }

    private void updateService(Context ctx) {
        Requests.json(ctx, 200, json(configuration.updateService(account(ctx), ctx.pathParam("ChatServiceSid"),
                new ConversationConfigurationService.ServiceChanges(
                        Requests.form(ctx, "DefaultConversationCreatorRoleSid"),
                        Requests.form(ctx, "DefaultConversationRoleSid"),
                        Requests.form(ctx, "DefaultChatServiceRoleSid"), Requests.form(ctx, "ReachabilityEnabled")))));
    }

    private static AddressConfigurationService.AutoCreationChanges autoCreation(Context ctx) {
        List<String> filters = Requests.formList(ctx, "AutoCreation.WebhookFilters");
        return new AddressConfigurationService.AutoCreationChanges(Requests.form(ctx, "AutoCreation.Enabled"),
                Requests.form(ctx, "AutoCreation.Type"), Requests.form(ctx, "AutoCreation.ConversationServiceSid"),
                Requests.form(ctx, "AutoCreation.WebhookUrl"), Requests.form(ctx, "AutoCreation.WebhookMethod"),
                filters.isEmpty() ? null : filters, Requests.form(ctx, "AutoCreation.StudioFlowSid"),
                Requests.form(ctx, "AutoCreation.StudioRetryCount"));
    }

    private void createAddress(Context ctx) {
        Requests.json(ctx, 201, json(addresses.create(account(ctx), new AddressConfigurationService.Creation(
                Requests.form(ctx, "Type"), Requests.form(ctx, "Address"), Requests.form(ctx, "FriendlyName"),
                Requests.form(ctx, "AddressCountry"), autoCreation(ctx)))));
    }

    private void fetchAddress(Context ctx) {
        Requests.json(ctx, 200, json(addresses.fetch(account(ctx), ctx.pathParam("Sid"))));
    }

    private void updateAddress(Context ctx) {
        Requests.json(ctx, 200, json(addresses.update(account(ctx), ctx.pathParam("Sid"),
                Requests.form(ctx, "FriendlyName"), autoCreation(ctx))));
    }

    private void deleteAddress(Context ctx) {
        addresses.delete(account(ctx), ctx.pathParam("Sid"));
        ctx.status(204);
    }

    private void listAddresses(Context ctx) {
        PageRequest req = Paging.request(ctx, MAX_PAGE);
        String type = ctx.queryParam("Type");
        Page<AddressConfiguration> page = addresses.list(account(ctx), type, req);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("Type", type);
        Requests.json(ctx, 200, Paging.pageV1("address_configurations", publicUrl, ADDRESSES, filters, req, page,
                page.items().stream().map(this::json).toList()));
    }

    private Map<String, Object> json(ConversationConfigurationService.Configuration c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", c.accountSid());
        j.put("default_chat_service_sid", c.defaultChatServiceSid());
        j.put("default_messaging_service_sid", c.defaults().messagingServiceSid());
        j.put("default_inactive_timer", c.defaults().inactiveTimer());
        j.put("default_closed_timer", c.defaults().closedTimer());
        j.put("url", publicUrl + CONFIGURATION);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("service", publicUrl + ConversationScope.ROOT + "/Services/" + c.defaultChatServiceSid()
                + "/Configuration");
        links.put("webhooks", publicUrl + CONFIGURATION + "/Webhooks");
        j.put("links", links);
        return j;
    }

    private Map<String, Object> json(ServiceConfiguration c) {
        String url = publicUrl + ConversationScope.ROOT + "/Services/" + c.chatServiceSid() + "/Configuration";
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("chat_service_sid", c.chatServiceSid());
        j.put("default_conversation_creator_role_sid", c.conversationCreatorRoleSid());
        j.put("default_conversation_role_sid", c.conversationRoleSid());
        j.put("default_chat_service_role_sid", c.chatServiceRoleSid());
        j.put("url", url);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("notifications", url + "/Notifications");
        links.put("webhooks", url + "/Webhooks");
        j.put("links", links);
        j.put("reachability_enabled", c.reachabilityEnabled());
        return j;
    }

    private Map<String, Object> json(AddressConfiguration a) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sid", a.sid());
        j.put("account_sid", a.accountSid());
        j.put("type", a.type());
        j.put("address", a.address());
        j.put("friendly_name", a.friendlyName());
        AddressConfiguration.AutoCreation auto = a.autoCreation();
        Map<String, Object> autoJson = new LinkedHashMap<>();
        autoJson.put("enabled", auto.enabled());
        autoJson.put("type", auto.type());
        autoJson.put("conversation_service_sid", auto.conversationServiceSid());
        autoJson.put("webhook_url", auto.webhookUrl());
        autoJson.put("webhook_method", auto.webhookMethod());
        autoJson.put("webhook_filters", auto.webhookFilters());
        autoJson.put("studio_flow_sid", auto.studioFlowSid());
        autoJson.put("studio_retry_count", auto.studioRetryCount());
        j.put("auto_creation", autoJson);
        j.put("date_created", Wire.iso(a.dateCreated()));
        j.put("date_updated", Wire.iso(a.dateUpdated()));
        j.put("url", publicUrl + ADDRESSES + "/" + a.sid());
        j.put("address_country", a.addressCountry());
        return j;
    }
}
