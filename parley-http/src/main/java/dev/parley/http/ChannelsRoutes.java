package dev.parley.http;

import dev.parley.core.account.AccountService;
import dev.parley.core.account.Principal;
import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.connection.ChannelParameters;
import dev.parley.core.connection.SmppSettings;
import dev.parley.core.connection.TwilioSettings;
import dev.parley.core.connection.WhatsAppSettings;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parley's own {@code /parley/v1/Channels}: an account's SMPP carrier connections, route tables, WhatsApp Cloud API
 * numbers and upstream Twilio accounts. Create ({@code Name}, {@code Type} and the type's PascalCase parameters, see
 * {@link ChannelParameters}), list, fetch, update ({@code POST} to the channel) and delete, on the caller's account or
 * the subaccount named by {@code AccountSid}. On a twilio channel (created with {@code Type=twilio}, or updated) the
 * form's {@code AccountSid} is the upstream account, so the subaccount is then named in the query string only. Answers
 * in snake_case with the channel's live {@code state}; secrets are write-only: an answer says {@code password_set},
 * {@code access_token_set}, {@code app_secret_set}, {@code verify_token_set} or {@code auth_token_set}, never the
 * secret. A whatsapp or twilio channel also shows the URLs its provider must call ({@code webhook_url},
 * {@code status_callback_url}, {@code inbound_url}).
 */
final class ChannelsRoutes {
    private static final String BASE = "/parley/v1/Channels";
    private static final List<String> PARAMETERS = Stream.of(List.of("Name", "Type"), ChannelParameters.SMPP,
            ChannelParameters.ROUTE, ChannelParameters.WHATSAPP, ChannelParameters.TWILIO).flatMap(List::stream)
            .distinct().toList();
    private final AccountService accounts;
    private final ChannelConnectionService channels;
    private final String publicUrl;

    ChannelsRoutes(AccountService accounts, ChannelConnectionService channels, String publicUrl) {
        this.accounts = accounts;
        this.channels = channels;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(BASE, ctx -> Requests.json(ctx, 201, json(channels.create(creatingAccount(ctx), params(ctx)))));
        r.get(BASE, this::list);
        r.get(BASE + "/{Name}", ctx -> Requests.json(ctx, 200, json(channels.fetch(account(ctx),
                ctx.pathParam("Name")))));
        r.post(BASE + "/{Name}", ctx -> Requests.json(ctx, 200, json(channels.update(updatingAccount(ctx),
                ctx.pathParam("Name"), params(ctx)))));
        r.delete(BASE + "/{Name}", ctx -> {
            channels.delete(account(ctx), ctx.pathParam("Name"));
            ctx.status(204);
        });
    }

    private String account(Context ctx) {
        return Requests.actingAccount(ctx, accounts).sid();
    }

    /** A twilio channel's form {@code AccountSid} is the upstream's: the subaccount is then the query's only. */
    private String creatingAccount(Context ctx) {
        String type = Requests.form(ctx, "Type");
        return type != null && type.strip().equalsIgnoreCase(ChannelConnection.Type.TWILIO.wire())
                ? queryAccount(ctx) : account(ctx);
    }

    private String updatingAccount(Context ctx) {
        return channels.isType(ctx.pathParam("Name"), ChannelConnection.Type.TWILIO) ? queryAccount(ctx)
                : account(ctx);
    }

    private String queryAccount(Context ctx) {
        String sid = ctx.queryParam("AccountSid");
        Principal principal = Requests.principal(ctx);
        return sid == null ? principal.account().sid() : accounts.accessible(principal, sid).sid();
    }

    /** The channel parameters the form gives (the first value of each); any other parameter is not Parley's. */
    private static Map<String, String> params(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : PARAMETERS) {
            String value = Requests.form(ctx, p);
            if (value != null) {
                params.put(p, value);
            }
        }
        return params;
    }

    private void list(Context ctx) {
        PageRequest req = Paging.request(ctx);
        Page<ChannelConnection> page = channels.list(account(ctx), req);
        Requests.json(ctx, 200, Paging.pageV1("channels", publicUrl, BASE, Map.of(), req, page,
                page.items().stream().map(this::json).toList()));
    }

    private Map<String, Object> json(ChannelConnection c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("account_sid", c.accountSid());
        j.put("sid", c.sid());
        j.put("name", c.name());
        j.put("type", c.type().wire());
        j.put("channel", c.channelName());
        j.put("source", c.source().wire());
        switch (c.type()) {
            case SMPP -> smpp(j, c.smpp());
            case ROUTE -> j.put("routes", c.routes().routes().stream().map(r -> {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("prefix", r.prefix());
                route.put("channel", r.channel());
                return route;
            }).toList());
            case WHATSAPP -> whatsApp(j, c.whatsApp(), webhooks(c));
            case TWILIO -> twilio(j, c.twilio(), webhooks(c));
        }
        j.put("state", channels.state(c).map(s -> c.type() == ChannelConnection.Type.SMPP ? smppState(s)
                : httpState(s)).orElse(null));
        j.put("date_created", Wire.iso(c.dateCreated()));
        j.put("date_updated", Wire.iso(c.dateUpdated()));
        j.put("url", publicUrl + BASE + "/" + c.name());
        j.put("links", Map.of("channels", publicUrl + BASE));
        return j;
    }

    /** Every setting but the password, of which only whether one is set. */
    private static void smpp(Map<String, Object> j, SmppSettings s) {
        j.put("host", s.host());
        j.put("port", s.port());
        j.put("tls", s.tls());
        j.put("system_id", s.systemId());
        j.put("password_set", !s.password().isEmpty());
        j.put("system_type", s.systemType());
        j.put("bind_type", ChannelParameters.wire(s.bindType()));
        j.put("binds", s.binds());
        j.put("window", s.window());
        j.put("max_submits_per_second", s.maxSubmitsPerSecond());
        j.put("enquire_link_interval", seconds(s.enquireLinkInterval()));
        j.put("reconnect_min", seconds(s.reconnectMin()));
        j.put("reconnect_max", seconds(s.reconnectMax()));
        j.put("response_timeout", seconds(s.responseTimeout()));
        j.put("source_ton", s.sourceTon());
        j.put("source_npi", s.sourceNpi());
        j.put("dest_ton", s.destTon());
        j.put("dest_npi", s.destNpi());
        j.put("default_data_coding", ChannelParameters.wire(s.defaultDataCoding()));
        j.put("gsm7_packed", s.gsm7Packed());
        j.put("split", ChannelParameters.wire(s.split()));
        j.put("response_id_format", ChannelParameters.wire(s.responseIds()));
        j.put("receipt_id_format", ChannelParameters.wire(s.receiptIds()));
        j.put("failover", s.failover());
    }

    /** Where the channel's provider calls: {@code <public URL>/webhooks/<type>/<Name>}. */
    private String webhooks(ChannelConnection c) {
        return publicUrl + "/webhooks/" + c.type().wire() + "/" + c.name();
    }

    /** The ids and the Graph API's address; of the token, the app secret and the verify token only whether set. */
    private static void whatsApp(Map<String, Object> j, WhatsAppSettings s, String webhooks) {
        j.put("phone_number_id", s.phoneNumberId());
        j.put("business_account_id", s.businessAccountId());
        j.put("access_token_set", !s.accessToken().isEmpty());
        j.put("app_secret_set", !s.appSecret().isEmpty());
        j.put("verify_token_set", !s.verifyToken().isEmpty());
        j.put("graph_base_url", s.graphBaseUrl());
        j.put("webhook_url", webhooks);
    }

    /**
     * The upstream account (as {@code upstream_account_sid}: {@code account_sid} is the owner's) and its API's
     * address; of the auth token only whether set; the URLs the upstream's numbers and callbacks must use.
     */
    private static void twilio(Map<String, Object> j, TwilioSettings s, String webhooks) {
        j.put("upstream_account_sid", s.accountSid());
        j.put("auth_token_set", !s.authToken().isEmpty());
        j.put("base_url", s.baseUrl());
        j.put("status_callback_url", webhooks + "/status");
        j.put("inbound_url", webhooks + "/inbound");
    }

    /** Seconds as a JSON number, as the parameter takes them ({@code 1.5}). */
    private static BigDecimal seconds(Duration d) {
        return new BigDecimal(ChannelParameters.secondsText(d));
    }

    /** An HTTP API channel has no binds, window or receipts of its own: its status, rate and last error. */
    private static Map<String, Object> httpState(ChannelState s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("status", s.status());
        j.put("requests_per_second", s.requestsPerSecond());
        j.put("last_error", s.lastError());
        j.put("last_error_at", s.lastErrorAt() == null ? null : Wire.iso(s.lastErrorAt()));
        return j;
    }

    private static Map<String, Object> smppState(ChannelState s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("status", s.status());
        j.put("binds_up", s.bindsUp());
        j.put("binds_wanted", s.bindsWanted());
        j.put("window_in_use", s.windowInUse());
        j.put("window_size", s.windowSize());
        j.put("submits_per_second", s.submitsPerSecond());
        j.put("receipts_pending", s.receiptsPending());
        j.put("last_error", s.lastError());
        j.put("last_error_at", s.lastErrorAt() == null ? null : Wire.iso(s.lastErrorAt()));
        return j;
    }
}
