package dev.parley.core.store;

import java.util.Optional;

/** Position after a row in a newest-first list: its creation time (epoch micros) and SID as tie-breaker. */
public record Cursor(long createdMicros, String sid) {

    /** The token form used in Twilio's {@code PageToken} parameter. */
    public String token() {
        return "PA" + createdMicros + "_" + sid;
    }

    public static Optional<Cursor> parse(String token) {
        if (token == null || !token.startsWith("PA")) {
            return Optional.empty();
        }
        int sep = token.indexOf('_');
        if (sep < 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Cursor(Long.parseLong(token.substring(2, sep)), token.substring(sep + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
