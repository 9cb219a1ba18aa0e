package dev.parley.server.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** The generators of {@link RouteFuzzTest}: hostile and plausible path segments, query strings and bodies. */
final class FuzzValues {
    private FuzzValues() {
    }

    private static final List<String> PARAMETER_NAMES = List.of("To", "From", "Body", "MediaUrl", "FriendlyName",
            "AreaCode", "PhoneNumber", "SmsUrl", "SmsMethod", "StatusCallback", "MessagingServiceSid",
            "ValidityPeriod", "SendAt", "ScheduleType", "Identity", "Attributes", "UniqueName", "Author", "State",
            "Status", "Address", "Type", "ChatServiceSid", "MessagingBinding.Address",
            "MessagingBinding.ProxyAddress", "RoleSid", "AccountSid", "ProvideFeedback", "Outcome", "Target",
            "Configuration.Url", "Configuration.Method", "Configuration.Filters", "PreWebhookUrl",
            "PostWebhookUrl", "Filters", "Method", "AutoCreation.Enabled", "Timers.Inactive", "Timers.Closed",
            "DateCreated", "Index", "Sid", "Enabled", "Permission", "PageSize", "Page", "PageToken", "DateSent",
            "DateSent<", "DateSent>", "StartDate", "EndDate", "Category", "Order", "Handset", "Text", "NumMedia");

    /** Strings from "fine" to hostile: the pieces every generated value is made of. */
    static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("+14155550100", "+14155550101", "+442071838750", "whatsapp:+14155550102",
                        "415", "http://127.0.0.1:1/hook", "https://127.0.0.1:1/media.jpg", "GET", "POST", "true",
                        "false", "0", "1", "-1", "2147483648", "99999999999999999999", "1.5", "2025-01-01",
                        "2025-01-01T00:00:00Z", "active", "closed", "inactive", "delivered", "{}", "{\"a\":1}",
                        "[1,2]", "null", "alice", "service", "conversation", "unread", "sms", "whatsapp")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().ofMinLength(65).ofMaxLength(3000)),
                Tuple.of(1, Arbitraries.of("", " ", "\u0000", "é", "😀", "\uD800", "%", "&", "=", "\r\n", "../..")));
    }

    static Arbitrary<String> strangerSid() {
        return Combinators.combine(Arbitraries.of("AC", "PN", "SM", "SK", "MG", "IS", "CH", "MB", "IM", "US", "RL",
                "IG", "ME", "KS", "MM"), Arbitraries.strings().withChars("0123456789abcdef").ofLength(32))
                .as(String::concat);
    }

    /** A path segment as sent on the wire: well-escaped text, or escapes that are themselves malformed. */
    static Arbitrary<String> junkPathSegment() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, value().map(FuzzValues::encodePath)),
                Tuple.of(1, Arbitraries.of("%ZZ", "%", "%2", "%00", "%2F", "%2f..%2f", "..", ".", "%2e%2e", ";x",
                        "%C3", "%FF%FE", "a%20b", "~", "*", "!", "$", "'", "(", ")", ",", "@", ":")));
    }

    static Arbitrary<String> queryString() {
        Arbitrary<String> pair = Combinators.combine(name(), value())
                .as((n, v) -> enc(n) + "=" + enc(v));
        Arbitrary<String> raw = Arbitraries.of("a=%ZZ", "%", "&&", "=", "PageSize", "PageSize=", "Page=%",
                "PageToken=%00", "DateSent=2025-02-30", "To=%2B1", "a=b=c", "+=+");
        return Arbitraries.frequencyOf(Tuple.of(4, pair), Tuple.of(1, raw))
                .list().ofMinSize(1).ofMaxSize(4)
                .map(pairs -> "?" + String.join("&", pairs));
    }

    private static Arbitrary<String> name() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(PARAMETER_NAMES)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
    }

    private static Arbitrary<List<String[]>> pairs(FuzzWorld world) {
        Arbitrary<String> values = Arbitraries.frequencyOf(Tuple.of(4, value()),
                Tuple.of(2, Arbitraries.of(world.ownSids())), Tuple.of(1, Arbitraries.of(world.phoneNumbers())));
        return Combinators.combine(name(), values).as((n, v) -> new String[] {n, v}).list().ofMaxSize(6);
    }

    /**
     * A form most creates accept: the parameters they require, each present with a fitting value most of the time,
     * plus a few random ones; so the routes' accepting paths are driven too, not only their first refusal.
     */
    private static Arbitrary<List<String[]>> plausiblePairs(FuzzWorld world) {
        Map<String, Arbitrary<String>> fitting = new LinkedHashMap<>();
        fitting.put("To", Arbitraries.of("+14155550123", "+14155550124", "whatsapp:+14155550125"));
        fitting.put("From", Arbitraries.of(world.phoneNumbers()));
        fitting.put("Body", Arbitraries.strings().ofMaxLength(200));
        fitting.put("FriendlyName", Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20));
        fitting.put("Identity", Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10));
        fitting.put("AreaCode", Arbitraries.of("415", "212", "646"));
        fitting.put("Type", Arbitraries.of("sms", "whatsapp", "conversation", "service", "local"));
        fitting.put("Address", Arbitraries.of("+14155550126", "whatsapp:+14155550127"));
        fitting.put("Permission", Arbitraries.of("sendMessage", "leaveConversation"));
        fitting.put("Author", Arbitraries.of("alice", "bob"));
        fitting.put("MessagingBinding.Address", Arbitraries.of("+14155550128"));
        fitting.put("MessagingBinding.ProxyAddress", Arbitraries.of(world.phoneNumbers()));
        Arbitrary<List<String[]>> chosen = Arbitraries.just(List.of());
        for (Map.Entry<String, Arbitrary<String>> e : fitting.entrySet()) {
            Arbitrary<String> maybe = Arbitraries.frequencyOf(Tuple.of(4, e.getValue()),
                    Tuple.of(1, Arbitraries.just("")));
            chosen = chosen.flatMap(done -> maybe.map(v -> {
                List<String[]> next = new ArrayList<>(done);
                if (!v.isEmpty()) {
                    next.add(new String[] {e.getKey(), v});
                }
                return next;
            }));
        }
        return Combinators.combine(chosen, pairs(world)).as((a, b) -> {
            List<String[]> all = new ArrayList<>(a);
            all.addAll(b.subList(0, Math.min(2, b.size())));
            return all;
        });
    }

    static Arbitrary<RouteFuzzTest.FuzzBody> body(FuzzWorld world) {
        Arbitrary<RouteFuzzTest.FuzzBody> none = Arbitraries.of(new RouteFuzzTest.FuzzBody(null, null),
                new RouteFuzzTest.FuzzBody("application/x-www-form-urlencoded", null),
                new RouteFuzzTest.FuzzBody("application/x-www-form-urlencoded", new byte[0]));
        Arbitrary<RouteFuzzTest.FuzzBody> form = Combinators.combine(pairs(world), Arbitraries.of(
                "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
                "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset",
                "application/x-www-form-urlencoded; charset=bogus", "application/x-www-form-urlencoded; charset=\"\"",
                "text/plain", "application/json")).as((pairs, type) -> new RouteFuzzTest.FuzzBody(type,
                pairs.stream().map(p -> enc(p[0]) + "=" + enc(p[1])).collect(Collectors.joining("&"))
                        .getBytes(StandardCharsets.UTF_8)));
        Arbitrary<RouteFuzzTest.FuzzBody> plausible = plausiblePairs(world).map(pairs -> new RouteFuzzTest.FuzzBody(
                "application/x-www-form-urlencoded", pairs.stream().map(p -> enc(p[0]) + "=" + enc(p[1]))
                        .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<RouteFuzzTest.FuzzBody> multipart = pairs(world).map(FuzzValues::multipart);
        Arbitrary<RouteFuzzTest.FuzzBody> brokenMultipart = Combinators.combine(Arbitraries.of("multipart/form-data",
                "multipart/form-data; boundary=b0undary", "multipart/form-data; boundary=", "multipart/mixed"),
                Arbitraries.of("To=%2B14155550100&Body=hi", "", "--b0undary\r\n", "--b0undary\r\nContent-Disposition: "
                        + "form-data\r\n\r\nv\r\n--b0undary--\r\n", "--b0undary\r\nContent-Disposition: form-data; "
                        + "name=\"Body\"\r\n\r\nunterminated"))
                .as((type, text) -> new RouteFuzzTest.FuzzBody(type, text.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<RouteFuzzTest.FuzzBody> json = pairs(world).map(pairs -> new RouteFuzzTest.FuzzBody(
                "application/json", ("{" + pairs.stream().map(p -> quote(p[0]) + ":" + quote(p[1]))
                        .collect(Collectors.joining(",")) + "}").getBytes(StandardCharsets.UTF_8)));
        Arbitrary<RouteFuzzTest.FuzzBody> raw = Combinators.combine(Arbitraries.of("", "application/octet-stream",
                "image/png", "application/x-www-form-urlencoded", "text/xml", "multipart/form-data; boundary=x",
                "application/json"), Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as((type, bytes) -> new RouteFuzzTest.FuzzBody(type.isEmpty() ? null : type, bytes));
        return Arbitraries.frequencyOf(Tuple.of(2, none), Tuple.of(3, form), Tuple.of(3, plausible),
                Tuple.of(1, multipart),
                Tuple.of(1, brokenMultipart), Tuple.of(1, json), Tuple.of(1, raw));
    }

    private static RouteFuzzTest.FuzzBody multipart(List<String[]> pairs) {
        StringBuilder body = new StringBuilder();
        for (String[] p : pairs) {
            body.append("--b0undary\r\nContent-Disposition: form-data; name=\"").append(p[0].replace("\"", "%22"))
                    .append("\"\r\n\r\n").append(p[1]).append("\r\n");
        }
        body.append("--b0undary--\r\n");
        return new RouteFuzzTest.FuzzBody("multipart/form-data; boundary=b0undary",
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String encodePath(String s) {
        return enc(s).replace("+", "%20");
    }
}
