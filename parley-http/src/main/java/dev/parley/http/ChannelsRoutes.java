package dev.parley.http;

import dev.parley.core.account.AccountService;
import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.connection.ChannelParameters;
import dev.parley.core.connection.SmppSettings;
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
 * Parley's own {@code /parley/v1/Channels}: an account's SMPP carrier connections and route tables. Create
 * ({@code Name}, {@code Type} and the type's PascalCase parameters, see {@link ChannelParameters}), list, fetch,
 * update ({@code POST} to the channel) and delete, on the caller's account or the subaccount named by
 * {@code AccountSid}. Answers in snake_case with the channel's live {@code state}; the password is write-only:
 * an answer says {@code password_set}, never the password.
 */
final class ChannelsRoutes {
    private static final String BASE = "/parley/v1/Channels";
    private static final List<String> PARAMETERS = Stream.of(List.of("Name", "Type"), ChannelParameters.SMPP,
            ChannelParameters.ROUTE).flatMap(List::stream).toList();
    private final AccountService accounts;
    private final ChannelConnectionService channels;
    private final String publicUrl;

    ChannelsRoutes(AccountService accounts, ChannelConnectionService channels, String publicUrl) {
        this.accounts = accounts;
        this.channels = channels;
        this.publicUrl = publicUrl;
    }

    void register(RoutesConfig r) {
        r.post(BASE, ctx -> Requests.json(ctx, 201, json(channels.create(account(ctx), params(ctx)))));
        r.get(BASE, this::list);
        r.get(BASE + "/{Name}", ctx -> Requests.json(ctx, 200, json(channels.fetch(account(ctx),
                ctx.pathParam("Name")))));
        r.post(BASE + "/{Name}", ctx -> Requests.json(ctx, 200, json(channels.update(account(ctx),
                ctx.pathParam("Name"), params(ctx)))));
        r.delete(BASE + "/{Name}", ctx -> {
            channels.delete(account(ctx), ctx.pathParam("Name"));
            ctx.status(204);
        });
    }

    private String account(Context ctx) {
        return Requests.actingAccount(ctx, accounts).sid();
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
        if (c.type() == ChannelConnection.Type.SMPP) {
            smpp(j, c.smpp());
        } else {
            j.put("routes", c.routes().routes().stream().map(r -> {
                Map<String, Object> route = new LinkedHashMap<>();
                route.put("prefix", r.prefix());
                route.put("channel", r.channel());
                return route;
            }).toList());
        }
        j.put("state", channels.state(c).map(ChannelsRoutes::state).orElse(null));
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

    /** Seconds as a JSON number, as the parameter takes them ({@code 1.5}). */
    private static BigDecimal seconds(Duration d) {
        return new BigDecimal(ChannelParameters.secondsText(d));
    }

    private static Map<String, Object> state(ChannelState s) {
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
