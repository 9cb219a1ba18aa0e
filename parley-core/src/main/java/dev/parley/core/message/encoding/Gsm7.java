package dev.parley.core.message.encoding;

import java.util.Arrays;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its default extension table.
 *
 * <p>Works on unpacked septets: one byte per septet, each in 0x00–0x7F. Packing eight septets into
 * seven octets is a transport concern (SMPP usually carries them unpacked) and is not done here.
 * A character from the extension table is written as the escape septet {@code 0x1B} followed by its
 * code, so it costs two septets. All methods are pure and thread-safe.
 */
public final class Gsm7 {

    /** The escape septet that introduces a character from the extension table. */
    public static final byte ESCAPE = 0x1B;

    private static final char NONE = '\uFFFF';

    /** Basic table indexed by septet; position 0x1B is the escape and maps to no character. */
    private static final String BASIC_TABLE =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ" + NONE + "ÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    private static final char[] EXTENSION_TABLE = new char[128];

    /** Septet (or escaped code, with bit 8 set) for each char up to U+20AC; -1 when absent. */
    private static final short[] ENCODE = new short['€' + 1];

    private static final int EXTENSION_FLAG = 0x100;

    static {
        if (BASIC_TABLE.length() != 128) {
            throw new AssertionError("GSM basic table has " + BASIC_TABLE.length() + " entries, expected 128");
        }
        Arrays.fill(EXTENSION_TABLE, NONE);
        EXTENSION_TABLE[0x0A] = '\f';
        EXTENSION_TABLE[0x14] = '^';
        EXTENSION_TABLE[0x28] = '{';
        EXTENSION_TABLE[0x29] = '}';
        EXTENSION_TABLE[0x2F] = '\\';
        EXTENSION_TABLE[0x3C] = '[';
        EXTENSION_TABLE[0x3D] = '~';
        EXTENSION_TABLE[0x3E] = ']';
        EXTENSION_TABLE[0x40] = '|';
        EXTENSION_TABLE[0x65] = '€';

        Arrays.fill(ENCODE, (short) -1);
        for (int septet = 0; septet < 128; septet++) {
            char c = BASIC_TABLE.charAt(septet);
            if (c != NONE) {
                ENCODE[c] = (short) septet;
            }
            char e = EXTENSION_TABLE[septet];
            if (e != NONE) {
                ENCODE[e] = (short) (EXTENSION_FLAG | septet);
            }
        }
    }

    private Gsm7() {
    }

    /** Whether every char of {@code s} is in the basic or the extension table. */
    public static boolean canEncode(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (lookup(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} is in the basic or the extension table. */
    public static boolean canEncode(char c) {
        return lookup(c) >= 0;
    }

    /** Whether {@code c} is in the extension table and so costs two septets. */
    public static boolean isExtension(char c) {
        int code = lookup(c);
        return code >= 0 && (code & EXTENSION_FLAG) != 0;
    }

    /**
     * Septets needed for {@code s}: one per basic char, two per extension char.
     *
     * @throws IllegalArgumentException if a char is not in the GSM-7 alphabet
     */
    public static int septetCount(String s) {
        int septets = 0;
        for (int i = 0; i < s.length(); i++) {
            septets += septetCount(s, i);
        }
        return septets;
    }

    /**
     * Encodes {@code s} one byte per septet; extension chars become {@code 0x1B} and their code.
     *
     * @throws IllegalArgumentException if a char is not in the GSM-7 alphabet
     */
    public static byte[] encodeUnpacked(String s) {
        byte[] out = new byte[septetCount(s)];
        int pos = 0;
        for (int i = 0; i < s.length(); i++) {
            int code = lookup(s.charAt(i));
            if ((code & EXTENSION_FLAG) != 0) {
                out[pos++] = ESCAPE;
            }
            out[pos++] = (byte) (code & 0x7F);
        }
        return out;
    }

    /**
     * Decodes unpacked septets.
     *
     * <p>An escape followed by a code the extension table does not define decodes as the basic-table
     * character for that code, which is what TS 23.038 tells a handset to display.
     *
     * @throws IllegalArgumentException if a byte is above 0x7F or the input ends with an escape
     */
    public static String decodeUnpacked(byte[] septets) {
        StringBuilder out = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int septet = checkedSeptet(septets, i);
            if (septet != ESCAPE) {
                out.append(BASIC_TABLE.charAt(septet));
                continue;
            }
            if (i + 1 == septets.length) {
                throw new IllegalArgumentException(
                        "GSM-7 input ends with a dangling escape (index=" + i + ", length=" + septets.length + ")");
            }
            int code = checkedSeptet(septets, ++i);
            char extension = EXTENSION_TABLE[code];
            // ESC ESC is reserved for a further extension table that no network uses; show a space.
            char fallback = code == ESCAPE ? ' ' : BASIC_TABLE.charAt(code);
            out.append(extension != NONE ? extension : fallback);
        }
        return out.toString();
    }

    /** Septets needed for the char at {@code index} of {@code s} (1 or 2). */
    static int septetCount(String s, int index) {
        int code = lookup(s.charAt(index));
        if (code < 0) {
            throw new IllegalArgumentException(String.format(
                    "Character U+%04X at index %d is not in the GSM-7 alphabet", (int) s.charAt(index), index));
        }
        return (code & EXTENSION_FLAG) != 0 ? 2 : 1;
    }

    private static int lookup(char c) {
        return c < ENCODE.length ? ENCODE[c] : -1;
    }

    private static int checkedSeptet(byte[] septets, int index) {
        int septet = septets[index] & 0xFF;
        if (septet > 0x7F) {
            throw new IllegalArgumentException(String.format(
                    "Byte 0x%02X at index %d is not a septet", septet, index));
        }
        return septet;
    }
}
