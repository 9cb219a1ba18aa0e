package dev.parley.server;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.connection.ChannelParameters;
import dev.parley.core.connection.InvalidChannelParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Channels declared in {@code parley.properties}: {@code channel.<Name>.<Parameter>=value}, with the parameters
 * {@code POST /parley/v1/Channels} takes ({@code channel.uk.Type=smpp}, {@code channel.uk.Host=smsc.example.net},
 * {@code channel.uk.Window=50}, {@code channel.eu.Routes=+44=smpp:uk,*=smpp:default},
 * {@code channel.wa.Type=whatsapp} with {@code channel.wa.PhoneNumberId}…, {@code channel.up.Type=twilio} with
 * {@code channel.up.AccountSid}…). They are owned by the main account and read-only through the API. A bad name, an
 * unknown parameter or a bad value stops start-up naming the key; the message never repeats a password, token or
 * secret.
 */
final class ChannelDeclarations {
    static final String PREFIX = "channel.";
    private static final List<String> PARAMETERS = Stream.of(List.of("Type"), ChannelParameters.SMPP,
            ChannelParameters.ROUTE, ChannelParameters.WHATSAPP, ChannelParameters.TWILIO).flatMap(List::stream)
            .distinct().toList();

    private ChannelDeclarations() {
    }

    /** Adds {@code channel.<Name>.<Parameter>} to {@code into}; false when {@code key} is not a channel key at all. */
    static boolean read(String key, String value, Map<String, Map<String, String>> into) {
        if (!key.startsWith(PREFIX)) {
            return false;
        }
        String rest = key.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw new InvalidConfigException(null, "Configuration key '" + key + "' must be channel.<Name>.<Parameter>,"
                    + " e.g. channel.uk.Host");
        }
        into.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>()).put(rest.substring(dot + 1), value);
        return true;
    }

    /** Checks every declared channel as the API would (names, parameters, values); returns an unmodifiable copy. */
    static Map<String, Map<String, String>> validate(Map<String, Map<String, String>> declared) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        declared.forEach((name, params) -> {
            for (String p : params.keySet()) {
                if (!PARAMETERS.contains(p)) {
                    throw new InvalidConfigException(null, "Unknown channel parameter in configuration key '"
                            + PREFIX + name + "." + p + "'; known parameters: " + String.join(", ", PARAMETERS));
                }
            }
            connection(name, params, "AC" + "0".repeat(32), Instant.EPOCH);
            copy.put(name, Map.copyOf(params));
        });
        return Map.copyOf(copy);
    }

    /** The declared channels as the main account's, for {@code ChannelConnectionService.declare}. */
    static List<ChannelConnection> connections(Map<String, Map<String, String>> declared, String mainAccountSid,
            Instant now) {
        List<ChannelConnection> out = new ArrayList<>();
        declared.forEach((name, params) -> out.add(connection(name, params, mainAccountSid, now)));
        return out;
    }

    private static ChannelConnection connection(String name, Map<String, String> params, String accountSid,
            Instant now) {
        Map<String, String> withName = new LinkedHashMap<>(params);
        withName.put("Name", name);
        try {
            // A declared channel's SID is only used until it is stored: the stored one is kept across restarts.
            return ChannelConnectionService.parse("CN" + "0".repeat(32), accountSid, withName,
                    ChannelConnection.Source.CONFIG, now);
        } catch (InvalidChannelParameter e) {
            throw invalid(name, e);
        }
    }

    /** The refusal of a declared channel, naming its key ({@code channel.uk.Window}). */
    static InvalidConfigException invalid(String name, InvalidChannelParameter e) {
        String key = e.parameter().equals("Name") ? PREFIX + name : PREFIX + name + "." + e.parameter();
        return new InvalidConfigException(null, "Configuration key '" + key + "': " + e.getMessage());
    }
}
