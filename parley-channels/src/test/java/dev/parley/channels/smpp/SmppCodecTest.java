package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.connection.SmppSettings.DataCoding;
import dev.parley.core.connection.SmppSettings.Split;
import dev.parley.core.message.encoding.SmsSegmenter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.junit.jupiter.api.Test;

class SmppCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void shortGsmTextIsOneUnpackedMessageWithoutHeader() {
        List<ShortMessage> parts = SmppCodec.encode("Hello {world}", CodecSettings.gsm(Split.UDH8), 7);

        assertThat(parts).hasSize(1);
        ShortMessage sm = parts.getFirst();
        assertThat(sm.dataCoding()).isEqualTo((byte) 0);
        assertThat(sm.esmClass()).isEqualTo((byte) 0);
        assertThat(sm.tlvs()).isEmpty();
        // '{' and '}' are escapes: 1B 28 and 1B 29.
        assertThat(HEX.formatHex(sm.bytes())).isEqualTo("48656c6c6f201b28776f726c641b29");
    }

    @Test
    void packedGsmMatchesTheKnownVector() {
        ShortMessage sm = SmppCodec.encode("hellohello", CodecSettings.of(DataCoding.SMSC_DEFAULT, true, Split.UDH8), 0)
                .getFirst();

        assertThat(HEX.formatHex(sm.bytes())).isEqualTo("e8329bfd4697d9ec37");
        assertThat(decode(sm, true).text()).isEqualTo("hellohello");
    }

    @Test
    void aFullSegmentOf160SeptetsPacksTo140Octets() {
        String body = "a".repeat(159) + "z";
        ShortMessage sm = SmppCodec.encode(body, CodecSettings.of(DataCoding.SMSC_DEFAULT, true, Split.UDH8), 0)
                .getFirst();

        assertThat(sm.bytes()).hasSize(140);
        assertThat(decode(sm, true).text()).isEqualTo(body);
    }

    @Test
    void sevenSpareBitsArePaddedWithCarriageReturnAndDropped() {
        // TS 23.038 6.1.2.3.1: 7 septets leave 7 spare bits, which hold CR rather than '@'.
        ShortMessage sm = SmppCodec.encode("1234567", CodecSettings.of(DataCoding.SMSC_DEFAULT, true, Split.UDH8), 0)
                .getFirst();

        assertThat(HEX.formatHex(sm.bytes())).isEqualTo("31d98c56b3dd1a");
        assertThat(decode(sm, true).text()).isEqualTo("1234567");
        assertThat(SmppCodec.decode((byte) 0, (byte) 0, HEX.parseHex("31d98c56b3dd70"), null, true).text())
                .isEqualTo("12345678");
    }

    @Test
    void longGsmTextSplitsByUdh8AtParleysSegments() {
        String body = "x".repeat(152) + "€" + "y".repeat(10);
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.gsm(Split.UDH8), 0x1A2);

        assertThat(parts).hasSize(SmsSegmenter.analyze(body, false).numSegments()).hasSize(2);
        // The euro sign (1B 65) would straddle septets 153 and 154: it opens part 2.
        assertThat(HEX.formatHex(parts.get(0).bytes(), 0, 6)).isEqualTo("050003a20201");
        assertThat(parts.get(0).bytes()).hasSize(6 + 152);
        assertThat(HEX.formatHex(parts.get(1).bytes(), 0, 8)).isEqualTo("050003a202021b65");
        assertThat(parts).allSatisfy(p -> assertThat(p.esmClass()).isEqualTo(SmppCodec.UDHI));
        assertThat(decode(parts.get(1), false)).isEqualTo(
                new DecodedPart("€" + "y".repeat(10), new DecodedPart.Concat(0xA2, 2, 2)));
    }

    @Test
    void packedPartsAfterAUdh8StartWithOneFillBit() {
        String body = "x".repeat(153) + "hellohello";
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.of(DataCoding.SMSC_DEFAULT, true, Split.UDH8), 9);

        assertThat(parts).hasSize(2);
        // 6 header octets + 153 septets and 1 fill bit = 140 octets, the air interface's limit.
        assertThat(parts.get(0).bytes()).hasSize(140);
        assertThat(HEX.formatHex(parts.get(1).bytes())).isEqualTo("050003090202" + "d06536fb8d2eb3d96f");
        assertThat(decode(parts.get(0), true).text() + decode(parts.get(1), true).text()).isEqualTo(body);
    }

    @Test
    void udh16CarriesA16BitReferenceAndOneSeptetLessPerPart() {
        String body = "b".repeat(305);
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.gsm(Split.UDH16), 0xBEEF);

        assertThat(parts).hasSize(3);
        assertThat(HEX.formatHex(parts.get(0).bytes(), 0, 7)).isEqualTo("060804beef0301");
        assertThat(parts.get(0).bytes()).hasSize(7 + 152);
        assertThat(decode(parts.get(2), false).concat()).isEqualTo(new DecodedPart.Concat(0xBEEF, 3, 3));
    }

    @Test
    void sarSplitsCarryTheReferenceInTlvs() {
        String body = "s".repeat(200);
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.gsm(Split.SAR), 0x1234);

        assertThat(parts).hasSize(2);
        ShortMessage first = parts.getFirst();
        assertThat(first.esmClass()).isZero();
        assertThat(first.bytes()).hasSize(153);
        assertThat(first.tlvs()).containsExactly(OptionalParameters.newSarMsgRefNum((short) 0x1234),
                OptionalParameters.newSarTotalSegments(2), OptionalParameters.newSarSegmentSeqnum(1));
        assertThat(decode(parts.get(1), false)).isEqualTo(
                new DecodedPart("s".repeat(47), new DecodedPart.Concat(0x1234, 2, 2)));
    }

    @Test
    void payloadIsOneMessageWithAnEmptyShortMessage() {
        String body = "p".repeat(400);
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.gsm(Split.PAYLOAD), 1);

        assertThat(parts).hasSize(1);
        assertThat(parts.getFirst().bytes()).isEmpty();
        assertThat(parts.getFirst().tlvs()).singleElement()
                .satisfies(t -> assertThat(t.tag).isEqualTo(SmppCodec.TAG_MESSAGE_PAYLOAD));
        assertThat(decode(parts.getFirst(), false)).isEqualTo(new DecodedPart(body, null));
    }

    @Test
    void ucs2PartsHold67CodeUnitsAndNeverSplitASurrogatePair() {
        String body = "д".repeat(66) + "😀" + "ж".repeat(5);
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.gsm(Split.UDH8), 3);

        assertThat(parts).hasSize(SmsSegmenter.analyze(body, false).numSegments()).hasSize(2);
        assertThat(parts.getFirst().dataCoding()).isEqualTo((byte) 8);
        assertThat(parts.getFirst().bytes()).hasSize(6 + 66 * 2);
        assertThat(decode(parts.get(1), false).text()).isEqualTo("😀" + "ж".repeat(5));
    }

    @Test
    void seventyUcs2CodeUnitsFillOneMessage() {
        String body = "ü".repeat(35) + "Я".repeat(35);
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.gsm(Split.UDH8), 3);

        assertThat(parts).singleElement().satisfies(p -> assertThat(p.bytes()).hasSize(140));
    }

    @Test
    void ia5AndLatin1CarryTextThatFitsThemAndUcs2TheRest() {
        assertThat(encodeOne("plain", DataCoding.IA5)).satisfies(sm -> {
            assertThat(sm.dataCoding()).isEqualTo((byte) 1);
            assertThat(sm.bytes()).isEqualTo("plain".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(encodeOne("café", DataCoding.IA5).dataCoding()).isEqualTo((byte) 8);
        assertThat(encodeOne("café", DataCoding.LATIN1)).satisfies(sm -> {
            assertThat(sm.dataCoding()).isEqualTo((byte) 3);
            assertThat(HEX.formatHex(sm.bytes())).isEqualTo("636166e9");
        });
        // The euro sign is GSM-7 (an escape) but not Latin-1.
        assertThat(encodeOne("5 €", DataCoding.LATIN1).dataCoding()).isEqualTo((byte) 8);
        // Text outside GSM-7 is UCS-2 whatever the default.
        assertThat(encodeOne("ÿ", DataCoding.LATIN1).dataCoding()).isEqualTo((byte) 8);
    }

    @Test
    void decodeFindsTheConcatenationAmongOtherInformationElements() {
        // Port addressing (IEI 05, 4 octets) before an 8-bit concatenation IE.
        byte[] sm = HEX.parseHex("0b" + "050415811581" + "0003070302" + "00480069");

        DecodedPart part = SmppCodec.decode((byte) 8, (byte) 0x40, sm, null, false);

        assertThat(part).isEqualTo(new DecodedPart("Hi", new DecodedPart.Concat(7, 3, 2)));
    }

    @Test
    void decodeReadsLatin1WhereTheCodingIsUnknownOrTheDefaultAlphabetIsNotGsm() {
        byte[] latin = "Grüße".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(SmppCodec.decode((byte) 0x04, (byte) 0, latin, null, false).text()).isEqualTo("Grüße");
        assertThat(SmppCodec.decode((byte) 0x0E, (byte) 0, latin, null, false).text()).isEqualTo("Grüße");
        assertThat(SmppCodec.decode((byte) 0, (byte) 0, latin, null, false).text()).isEqualTo("Grüße");
        assertThat(SmppCodec.decode((byte) 3, (byte) 0, latin, null, false).text()).isEqualTo("Grüße");
    }

    @Test
    void decodeReadsGsmDataCodingGroupsAndUcs2Class() {
        byte[] ucs2 = "Ω!".getBytes(StandardCharsets.UTF_16BE);

        assertThat(SmppCodec.decode((byte) 0x18, (byte) 0, ucs2, null, false).text()).isEqualTo("Ω!");
        assertThat(SmppCodec.decode((byte) 0xF0, (byte) 0, HEX.parseHex("10"), null, false).text()).isEqualTo("Δ");
    }

    @Test
    void decodeSkipsADanglingEscapeAndReadsUnknownEscapesAsTheBasicCharacter() {
        assertThat(SmppCodec.decode((byte) 0, (byte) 0, HEX.parseHex("41421b"), null, false).text()).isEqualTo("AB");
        assertThat(SmppCodec.decode((byte) 0, (byte) 0, HEX.parseHex("1b41"), null, false).text()).isEqualTo("A");
    }

    @Test
    void aOnePartConcatenationIsAWholeMessage() {
        byte[] sm = HEX.parseHex("050003090101" + "41");

        assertThat(SmppCodec.decode((byte) 0, (byte) 0x40, sm, null, false)).isEqualTo(new DecodedPart("A", null));
    }

    @Test
    void decodeRefusesMalformedHeaders() {
        assertThatThrownBy(() -> SmppCodec.decode((byte) 0, (byte) 0x40, new byte[0], null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmppCodec.decode((byte) 0, (byte) 0x40, HEX.parseHex("0a0003"), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("udhl=10");
        assertThatThrownBy(() -> SmppCodec.decode((byte) 0, (byte) 0x40, HEX.parseHex("0400050102"), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Truncated");
        assertThatThrownBy(() -> SmppCodec.decode((byte) 0, (byte) 0x40, HEX.parseHex("05000309030441"), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq=4");
        OptionalParameter[] badSar = {OptionalParameters.newSarMsgRefNum(1), OptionalParameters.newSarTotalSegments(2),
                OptionalParameters.newSarSegmentSeqnum(0)};
        assertThatThrownBy(() -> SmppCodec.decode((byte) 0, (byte) 0, new byte[] {0x41}, badSar, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq=0");
    }

    @Test
    void anEmptyBodyIsOneEmptyMessage() {
        assertThat(SmppCodec.encode("", CodecSettings.gsm(Split.UDH8), 0)).singleElement()
                .satisfies(sm -> assertThat(sm.bytes()).isEmpty());
    }

    private static ShortMessage encodeOne(String body, DataCoding coding) {
        return SmppCodec.encode(body, CodecSettings.of(coding, false, Split.UDH8), 0).getFirst();
    }

    static DecodedPart decode(ShortMessage sm, boolean packed) {
        return SmppCodec.decode(sm.dataCoding(), sm.esmClass(), sm.bytes(), sm.tlvArray(), packed);
    }
}
