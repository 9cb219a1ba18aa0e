package dev.parley.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats shared by every response: Twilio's RFC 2822 dates, ISO dates for v1, prices, JSON. */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** Exactly what Twilio's SDKs parse: two-digit day, numeric zone ({@code RFC_1123} is not it). */
    private static final DateTimeFormatter RFC2822 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Wire() {
    }

    static String rfc2822(Instant t) {
        return t == null ? null : RFC2822.format(t);
    }

    static String iso(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    static String price(BigDecimal p) {
        return p == null ? null : p.toPlainString();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
