package dev.parley.core.message.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartEncodingTest {

    @Test
    void curlyQuotesBecomeStraightQuotes() {
        assertThat(SmartEncoding.apply("\u201CIt\u2019s \u2018fine\u2019\u201D")).isEqualTo("\"It's 'fine'\"");
    }

    @Test
    void dashesAndHyphensBecomeHyphenMinus() {
        assertThat(SmartEncoding.apply("a\u2013b\u2014c\u2010d\u2015e\uFF0Df")).isEqualTo("a-b-c-d-e-f");
    }

    @Test
    void ellipsisBecomesThreeDots() {
        assertThat(SmartEncoding.apply("wait\u2026")).isEqualTo("wait...");
    }

    @Test
    void unicodeSpacesBecomeOnePlainSpaceEach() {
        assertThat(SmartEncoding.apply("a\u00A0b\u2003c\u2009d\u202Fe\u3000f")).isEqualTo("a b c d e f");
    }

    @Test
    void zeroWidthCharactersAreDropped() {
        assertThat(SmartEncoding.apply("a\u200Bb\uFEFFc\u2060d")).isEqualTo("abcd");
    }

    @ParameterizedTest(name = "U+{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "00AB | \"",
        "00BB | \"",
        "201E | \"",
        "02BA | \"",
        "02B9 | '",
        "0060 | '",
        "00B4 | '",
        "201A | `,`",
        "00BC | 1/4",
        "00BD | 1/2",
        "00BE | 3/4",
        "00F7 | /",
        "2022 | -",
        "203C | !!",
        "2039 | <",
        "203A | >",
        "FF04 | $",
        "FF20 | @",
        "FF10 | 0",
        "FF19 | 9",
        "FF21 | A",
        "FF3A | Z",
        "1D00 | A",
        "1D22 | Z",
        "FF5B | {",
        "FF5C | `|`",
        "FF5E | ~",
        "3002 | .",
    })
    void twilioTableEntries(String hex, String expected) {
        char c = (char) Integer.parseInt(hex, 16);

        assertThat(SmartEncoding.apply(String.valueOf(c))).isEqualTo(expected);
    }

    @Test
    void everyReplacementIsGsm7() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            char probe = c;
            SmartEncoding.replacement(c).ifPresent(r -> assertThat(Gsm7.canEncode(r))
                    .as("replacement for U+%04X", (int) probe).isTrue());
        }
    }

    @Test
    void noGsm7CharacterIsReplaced() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (Gsm7.canEncode(c)) {
                assertThat(SmartEncoding.replacement(c)).as("U+%04X", (int) c).isEmpty();
            }
        }
    }

    @Test
    void charactersWithoutGsmEquivalentAreKept() {
        String body = "Caf\u00E9 \u00E1 \u4E2D\u6587 \uD83D\uDE00 \u00E7";

        assertThat(SmartEncoding.apply(body)).isEqualTo(body);
    }

    @Test
    void bodyWithNothingToReplaceIsReturnedAsIs() {
        String body = "Plain GSM text @ 5\u20AC";

        assertThat(SmartEncoding.apply(body)).isSameAs(body);
    }

    @Test
    void emojiNextToReplaceableCharactersSurvivesIntact() {
        assertThat(SmartEncoding.apply("\u2018\uD83D\uDE00\u2019")).isEqualTo("'\uD83D\uDE00'");
    }
}
