package dev.parley.core.message.encoding;

import java.util.Arrays;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its default extension table.
 *
 * <p>Works on unpacked septets: one byte per septet, each in 0x00–0x7F. {@link #pack} and {@link #unpack}
 * put septets 7 bits each into octets, as the air interface (and an SMSC configured for packed GSM-7) carries them.
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

    /**
     * Packs septets 7 bits each, least significant bit first (3GPP TS 23.038 6.1.2.1), after {@code fillBits} zero
     * bits. The fill bits align the first septet on a septet boundary counted from the start of the user data when a
     * user data header of {@code udhOctets} precedes it: {@code fillBits = (7 - udhOctets * 8 % 7) % 7}. When the last
     * octet would end with 7 spare bits, they hold a carriage return, which {@link #unpack} drops (TS 23.038
     * 6.1.2.3.1), so that they are not read as '@'. As that clause says, septets that end with a carriage return exactly
     * on an octet boundary get a second one, so that {@link #unpack} does not take the wanted one for padding: they come
     * back with one carriage return more, which a handset displays the same.
     *
     * @throws IllegalArgumentException if a byte is not a septet or {@code fillBits} is outside 0–6
     */
    public static byte[] pack(byte[] septets, int fillBits) {
        checkFill(fillBits);
        int bits = fillBits + septets.length * 7;
        int octets = (bits + 7) / 8;
        boolean endsWithCr = septets.length > 0 && septets[septets.length - 1] == '\r';
        boolean pad = octets * 8 - bits == 7 || endsWithCr && bits % 8 == 0;
        if (pad && bits % 8 == 0) {
            octets++;
        }
        byte[] out = new byte[octets];
        int bit = fillBits;
        for (int i = 0; i < septets.length + (pad ? 1 : 0); i++) {
            int septet = i < septets.length ? checkedSeptet(septets, i) : '\r';
            for (int b = 0; b < 7; b++, bit++) {
                if ((septet & (1 << b)) != 0) {
                    out[bit / 8] |= (byte) (1 << (bit % 8));
                }
            }
        }
        return out;
    }

    /**
     * The septets packed in {@code octets} after {@code fillBits}: as many as whole 7-bit groups fit; a carriage return
     * that fills exactly the last 7 bits is padding and is dropped (see {@link #pack}).
     *
     * @throws IllegalArgumentException if {@code fillBits} is outside 0–6
     */
    public static byte[] unpack(byte[] octets, int fillBits) {
        checkFill(fillBits);
        int available = octets.length * 8 - fillBits;
        if (available <= 0) {
            return new byte[0];
        }
        int count = available / 7;
        byte[] out = new byte[count];
        int bit = fillBits;
        for (int i = 0; i < count; i++) {
            int septet = 0;
            for (int b = 0; b < 7; b++, bit++) {
                if ((octets[bit / 8] & (1 << (bit % 8))) != 0) {
                    septet |= 1 << b;
                }
            }
            out[i] = (byte) septet;
        }
        boolean padded = available % 7 == 0 && out[count - 1] == '\r';
        return padded ? Arrays.copyOf(out, count - 1) : out;
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

    private static void checkFill(int fillBits) {
        if (fillBits < 0 || fillBits > 6) {
            throw new IllegalArgumentException("GSM-7 fill bits must be 0-6 (fillBits=" + fillBits + ")");
        }
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
