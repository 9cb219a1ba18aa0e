package dev.parley.core.connection;

import dev.parley.core.connection.SmppSettings.BindType;
import dev.parley.core.connection.SmppSettings.DataCoding;
import dev.parley.core.connection.SmppSettings.IdFormat;
import dev.parley.core.connection.SmppSettings.Split;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a channel's parameters, as {@code POST /parley/v1/Channels} and {@code channel.<name>.<Parameter>} in the
 * configuration file give them (PascalCase names, text values), into its settings. Syntax and ranges only: whether
 * a {@code Failover} or a route's channel exists is {@link ChannelConnectionService}'s. Enumerations are read
 * case-insensitively; durations are seconds (decimals allowed, to the millisecond). Parameters of the other type are
 * refused rather than ignored, so a typo'd type is not silently a different channel.
 */
public final class ChannelParameters {
    /** Every parameter of {@code Type=smpp}. */
    public static final List<String> SMPP = List.of("Host", "Port", "Tls", "SystemId", "Password", "SystemType",
            "BindType", "Binds", "Window", "MaxSubmitsPerSecond", "EnquireLinkInterval", "ReconnectMin",
            "ReconnectMax", "ResponseTimeout", "SourceTon", "SourceNpi", "DestTon", "DestNpi", "DefaultDataCoding",
            "Gsm7Packed", "Split", "ResponseIdFormat", "ReceiptIdFormat", "Failover");
    /** Every parameter of {@code Type=route}. */
    public static final List<String> ROUTE = List.of("Routes");
    /** Every parameter of {@code Type=whatsapp}. */
    public static final List<String> WHATSAPP = List.of("PhoneNumberId", "BusinessAccountId", "AccessToken",
            "AppSecret", "VerifyToken", "GraphBaseUrl");
    /** Every parameter of {@code Type=twilio}. */
    public static final List<String> TWILIO = List.of("AccountSid", "AuthToken", "BaseUrl");
    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final int MAX_TOKEN = 4096;
    /** Lower-case letters, digits, '-' and '_', starting with a letter or digit: safe in a path, a key, a metric. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,253}");
    private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{1,15}");
    private static final int MAX_SYSTEM_ID = 15;
    private static final int MAX_PASSWORD = 8;
    private static final int MAX_SYSTEM_TYPE = 12;
    private static final Duration MAX_DURATION = Duration.ofHours(1);
    private static final double MAX_SUBMITS_PER_SECOND = 100_000;

    private final Map<String, String> given;

    private ChannelParameters(Map<String, String> given) {
        this.given = given;
    }

    /** {@code given}: each parameter present and its value (null values count as absent). */
    public static ChannelParameters of(Map<String, String> given) {
        return new ChannelParameters(given);
    }

    /** {@code Name}, required and well formed. */
    public static String name(String value) {
        if (value == null || value.isBlank()) {
            throw missing("Name");
        }
        if (!NAME.matcher(value).matches()) {
            throw new InvalidChannelParameter("Name", "Name must be 1 to 32 lower-case letters, digits, '-' or '_',"
                    + " starting with a letter or digit; got '" + value + "'");
        }
        return value;
    }

    /** {@code Type}, required: {@code smpp}, {@code route}, {@code whatsapp} or {@code twilio}. */
    public ChannelConnection.Type type() {
        String value = given.get("Type");
        if (value == null || value.isBlank()) {
            throw missing("Type");
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "smpp" -> ChannelConnection.Type.SMPP;
            case "route" -> ChannelConnection.Type.ROUTE;
            case "whatsapp" -> ChannelConnection.Type.WHATSAPP;
            case "twilio" -> ChannelConnection.Type.TWILIO;
            default -> throw new InvalidChannelParameter("Type", "Type must be smpp, route, whatsapp or twilio, got '"
                    + value + "'");
        };
    }

    /** Refuses the parameters of the other types than {@code type}. */
    public void onlyFor(ChannelConnection.Type type) {
        for (ChannelConnection.Type other : ChannelConnection.Type.values()) {
            if (other == type) {
                continue;
            }
            for (String p : parametersOf(other)) {
                if (given.get(p) != null && !parametersOf(type).contains(p)) {
                    throw new InvalidChannelParameter(p, p + " does not apply to a channel of Type=" + type.wire());
                }
            }
        }
    }

    /** The parameters a channel of {@code type} takes, besides {@code Name} and {@code Type}. */
    public static List<String> parametersOf(ChannelConnection.Type type) {
        return switch (type) {
            case SMPP -> SMPP;
            case ROUTE -> ROUTE;
            case WHATSAPP -> WHATSAPP;
            case TWILIO -> TWILIO;
        };
    }

    /**
     * The settings of a WhatsApp Cloud API number: {@code current}'s (null on create) with every parameter given
     * applied. On create every one is required but {@code GraphBaseUrl} (Meta's by default).
     */
    public WhatsAppSettings whatsApp(WhatsAppSettings current) {
        onlyFor(ChannelConnection.Type.WHATSAPP);
        WhatsAppSettings c = current;
        String phoneNumberId = required("PhoneNumberId", c == null ? null : c.phoneNumberId());
        graphId("PhoneNumberId", phoneNumberId);
        String businessAccountId = required("BusinessAccountId", c == null ? null : c.businessAccountId());
        graphId("BusinessAccountId", businessAccountId);
        return new WhatsAppSettings(phoneNumberId, businessAccountId,
                token("AccessToken", c == null ? null : c.accessToken()),
                token("AppSecret", c == null ? null : c.appSecret()),
                token("VerifyToken", c == null ? null : c.verifyToken()),
                baseUrl("GraphBaseUrl", c == null ? WhatsAppSettings.DEFAULT_GRAPH_BASE_URL : c.graphBaseUrl()));
    }

    /**
     * The settings of an upstream Twilio account: {@code current}'s (null on create) with every parameter given
     * applied. On create {@code AccountSid} and {@code AuthToken} are required; {@code BaseUrl} is Twilio's by default.
     */
    public TwilioSettings twilio(TwilioSettings current) {
        onlyFor(ChannelConnection.Type.TWILIO);
        TwilioSettings c = current;
        String accountSid = required("AccountSid", c == null ? null : c.accountSid());
        if (!ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new InvalidChannelParameter("AccountSid", "AccountSid must be an account SID (AC and 32 hexadecimal"
                    + " digits), got '" + accountSid + "'");
        }
        return new TwilioSettings(accountSid, token("AuthToken", c == null ? null : c.authToken()),
                baseUrl("BaseUrl", c == null ? TwilioSettings.DEFAULT_BASE_URL : c.baseUrl()));
    }

    private String required(String name, String current) {
        String value = text(name, current);
        if (value == null || value.isEmpty()) {
            throw missing(name);
        }
        return value;
    }

    private static void graphId(String name, String value) {
        if (!GRAPH_ID.matcher(value).matches()) {
            throw new InvalidChannelParameter(name, name + " must be the Graph API's numeric id, got '" + value + "'");
        }
    }

    /** A secret: required on create, stored as given, never echoed in a refusal. */
    private String token(String name, String current) {
        String value = given.get(name);
        if (value == null) {
            if (current == null) {
                throw missing(name);
            }
            return current;
        }
        if (value.isBlank() || value.length() > MAX_TOKEN || !value.strip().equals(value)) {
            throw new InvalidChannelParameter(name, name + " must be 1 to " + MAX_TOKEN + " characters without"
                    + " surrounding spaces");
        }
        return value;
    }

    /** An {@code http} or {@code https} URL without a trailing slash, query or fragment. */
    private String baseUrl(String name, String current) {
        String value = given.get(name);
        if (value == null) {
            return current;
        }
        String url = value.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidChannelParameter(name, name + " must be an http or https URL such as"
                + " 'https://graph.facebook.com/v21.0' (no query, no credentials), got '" + value + "'");
    }

    /**
     * The settings of an SMPP connection: {@code current}'s (null on create) with every parameter given applied.
     * On create {@code Host} and {@code SystemId} are required; the rest have defaults.
     */
    public SmppSettings smpp(SmppSettings current) {
        onlyFor(ChannelConnection.Type.SMPP);
        SmppSettings c = current;
        String host = text("Host", c == null ? null : c.host());
        if (host == null || host.isBlank()) {
            throw missing("Host");
        }
        if (!HOST.matcher(host).matches()) {
            throw new InvalidChannelParameter("Host", "Host must be a host name or IP address, got '" + host + "'");
        }
        String systemId = text("SystemId", c == null ? null : c.systemId());
        if (systemId == null || systemId.isEmpty()) {
            throw missing("SystemId");
        }
        max("SystemId", systemId, MAX_SYSTEM_ID);
        String password = secret(c == null ? "" : c.password());
        String systemType = text("SystemType", c == null ? "" : c.systemType());
        max("SystemType", systemType, MAX_SYSTEM_TYPE);
        Duration reconnectMin = seconds("ReconnectMin", c == null ? SmppSettings.DEFAULT_RECONNECT_MIN
                : c.reconnectMin(), Duration.ofMillis(100));
        Duration reconnectMax = seconds("ReconnectMax", c == null ? SmppSettings.DEFAULT_RECONNECT_MAX
                : c.reconnectMax(), Duration.ofMillis(100));
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new InvalidChannelParameter(given.get("ReconnectMax") != null ? "ReconnectMax" : "ReconnectMin",
                    "ReconnectMax (" + secondsText(reconnectMax) + " s) must not be less than ReconnectMin ("
                            + secondsText(reconnectMin) + " s)");
        }
        String failover = text("Failover", c == null ? null : c.failover());
        return new SmppSettings(host, integer("Port", c == null ? SmppSettings.DEFAULT_PORT : c.port(), 1, 65535),
                bool("Tls", c != null && c.tls()), systemId, password, systemType,
                choice("BindType", BindType.class, c == null ? BindType.TRANSCEIVER : c.bindType()),
                integer("Binds", c == null ? SmppSettings.DEFAULT_BINDS : c.binds(), 1, 64),
                integer("Window", c == null ? SmppSettings.DEFAULT_WINDOW : c.window(), 1, 1000),
                rate(c == null ? 0 : c.maxSubmitsPerSecond()),
                seconds("EnquireLinkInterval", c == null ? SmppSettings.DEFAULT_ENQUIRE_LINK
                        : c.enquireLinkInterval(), Duration.ofSeconds(1)),
                reconnectMin, reconnectMax,
                seconds("ResponseTimeout", c == null ? SmppSettings.DEFAULT_RESPONSE_TIMEOUT : c.responseTimeout(),
                        Duration.ofMillis(100)),
                integer("SourceTon", c == null ? 1 : c.sourceTon(), 0, 255),
                integer("SourceNpi", c == null ? 1 : c.sourceNpi(), 0, 255),
                integer("DestTon", c == null ? 1 : c.destTon(), 0, 255),
                integer("DestNpi", c == null ? 1 : c.destNpi(), 0, 255),
                dataCoding(c == null ? DataCoding.SMSC_DEFAULT : c.defaultDataCoding()),
                bool("Gsm7Packed", c != null && c.gsm7Packed()),
                choice("Split", Split.class, c == null ? Split.UDH8 : c.split()),
                choice("ResponseIdFormat", IdFormat.class, c == null ? IdFormat.STRING : c.responseIds()),
                choice("ReceiptIdFormat", IdFormat.class, c == null ? IdFormat.STRING : c.receiptIds()),
                failover == null || failover.isEmpty() ? null : failover);
    }

    /** The table of a route channel: {@code Routes} given, else {@code current} (required on create). */
    public RouteTable routes(RouteTable current) {
        onlyFor(ChannelConnection.Type.ROUTE);
        String value = given.get("Routes");
        if (value == null) {
            if (current == null) {
                throw missing("Routes");
            }
            return current;
        }
        List<RouteTable.Route> routes = new ArrayList<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            String prefix = eq < 0 ? "" : entry.substring(0, eq).strip();
            String channel = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (!prefix.equals(RouteTable.DEFAULT) && !PREFIX.matcher(prefix).matches() || channel.isEmpty()) {
                throw new InvalidChannelParameter("Routes", "Routes must be a list such as"
                        + " '+44=smpp:uk,+4420=smpp:london,*=smpp:default' (a destination prefix of 1 to 15 digits or"
                        + " *, then the channel), got '" + entry.strip() + "'");
            }
            String normalized = prefix.equals(RouteTable.DEFAULT) || prefix.startsWith("+") ? prefix : "+" + prefix;
            if (!prefixes.add(normalized)) {
                throw new InvalidChannelParameter("Routes", "Routes names the prefix " + normalized + " twice");
            }
            routes.add(new RouteTable.Route(normalized, channel));
        }
        if (routes.size() > 1000) {
            throw new InvalidChannelParameter("Routes", "Routes may hold at most 1000 entries, got " + routes.size());
        }
        return new RouteTable(routes);
    }

    private String text(String name, String current) {
        String value = given.get(name);
        return value == null ? current : value.strip();
    }

    /** The password is compared and stored as given: spaces may be part of it. */
    private String secret(String current) {
        String value = given.get("Password");
        if (value == null) {
            return current;
        }
        if (value.length() > MAX_PASSWORD) {
            // The value itself is never echoed.
            throw new InvalidChannelParameter("Password", "Password must be at most " + MAX_PASSWORD
                    + " characters long (SMPP 3.4), got " + value.length());
        }
        return value;
    }

    private static void max(String name, String value, int max) {
        if (value.length() > max) {
            throw new InvalidChannelParameter(name, name + " must be at most " + max + " characters long (SMPP 3.4),"
                    + " got " + value.length());
        }
    }

    private int integer(String name, int current, int min, int max) {
        String value = given.get(name);
        if (value == null) {
            return current;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidChannelParameter(name, name + " must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    private double rate(double current) {
        String value = given.get("MaxSubmitsPerSecond");
        if (value == null) {
            return current;
        }
        try {
            double rate = Double.parseDouble(value.strip());
            if (rate >= 0 && rate <= MAX_SUBMITS_PER_SECOND) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidChannelParameter("MaxSubmitsPerSecond", "MaxSubmitsPerSecond must be a number from 0"
                + " (no limit) to " + (long) MAX_SUBMITS_PER_SECOND + ", got '" + value + "'");
    }

    private boolean bool(String name, boolean current) {
        String value = given.get(name);
        if (value == null) {
            return current;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidChannelParameter(name, name + " must be true or false, got '" + value + "'");
        };
    }

    /** Seconds, to the millisecond, from {@code min} to an hour. */
    private Duration seconds(String name, Duration current, Duration min) {
        String value = given.get(name);
        if (value == null) {
            return current;
        }
        try {
            BigDecimal s = new BigDecimal(value.strip());
            if (s.scale() <= 3) {
                Duration d = Duration.ofMillis(s.movePointRight(3).longValueExact());
                if (d.compareTo(min) >= 0 && d.compareTo(MAX_DURATION) <= 0) {
                    return d;
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below
        }
        throw new InvalidChannelParameter(name, name + " must be a number of seconds from " + secondsText(min)
                + " to " + MAX_DURATION.toSeconds() + " (at most 3 decimals), got '" + value + "'");
    }

    /** {@code 1.5} for 1500 ms, {@code 30} for 30 s: the way {@code seconds} reads it back. */
    public static String secondsText(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private <E extends Enum<E>> E choice(String name, Class<E> type, E current) {
        String value = given.get(name);
        if (value == null) {
            return current;
        }
        String wanted = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new InvalidChannelParameter(name, name + " must be one of " + wires(type) + ", got '" + value + "'");
    }

    private DataCoding dataCoding(DataCoding current) {
        String value = given.get("DefaultDataCoding");
        if (value != null) {
            for (DataCoding d : DataCoding.values()) {
                if (value.strip().equals(String.valueOf(d.code()))) {
                    return d;
                }
            }
        }
        return choice("DefaultDataCoding", DataCoding.class, current);
    }

    /** How an enumeration value is written on the wire: {@code transmitter_receiver}. */
    public static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> String wires(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(wire(e));
        }
        return String.join(", ", names);
    }

    private static InvalidChannelParameter missing(String name) {
        return new InvalidChannelParameter(name, "Missing required parameter " + name + " in the post body");
    }
}
