package dev.parley.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.connection.RouteTable;
import dev.parley.core.connection.SmppSettings;
import dev.parley.core.connection.TwilioSettings;
import dev.parley.core.connection.WhatsAppSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's settings as the JSON text of {@code channel_connections.settings}: named fields (never the record's
 * component order), durations in milliseconds, enumerations by name. A field missing from an older row takes the
 * default, so a setting added later needs no migration.
 */
final class ChannelSettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelSettingsJson() {
    }

    static String write(SmppSettings s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("host", s.host());
        o.put("port", s.port());
        o.put("tls", s.tls());
        o.put("system_id", s.systemId());
        o.put("password", s.password());
        o.put("system_type", s.systemType());
        o.put("bind_type", s.bindType().name());
        o.put("binds", s.binds());
        o.put("window", s.window());
        o.put("max_submits_per_second", s.maxSubmitsPerSecond());
        o.put("enquire_link_interval_ms", s.enquireLinkInterval().toMillis());
        o.put("reconnect_min_ms", s.reconnectMin().toMillis());
        o.put("reconnect_max_ms", s.reconnectMax().toMillis());
        o.put("response_timeout_ms", s.responseTimeout().toMillis());
        o.put("source_ton", s.sourceTon());
        o.put("source_npi", s.sourceNpi());
        o.put("dest_ton", s.destTon());
        o.put("dest_npi", s.destNpi());
        o.put("default_data_coding", s.defaultDataCoding().name());
        o.put("gsm7_packed", s.gsm7Packed());
        o.put("split", s.split().name());
        o.put("response_id_format", s.responseIds().name());
        o.put("receipt_id_format", s.receiptIds().name());
        o.put("failover", s.failover());
        return o.toString();
    }

    static SmppSettings smpp(String json) {
        JsonNode o = parse(json);
        return new SmppSettings(o.path("host").asText(), o.path("port").asInt(SmppSettings.DEFAULT_PORT),
                o.path("tls").asBoolean(false), o.path("system_id").asText(), o.path("password").asText(""),
                o.path("system_type").asText(""),
                SmppSettings.BindType.valueOf(o.path("bind_type").asText("TRANSCEIVER")),
                o.path("binds").asInt(SmppSettings.DEFAULT_BINDS), o.path("window").asInt(SmppSettings.DEFAULT_WINDOW),
                o.path("max_submits_per_second").asDouble(0),
                millis(o, "enquire_link_interval_ms", SmppSettings.DEFAULT_ENQUIRE_LINK),
                millis(o, "reconnect_min_ms", SmppSettings.DEFAULT_RECONNECT_MIN),
                millis(o, "reconnect_max_ms", SmppSettings.DEFAULT_RECONNECT_MAX),
                millis(o, "response_timeout_ms", SmppSettings.DEFAULT_RESPONSE_TIMEOUT),
                o.path("source_ton").asInt(1), o.path("source_npi").asInt(1), o.path("dest_ton").asInt(1),
                o.path("dest_npi").asInt(1),
                SmppSettings.DataCoding.valueOf(o.path("default_data_coding").asText("SMSC_DEFAULT")),
                o.path("gsm7_packed").asBoolean(false), SmppSettings.Split.valueOf(o.path("split").asText("UDH8")),
                SmppSettings.IdFormat.valueOf(o.path("response_id_format").asText("STRING")),
                SmppSettings.IdFormat.valueOf(o.path("receipt_id_format").asText("STRING")),
                o.path("failover").isTextual() ? o.path("failover").asText() : null);
    }

    static String write(RouteTable t) {
        ObjectNode o = JSON.createObjectNode();
        var routes = o.putArray("routes");
        t.routes().forEach(r -> routes.addObject().put("prefix", r.prefix()).put("channel", r.channel()));
        return o.toString();
    }

    static RouteTable routes(String json) {
        List<RouteTable.Route> routes = new ArrayList<>();
        parse(json).path("routes").forEach(r -> routes.add(new RouteTable.Route(r.path("prefix").asText(),
                r.path("channel").asText())));
        return new RouteTable(routes);
    }

    /** The token, the app secret and the verify token are kept as SMPP's password is: in the row, never echoed. */
    static String write(WhatsAppSettings s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("phone_number_id", s.phoneNumberId());
        o.put("business_account_id", s.businessAccountId());
        o.put("access_token", s.accessToken());
        o.put("app_secret", s.appSecret());
        o.put("verify_token", s.verifyToken());
        o.put("graph_base_url", s.graphBaseUrl());
        return o.toString();
    }

    static WhatsAppSettings whatsApp(String json) {
        JsonNode o = parse(json);
        return new WhatsAppSettings(o.path("phone_number_id").asText(), o.path("business_account_id").asText(),
                o.path("access_token").asText(), o.path("app_secret").asText(), o.path("verify_token").asText(),
                o.path("graph_base_url").asText(WhatsAppSettings.DEFAULT_GRAPH_BASE_URL));
    }

    static String write(TwilioSettings s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("account_sid", s.accountSid());
        o.put("auth_token", s.authToken());
        o.put("base_url", s.baseUrl());
        return o.toString();
    }

    static TwilioSettings twilio(String json) {
        JsonNode o = parse(json);
        return new TwilioSettings(o.path("account_sid").asText(), o.path("auth_token").asText(),
                o.path("base_url").asText(TwilioSettings.DEFAULT_BASE_URL));
    }

    private static Duration millis(JsonNode o, String field, Duration otherwise) {
        return o.has(field) ? Duration.ofMillis(o.path(field).asLong()) : otherwise;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The message names the column, never the text: it holds a password or a token.
            throw new IllegalStateException("channel_connections.settings is not JSON: " + e.getOriginalMessage());
        }
    }
}
