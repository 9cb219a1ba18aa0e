package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSettings.IdFormat;
import java.math.BigInteger;

/**
 * SMSC message ids in one form, so that a response and its receipt match however each writes the id. Many SMSCs
 * answer {@code submit_sm_resp} with a hex id and write the same number in decimal in the receipt (or the reverse):
 * a numeric id is stored as its decimal value without leading zeros; an id configured as a string, as written (trimmed).
 * An id that does not read as the number the connection says is kept as written, so it can still match itself.
 */
final class SmscIds {
    /** The stored id's column holds 80 characters: a 64-digit hex id is at most 78 decimal digits. */
    static final int MAX_STORED = 80;

    private SmscIds() {
    }

    /** The id as stored and matched; never longer than {@link #MAX_STORED} (a longer one is cut, the same each time). */
    static String normalize(String id, IdFormat format) {
        String trimmed = id == null ? "" : id.trim();
        String normal = trimmed;
        if (format != IdFormat.STRING && !trimmed.isEmpty()) {
            try {
                normal = new BigInteger(trimmed, format == IdFormat.HEX ? 16 : 10).toString();
            } catch (NumberFormatException e) {
                normal = trimmed;
            }
        }
        return normal.length() > MAX_STORED ? normal.substring(0, MAX_STORED) : normal;
    }
}
