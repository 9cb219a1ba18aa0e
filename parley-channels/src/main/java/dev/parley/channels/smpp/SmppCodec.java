package dev.parley.channels.smpp;

import dev.parley.core.connection.SmppSettings;
import dev.parley.core.message.encoding.Gsm7;
import dev.parley.core.message.encoding.SmsEncoding;
import dev.parley.core.message.encoding.SmsSegmenter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;

/**
 * Text to and from the message fields of SMPP 3.4 {@code submit_sm} / {@code deliver_sm}: the {@code data_coding},
 * the octets of {@code short_message} and the concatenation header. jSMPP frames the PDUs; this class decides what goes
 * in them.
 *
 * <p>Encoding follows Parley's segment rules ({@link SmsSegmenter}): text that fits GSM-7 goes in the connection's
 * default {@code data_coding} (0: GSM-7, packed or one septet per octet; 1: IA5 when the text is ASCII; 3: Latin-1 when
 * it fits Latin-1), anything else as UCS-2 ({@code data_coding} 8, UTF-16BE). The parts are Parley's segments, so the
 * number of {@code submit_sm} is the message's {@code num_segments}, with two exceptions: GSM-7 text that IA5 or Latin-1
 * cannot carry is cut as UCS-2, and a 16-bit reference header is one octet longer, leaving 152 septets or 66 code units
 * per part. A GSM-7 escape pair and a UTF-16 surrogate pair never straddle two parts. Pure and thread-safe.
 */
public final class SmppCodec {

    /** {@code esm_class} bit saying {@code short_message} starts with a user data header. */
    public static final byte UDHI = 0x40;

    static final short TAG_MESSAGE_PAYLOAD = 0x0424;
    static final short TAG_SAR_MSG_REF_NUM = 0x020C;
    static final short TAG_SAR_TOTAL_SEGMENTS = 0x020E;
    static final short TAG_SAR_SEGMENT_SEQNUM = 0x020F;

    private static final byte IEI_CONCAT_8 = 0x00;
    private static final byte IEI_CONCAT_16 = 0x08;
    private static final Charset ISO_8859_5 = Charset.forName("ISO-8859-5");
    private static final Charset ISO_8859_8 = Charset.forName("ISO-8859-8");

    private SmppCodec() {
    }

    /** The {@code data_coding} values Parley sends. */
    enum Coding {
        GSM7(0), IA5(1), LATIN1(3), UCS2(8);

        final byte dcs;

        Coding(int dcs) {
            this.dcs = (byte) dcs;
        }
    }

    /**
     * The {@code submit_sm} contents of {@code body} as {@code settings} say: its {@code data_coding},
     * {@code gsm7Packed} and {@code split}. One {@link ShortMessage} per segment, in order; a body of one segment (or
     * an empty one) is one message without header. With {@link SmppSettings.Split#PAYLOAD} always exactly one, whose
     * {@code short_message} is empty and whose {@code message_payload} holds the whole text.
     *
     * @param ref the concatenation reference shared by the parts (its low 8 bits with UDH8, low 16 otherwise)
     * @throws IllegalArgumentException if the body needs more than 255 parts
     */
    public static List<ShortMessage> encode(String body, SmppSettings settings, int ref) {
        Objects.requireNonNull(body, "body");
        Coding coding = coding(body, settings.defaultDataCoding());
        boolean packed = settings.gsm7Packed();
        SmppSettings.Split split = settings.split();
        if (split == SmppSettings.Split.PAYLOAD) {
            OptionalParameter payload = new OptionalParameter.Message_payload(octets(body, coding, packed, 0));
            return List.of(new ShortMessage(coding.dcs, (byte) 0, new byte[0], List.of(payload)));
        }
        SmsEncoding unit = coding == Coding.UCS2 ? SmsEncoding.UCS2 : SmsEncoding.GSM7;
        int capacity = unit.concatenatedSegmentCapacity() - (split == SmppSettings.Split.UDH16 ? 1 : 0);
        List<String> segments = SmsSegmenter.segments(body, unit, capacity);
        if (segments.size() <= 1) {
            return List.of(new ShortMessage(coding.dcs, (byte) 0, octets(body, coding, packed, 0), List.of()));
        }
        int total = segments.size();
        if (total > 255) {
            throw new IllegalArgumentException("Body needs " + total + " SMPP parts, at most 255 can be concatenated");
        }
        List<ShortMessage> parts = new ArrayList<>(total);
        for (int seq = 1; seq <= total; seq++) {
            String text = segments.get(seq - 1);
            parts.add(switch (split) {
                case UDH8 -> withHeader(coding, new byte[] {5, IEI_CONCAT_8, 3, (byte) ref, (byte) total, (byte) seq},
                        text, packed);
                case UDH16 -> withHeader(coding, new byte[] {6, IEI_CONCAT_16, 4, (byte) (ref >> 8), (byte) ref,
                        (byte) total, (byte) seq}, text, packed);
                case SAR -> new ShortMessage(coding.dcs, (byte) 0, octets(text, coding, packed, 0), List.of(
                        OptionalParameters.newSarMsgRefNum((short) ref),
                        OptionalParameters.newSarTotalSegments(total),
                        OptionalParameters.newSarSegmentSeqnum(seq)));
                case PAYLOAD -> throw new AssertionError("handled above");
            });
        }
        return parts;
    }

    /**
     * The text of one {@code submit_sm} / {@code deliver_sm} and its place in a concatenated message, if any: from a
     * user data header when {@code esm_class} has the UDHI bit (8- or 16-bit reference; other information elements are
     * skipped), else from the SAR TLVs. {@code message_payload}, when present, is read instead of
     * {@code short_message}. A {@code data_coding} Parley does not know is read as Latin-1, and so is a GSM-7 message
     * holding octets above 0x7F (an SMSC whose default alphabet is not GSM-7).
     *
     * @param tlvs       the PDU's optional parameters (may be null)
     * @param gsm7Packed whether {@code data_coding} 0 carries packed septets
     * @throws IllegalArgumentException if the user data header or the concatenation values are malformed
     */
    public static DecodedPart decode(byte dataCoding, byte esmClass, byte[] shortMessage, OptionalParameter[] tlvs,
            boolean gsm7Packed) {
        OptionalParameter[] params = tlvs == null ? new OptionalParameter[0] : tlvs;
        byte[] data = shortMessage == null ? new byte[0] : shortMessage;
        OptionalParameter payload = find(params, TAG_MESSAGE_PAYLOAD);
        if (payload != null) {
            data = value(payload);
        }
        int headerLength = 0;
        DecodedPart.Concat concat = null;
        if ((esmClass & UDHI) != 0) {
            Header header = header(data);
            headerLength = header.length;
            concat = header.concat;
        } else {
            concat = sar(params);
        }
        byte[] body = Arrays.copyOfRange(data, headerLength, data.length);
        return new DecodedPart(text(dataCoding & 0xFF, body, gsm7Packed, headerLength), concat);
    }

    static Coding coding(String body, SmppSettings.DataCoding defaultCoding) {
        if (!Gsm7.canEncode(body)) {
            return Coding.UCS2;
        }
        return switch (defaultCoding) {
            case SMSC_DEFAULT -> Coding.GSM7;
            case IA5 -> StandardCharsets.US_ASCII.newEncoder().canEncode(body) ? Coding.IA5 : Coding.UCS2;
            case LATIN1 -> StandardCharsets.ISO_8859_1.newEncoder().canEncode(body) ? Coding.LATIN1 : Coding.UCS2;
        };
    }

    private static ShortMessage withHeader(Coding coding, byte[] header, String text, boolean packed) {
        byte[] body = octets(text, coding, packed, header.length);
        byte[] bytes = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, bytes, header.length, body.length);
        return new ShortMessage(coding.dcs, UDHI, bytes, List.of());
    }

    private static byte[] octets(String text, Coding coding, boolean packed, int headerLength) {
        return switch (coding) {
            case GSM7 -> packed ? Gsm7.pack(Gsm7.encodeUnpacked(text), fillBits(headerLength))
                    : Gsm7.encodeUnpacked(text);
            case IA5 -> text.getBytes(StandardCharsets.US_ASCII);
            case LATIN1 -> text.getBytes(StandardCharsets.ISO_8859_1);
            case UCS2 -> text.getBytes(StandardCharsets.UTF_16BE);
        };
    }

    /** Bits that align packed septets on a septet boundary counted from the start of the user data (TS 23.040). */
    private static int fillBits(int headerLength) {
        return (7 - headerLength * 8 % 7) % 7;
    }

    private record Header(int length, DecodedPart.Concat concat) {
    }

    private static Header header(byte[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("UDHI set but the message is empty");
        }
        int length = 1 + (data[0] & 0xFF);
        if (length > data.length) {
            throw new IllegalArgumentException(
                    "User data header longer than the message (udhl=" + (length - 1) + ", length=" + data.length + ")");
        }
        DecodedPart.Concat concat = null;
        int i = 1;
        while (i < length) {
            if (i + 2 > length || i + 2 + (data[i + 1] & 0xFF) > length) {
                throw new IllegalArgumentException("Truncated information element in the user data header (offset="
                        + i + ", udhl=" + (length - 1) + ")");
            }
            int iei = data[i] & 0xFF;
            int ieLength = data[i + 1] & 0xFF;
            int at = i + 2;
            if (iei == IEI_CONCAT_8 && ieLength == 3) {
                concat = concat(data[at] & 0xFF, data[at + 1] & 0xFF, data[at + 2] & 0xFF);
            } else if (iei == IEI_CONCAT_16 && ieLength == 4) {
                concat = concat((data[at] & 0xFF) << 8 | data[at + 1] & 0xFF, data[at + 2] & 0xFF, data[at + 3] & 0xFF);
            }
            i = at + ieLength;
        }
        return new Header(length, concat);
    }

    private static DecodedPart.Concat sar(OptionalParameter[] params) {
        OptionalParameter ref = find(params, TAG_SAR_MSG_REF_NUM);
        OptionalParameter total = find(params, TAG_SAR_TOTAL_SEGMENTS);
        OptionalParameter seq = find(params, TAG_SAR_SEGMENT_SEQNUM);
        if (ref == null || total == null || seq == null) {
            return null;
        }
        return concat(unsigned(ref), unsigned(total), unsigned(seq));
    }

    /** A message of one part (or none) is a whole message, as handsets treat it. */
    private static DecodedPart.Concat concat(int ref, int total, int seq) {
        return total <= 1 ? null : new DecodedPart.Concat(ref, total, seq);
    }

    private static String text(int dcs, byte[] body, boolean packed, int headerLength) {
        if (isGsm7(dcs)) {
            return gsm7(body, packed, headerLength);
        }
        if (dcs == 0x08 || dcs >= 0x18 && dcs <= 0x1B || dcs >= 0xE0 && dcs <= 0xEF) {
            return new String(body, StandardCharsets.UTF_16BE);
        }
        return switch (dcs) {
            case 0x06 -> new String(body, ISO_8859_5);
            case 0x07 -> new String(body, ISO_8859_8);
            default -> new String(body, StandardCharsets.ISO_8859_1);
        };
    }

    /** SMPP's 0, GSM 03.38's general group without compression, message waiting groups and class group. */
    private static boolean isGsm7(int dcs) {
        return dcs == 0x00 || dcs >= 0x10 && dcs <= 0x13 || dcs >= 0xC0 && dcs <= 0xDF
                || dcs >= 0xF0 && (dcs & 0x04) == 0;
    }

    private static String gsm7(byte[] body, boolean packed, int headerLength) {
        byte[] septets = body;
        if (packed) {
            septets = Gsm7.unpack(body, fillBits(headerLength));
        } else {
            for (byte b : body) {
                if ((b & 0x80) != 0) {
                    return new String(body, StandardCharsets.ISO_8859_1);
                }
            }
        }
        if (septets.length > 0 && septets[septets.length - 1] == Gsm7.ESCAPE) {
            septets = Arrays.copyOf(septets, septets.length - 1);
        }
        return Gsm7.decodeUnpacked(septets);
    }

    static OptionalParameter find(OptionalParameter[] params, short tag) {
        for (OptionalParameter p : params) {
            if (p != null && p.tag == tag) {
                return p;
            }
        }
        return null;
    }

    /** The value octets of any TLV, whichever jSMPP class it was read into. */
    static byte[] value(OptionalParameter p) {
        byte[] serialized = p.serialize();
        return Arrays.copyOfRange(serialized, 4, serialized.length);
    }

    private static int unsigned(OptionalParameter p) {
        int v = 0;
        for (byte b : value(p)) {
            v = v << 8 | b & 0xFF;
        }
        return v;
    }
}
