package dev.parley.core.message.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Gsm7PackingTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void packsTheClassicVector() {
        assertThat(HEX.formatHex(Gsm7.pack(Gsm7.encodeUnpacked("hellohello"), 0))).isEqualTo("e8329bfd4697d9ec37");
        assertThat(Gsm7.decodeUnpacked(Gsm7.unpack(HEX.parseHex("e8329bfd4697d9ec37"), 0))).isEqualTo("hellohello");
    }

    @Test
    void eightSeptetsFillSevenOctets() {
        assertThat(HEX.formatHex(Gsm7.pack(Gsm7.encodeUnpacked("12345678"), 0))).isEqualTo("31d98c56b3dd70");
        assertThat(Gsm7.pack(Gsm7.encodeUnpacked("a".repeat(160)), 0)).hasSize(140);
    }

    @Test
    void sevenSpareBitsHoldACarriageReturnThatUnpackDrops() {
        byte[] packed = Gsm7.pack(Gsm7.encodeUnpacked("1234567"), 0);

        assertThat(HEX.formatHex(packed)).isEqualTo("31d98c56b3dd1a");
        assertThat(Gsm7.decodeUnpacked(Gsm7.unpack(packed, 0))).isEqualTo("1234567");
    }

    @Test
    void aWantedCarriageReturnOnAnOctetBoundaryComesBackDoubled() {
        byte[] packed = Gsm7.pack(Gsm7.encodeUnpacked("1234567\r"), 0);

        assertThat(packed).hasSize(8);
        assertThat(Gsm7.decodeUnpacked(Gsm7.unpack(packed, 0))).isEqualTo("1234567\r\r");
    }

    @Test
    void fillBitsShiftTheSeptets() {
        assertThat(HEX.formatHex(Gsm7.pack(Gsm7.encodeUnpacked("hello"), 1))).isEqualTo("d06536fb0d");
        assertThat(Gsm7.decodeUnpacked(Gsm7.unpack(HEX.parseHex("d06536fb0d"), 1))).isEqualTo("hello");
    }

    @Test
    void refusesFillOutsideASeptet() {
        assertThatThrownBy(() -> Gsm7.pack(new byte[] {1}, 7)).hasMessageContaining("fillBits=7");
        assertThatThrownBy(() -> Gsm7.pack(new byte[] {(byte) 0x80}, 0)).hasMessageContaining("0x80");
    }

    @Test
    void segmentsCutAtTheGivenCapacity() {
        assertThat(SmsSegmenter.segments("a".repeat(160), SmsEncoding.GSM7, 152)).hasSize(1);
        assertThat(SmsSegmenter.segments("a".repeat(161), SmsEncoding.GSM7, 152)).extracting(String::length)
                .containsExactly(152, 9);
        assertThat(SmsSegmenter.segments("abc", SmsEncoding.UCS2, 66)).containsExactly("abc");
        assertThat(SmsSegmenter.segments("", SmsEncoding.UCS2, 66)).isEmpty();
    }
}
