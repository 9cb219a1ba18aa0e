package dev.parley.core.message.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gsm7Test {

    /** The basic table in septet order, 0x1B (escape) left out; written out independently of Gsm7. */
    private static final String BASIC_WITHOUT_ESCAPE =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final String EXTENSION = "\f^{}\\[~]|€";

    @Test
    void wholeBasicTableEncodesToSeptetsInTableOrder() {
        byte[] septets = Gsm7.encodeUnpacked(BASIC_WITHOUT_ESCAPE);

        assertThat(septets).hasSize(127);
        for (int i = 0; i < septets.length; i++) {
            int expected = i < 0x1B ? i : i + 1;
            assertThat(septets[i] & 0xFF).as("septet of %s", BASIC_WITHOUT_ESCAPE.charAt(i)).isEqualTo(expected);
        }
    }

    @Test
    void wholeAlphabetRoundTrips() {
        String alphabet = BASIC_WITHOUT_ESCAPE + EXTENSION;

        assertThat(Gsm7.decodeUnpacked(Gsm7.encodeUnpacked(alphabet))).isEqualTo(alphabet);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "@ | 00",
        "£ | 01",
        "$ | 02",
        "è | 04",
        "Ç | 09",
        "Δ | 10",
        "_ | 11",
        "Ξ | 1A",
        "É | 1F",
        "` ` | 20",
        "¤ | 24",
        "¡ | 40",
        "§ | 5F",
        "¿ | 60",
        "à | 7F",
    })
    void basicCharactersHaveKnownSeptets(String c, String hex) {
        assertThat(Gsm7.encodeUnpacked(c)).containsExactly((byte) Integer.parseInt(hex, 16));
    }

    @ParameterizedTest(name = "{0} -> 1B {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "^ | 14",
        "{ | 28",
        "} | 29",
        "\\ | 2F",
        "[ | 3C",
        "~ | 3D",
        "] | 3E",
        "`|` | 40",
        "€ | 65",
    })
    void extensionCharactersAreEscaped(String c, String hex) {
        assertThat(Gsm7.encodeUnpacked(c)).containsExactly(Gsm7.ESCAPE, (byte) Integer.parseInt(hex, 16));
    }

    @Test
    void formFeedIsEscaped0A() {
        assertThat(Gsm7.encodeUnpacked("\f")).containsExactly(0x1B, 0x0A);
    }

    @Test
    void lineBreaksAreBasicCharacters() {
        assertThat(Gsm7.encodeUnpacked("a\r\nb")).containsExactly(0x61, 0x0D, 0x0A, 0x62);
    }

    @Test
    void knownVectorEncodesAsExpected() {
        assertThat(Gsm7.encodeUnpacked("Hi €5 @ [x]"))
                .containsExactly(0x48, 0x69, 0x20, 0x1B, 0x65, 0x35, 0x20, 0x00, 0x20, 0x1B, 0x3C, 0x78, 0x1B, 0x3E);
    }

    @Test
    void extensionCharactersCountTwoSeptets() {
        assertThat(Gsm7.septetCount("abc")).isEqualTo(3);
        assertThat(Gsm7.septetCount("€")).isEqualTo(2);
        assertThat(Gsm7.septetCount("{a}")).isEqualTo(5);
        assertThat(Gsm7.septetCount("")).isZero();
    }

    @Test
    void canEncodeAcceptsOnlyTheTwoTables() {
        assertThat(Gsm7.canEncode(BASIC_WITHOUT_ESCAPE + EXTENSION)).isTrue();
        assertThat(Gsm7.canEncode("")).isTrue();
        assertThat(Gsm7.canEncode("`")).isFalse();
        assertThat(Gsm7.canEncode("ç")).as("small c cedilla is not in the table").isFalse();
        assertThat(Gsm7.canEncode("á")).isFalse();
        assertThat(Gsm7.canEncode("\t")).isFalse();
        assertThat(Gsm7.canEncode("\u001B")).as("escape is not a character").isFalse();
        assertThat(Gsm7.canEncode("\u2019")).isFalse();
        assertThat(Gsm7.canEncode("😀")).isFalse();
    }

    @Test
    void encodingANonGsmCharacterNamesItAndItsIndex() {
        assertThatThrownBy(() -> Gsm7.encodeUnpacked("ab\u2014c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+2014")
                .hasMessageContaining("index 2");
    }

    @Test
    void decodingAnUndefinedEscapeFallsBackToTheBasicTable() {
        assertThat(Gsm7.decodeUnpacked(new byte[] {0x1B, 0x41})).isEqualTo("A");
    }

    @Test
    void decodingRejectsDanglingEscapeAndEightBitBytes() {
        assertThatThrownBy(() -> Gsm7.decodeUnpacked(new byte[] {0x41, 0x1B}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dangling escape");
        assertThatThrownBy(() -> Gsm7.decodeUnpacked(new byte[] {(byte) 0x80}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x80");
    }
}
