package dev.parley.store;

import dev.parley.core.conversation.live.LiveEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A live event as the text of a PostgreSQL {@code NOTIFY} payload: {@code 1|type|account|conversation|sid|index|identity},
 * an empty field for null. The identity goes last, so it may hold the separator; a payload past PostgreSQL's limit
 * (8000 bytes) leaves the identity out: listeners read what they show from the store anyway.
 */
final class LiveEventCodec {
    private static final String VERSION = "1";
    private static final int MAX_BYTES = 7900;

    private LiveEventCodec() {
    }

    static String encode(LiveEvent e) {
        String head = VERSION + '|' + field(e.type()) + '|' + field(e.accountSid()) + '|'
                + field(e.conversationSid()) + '|' + field(e.sid()) + '|' + e.index() + '|';
        String full = head + (e.identity() == null ? "" : e.identity());
        return full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES ? full : head;
    }

    /** The event, or empty for a payload this version does not read (a newer node's, or not Parley's). */
    static Optional<LiveEvent> decode(String payload) {
        String[] f = payload.split("\\|", 7);
        if (f.length != 7 || !f[0].equals(VERSION) || f[1].isEmpty()) {
            return Optional.empty();
        }
        long index;
        try {
            index = Long.parseLong(f[5]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new LiveEvent(value(f[2]), value(f[3]), f[1], value(f[4]), index, value(f[6])));
    }

    private static String field(String value) {
        if (value != null && value.indexOf('|') >= 0) {
            // Types and SIDs never hold one; refuse rather than write a payload that decodes to something else.
            throw new IllegalArgumentException("a live event's type and SIDs must not contain '|': " + value);
        }
        return value == null ? "" : value;
    }

    private static String value(String field) {
        return field.isEmpty() ? null : field;
    }
}
