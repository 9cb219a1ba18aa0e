package dev.parley.core.id;

import java.util.regex.Pattern;

/** Shape checks for SIDs received from callers. */
public final class Sids {
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");

    private Sids() {
    }

    public static boolean looksLike(String prefix, String sid) {
        return sid != null && sid.startsWith(prefix) && SHAPE.matcher(sid).matches();
    }
}
