package dev.parley.core.message.encoding;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Twilio's Smart Encoding: replaces Unicode look-alikes with GSM-7 characters so a body that was
 * typed in a word processor stays GSM-7 and needs fewer segments.
 *
 * <p>The table follows Twilio's published "List of characters replaced by Smart Encoding" (curly
 * and angle quotes, primes and modifier apostrophes, fullwidth and small-form punctuation, digits
 * and capitals, dashes and hyphens, Unicode spaces, vulgar fractions) plus the characters Twilio's
 * own segment calculator also replaces (en and em dash, ellipsis, bullet, low-9 double quote,
 * line and paragraph separators, zero-width characters). Callers may rely on:
 * <ul>
 *   <li>only characters in that table change; everything else, including emoji and CJK text, is
 *       kept, so such a body stays UCS-2;</li>
 *   <li>every replacement is GSM-7, so a body whose only non-GSM characters are in the table
 *       comes out GSM-7;</li>
 *   <li>a replacement may be longer ({@code …} becomes {@code ...}) or empty (zero-width space).</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class SmartEncoding {

    private static final Map<Character, String> TABLE = buildTable();

    private SmartEncoding() {
    }

    /** Returns {@code body} with every character in the table replaced; the same instance when none is. */
    public static String apply(String body) {
        Objects.requireNonNull(body, "body");
        int first = firstReplaceable(body);
        if (first < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length() + 8).append(body, 0, first);
        for (int i = first; i < body.length(); i++) {
            char c = body.charAt(i);
            String replacement = TABLE.get(c);
            if (replacement != null) {
                out.append(replacement);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** What Smart Encoding puts in place of {@code c}, or empty when it keeps {@code c}. */
    public static Optional<String> replacement(char c) {
        return Optional.ofNullable(TABLE.get(c));
    }

    private static int firstReplaceable(String body) {
        for (int i = 0; i < body.length(); i++) {
            if (TABLE.containsKey(body.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Map<Character, String> buildTable() {
        Map<Character, String> t = new HashMap<>();
        // Quotes, primes and apostrophe look-alikes.
        map(t, "\"", "\u00AB\u00BB\u201C\u201D\u201E\u201F\u02BA\u02EE\u275D\u275E\u301D\u301E\uFF02");
        map(t, "'", "\u2018\u2019\u201B\u02B9\u02BB\u02BC\u02BD\u02C8\u02CA\u02CB\u00B4\u0060"
                + "\u275B\u275C\u0313\u0314\uFE10\uFE11");
        map(t, ",", "\u201A\u0326\uFE50\uFE51\uFF0C\uFF64\u3001");
        // Twilio's calculator maps U+2039 to '>' and U+203A to '<'; that reverses the glyphs, so
        // Parley keeps the direction the character points. The septet count is the same either way.
        map(t, "<", "\u2039\uFE64\uFF1C");
        map(t, ">", "\u203A\uFE65\uFF1E");

        // Dashes, hyphens and the bullet.
        map(t, "-", "\u2010\u2013\u2014\u2015\u2043\u2022\u23BC\u23BD\uFE63\uFF0D");
        map(t, "...", "\u2026");
        map(t, "!!", "\u203C");

        // Slashes, bars and fractions.
        map(t, "/", "\u00F7\u29F8\u0337\u0338\u2044\u2215\uFF0F");
        map(t, "\\", "\u29F9\u29F5\u20E5\uFE68\uFF3C");
        map(t, "|", "\u20D2\u20D3\u2223\uFF5C\u23B8\u23B9\u23D0\u239C\u239F");
        map(t, "_", "\u0332\uFF3F");
        map(t, "1/4", "\u00BC");
        map(t, "1/2", "\u00BD");
        map(t, "3/4", "\u00BE");

        // Fullwidth, small-form and ornamental punctuation.
        map(t, "@", "\uFE6B\uFF20");
        map(t, "$", "\uFE69\uFF04");
        map(t, "!", "\u01C3\uFE15\uFE57\uFF01");
        map(t, "#", "\uFE5F\uFF03");
        map(t, "%", "\uFE6A\uFF05");
        map(t, "&", "\uFE60\uFF06");
        map(t, "(", "\u2768\u276A\uFE59\uFF08\u27EE\u2985");
        map(t, ")", "\u2769\u276B\uFE5A\uFF09\u27EF\u2986");
        map(t, "*", "\u204E\u2217\u229B\u2722\u2723\u2724\u2725\u2731\u2732\u2733\u273A\u273B\u273C"
                + "\u273D\u2743\u2749\u274A\u274B\u29C6\uFE61\uFF0A");
        map(t, "+", "\u02D6\uFE62\uFF0B");
        map(t, ".", "\u3002\uFE52\uFF0E\uFF61");
        map(t, ":", "\u02D0\u02F8\u2982\uA789\uFE13\uFF1A");
        map(t, ";", "\u204F\uFE14\uFE54\uFF1B");
        map(t, "=", "\u0347\uA78A\uFE66\uFF1D");
        map(t, "?", "\uFE16\uFE56\uFF1F");
        map(t, "^", "\u02C6\u0302\uFF3E\u1DCD");
        map(t, "{", "\u2774\uFE5B\uFF5B");
        map(t, "}", "\u2775\uFE5C\uFF5D");
        map(t, "[", "\uFF3B");
        map(t, "]", "\uFF3D");
        map(t, "~", "\u02DC\u02F7\u0303\u0330\u0334\u223C\uFF5E");

        // Fullwidth digits and capitals, and small capitals (Twilio lists none for Q and X).
        for (char d = '0'; d <= '9'; d++) {
            t.put((char) ('\uFF10' + (d - '0')), String.valueOf(d));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            t.put((char) ('\uFF21' + (c - 'A')), String.valueOf(c));
        }
        String smallCapitals = "\u1D00\u0299\u1D04\u1D05\u1D07\uA730\u0262\u029C\u026A\u1D0A\u1D0B\u029F\u1D0D"
                + "\u0274\u1D0F\u1D18\u0000\u0280\uA731\u1D1B\u1D1C\u1D20\u1D21\u0000\u028F\u1D22";
        for (int i = 0; i < smallCapitals.length(); i++) {
            if (smallCapitals.charAt(i) != '\u0000') {
                t.put(smallCapitals.charAt(i), String.valueOf((char) ('A' + i)));
            }
        }

        // Unicode spaces become one plain space; invisible joiners disappear.
        map(t, " ", "\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F"
                + "\u3000\u2028\u2029");
        map(t, "", "\u200B\u2060\uFEFF");
        return Map.copyOf(t);
    }

    private static void map(Map<Character, String> table, String replacement, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            String previous = table.put(chars.charAt(i), replacement);
            if (previous != null) {
                throw new AssertionError(String.format(
                        "Smart Encoding table maps U+%04X twice (%s and %s)", (int) chars.charAt(i), previous, replacement));
            }
        }
    }
}
