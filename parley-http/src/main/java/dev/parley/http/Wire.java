package dev.parley.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats shared by every response: Twilio's RFC 2822 dates, ISO dates for v1, prices, the JSON mapper. */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** Exactly what Twilio's SDKs parse: two-digit day, numeric zone ({@code RFC_1123} is not it). */
    private static final DateTimeFormatter RFC2822 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Wire() {
    }

    /** The last second formatted: most responses under load carry dates of the current second. */
    private record Formatted(long epochSecond, String text) {
    }

    private static volatile Formatted lastRfc2822 = new Formatted(Long.MIN_VALUE, "");

    static String rfc2822(Instant t) {
        if (t == null) {
            return null;
        }
        Formatted last = lastRfc2822;
        if (last.epochSecond() == t.getEpochSecond()) {
            return last.text();
        }
        String text = RFC2822.format(t);
        lastRfc2822 = new Formatted(t.getEpochSecond(), text);
        return text;
    }

    static String iso(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    static String price(BigDecimal p) {
        return p == null ? null : p.toPlainString();
    }
}
