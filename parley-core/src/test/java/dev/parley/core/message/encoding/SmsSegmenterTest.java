package dev.parley.core.message.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsSegmenterTest {

    private static final String EMOJI = "😀"; // U+1F600, a surrogate pair
    private static final String CJK = "中";

    @Test
    void emptyBodyHasNoSegments() {
        SegmentedBody result = SmsSegmenter.analyze("", false);

        assertThat(result.text()).isEmpty();
        assertThat(result.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(result.numSegments()).isZero();
        assertThat(result.units()).isZero();
        assertThat(result.segments()).isEmpty();
    }

    @ParameterizedTest(name = "{0} GSM chars -> {1} segments")
    @CsvSource({
        "1, 1",
        "160, 1",
        "161, 2",
        "306, 2",
        "307, 3",
        "459, 3",
        "460, 4",
    })
    void gsmSegmentBoundaries(int length, int segments) {
        SegmentedBody result = SmsSegmenter.analyze("a".repeat(length), false);

        assertThat(result.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(result.units()).isEqualTo(length);
        assertThat(result.numSegments()).isEqualTo(segments);
        assertWellFormed(result);
    }

    @Test
    void concatenatedGsmSegmentsHold153Septets() {
        SegmentedBody result = SmsSegmenter.analyze("a".repeat(307), false);

        assertThat(result.segments()).extracting(String::length).containsExactly(153, 153, 1);
    }

    @ParameterizedTest(name = "{0} UCS-2 units -> {1} segments")
    @CsvSource({
        "1, 1",
        "70, 1",
        "71, 2",
        "134, 2",
        "135, 3",
        "201, 3",
        "202, 4",
    })
    void ucs2SegmentBoundaries(int length, int segments) {
        SegmentedBody result = SmsSegmenter.analyze(CJK.repeat(length), false);

        assertThat(result.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(result.units()).isEqualTo(length);
        assertThat(result.numSegments()).isEqualTo(segments);
        assertWellFormed(result);
    }

    @Test
    void concatenatedUcs2SegmentsHold67Units() {
        SegmentedBody result = SmsSegmenter.analyze(CJK.repeat(135), false);

        assertThat(result.segments()).extracting(String::length).containsExactly(67, 67, 1);
    }

    @Test
    void extensionCharsCountTwoSeptetsTowardTheSingleSegmentLimit() {
        assertThat(SmsSegmenter.analyze("€".repeat(80), false).numSegments()).isEqualTo(1);

        SegmentedBody result = SmsSegmenter.analyze("€".repeat(81), false);

        assertThat(result.units()).isEqualTo(162);
        assertThat(result.numSegments()).isEqualTo(2);
        assertThat(result.segments()).extracting(String::length).containsExactly(76, 5);
    }

    @Test
    void extensionCharAtSegmentBoundaryMovesWholeToNextSegment() {
        // 152 septets, then '€' would need septets 153 and 154: its escape pair must not be split.
        String body = "a".repeat(152) + "€" + "b".repeat(10);

        SegmentedBody result = SmsSegmenter.analyze(body, false);

        assertThat(result.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(result.units()).isEqualTo(164);
        assertThat(result.segments()).containsExactly("a".repeat(152), "€" + "b".repeat(10));
        assertWellFormed(result);
    }

    @Test
    void extensionCharThatEndsExactlyOnTheBoundaryStaysInTheSegment() {
        String body = "a".repeat(151) + "€" + "b".repeat(10);

        SegmentedBody result = SmsSegmenter.analyze(body, false);

        assertThat(result.segments()).containsExactly("a".repeat(151) + "€", "b".repeat(10));
    }

    @Test
    void movingAnEscapePairCanAddASegment() {
        // 306 septets fit two 153-septet parts by count alone, but '{' cannot straddle septets
        // 153-154, so the first part carries 152 and one septet spills into a third part.
        String body = "a".repeat(152) + "{" + "b".repeat(152);

        SegmentedBody result = SmsSegmenter.analyze(body, false);

        assertThat(result.units()).isEqualTo(306);
        assertThat(result.numSegments()).isEqualTo(3);
        assertThat(result.segments()).extracting(Gsm7::septetCount).containsExactly(152, 153, 1);
        assertWellFormed(result);
    }

    @Test
    void emojiCountsAsTwoUcs2Units() {
        SegmentedBody result = SmsSegmenter.analyze("Hi " + EMOJI, false);

        assertThat(result.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(result.units()).isEqualTo(5);
        assertThat(result.numSegments()).isEqualTo(1);
    }

    @Test
    void thirtyFiveEmojiFillOneSegmentAndOneMoreSplits() {
        assertThat(SmsSegmenter.analyze(EMOJI.repeat(35), false).numSegments()).isEqualTo(1);

        SegmentedBody result = SmsSegmenter.analyze(EMOJI.repeat(36), false);

        assertThat(result.units()).isEqualTo(72);
        assertThat(result.numSegments()).isEqualTo(2);
        // 67 is odd: the 34th emoji would straddle the boundary, so the first part carries 66 units.
        assertThat(result.segments()).containsExactly(EMOJI.repeat(33), EMOJI.repeat(3));
        assertWellFormed(result);
    }

    @Test
    void emojiAtSegmentBoundaryIsNeverSplit() {
        String body = "x".repeat(66) + EMOJI + "y".repeat(10);

        SegmentedBody result = SmsSegmenter.analyze(body, false);

        assertThat(result.units()).isEqualTo(78);
        assertThat(result.segments()).containsExactly("x".repeat(66), EMOJI + "y".repeat(10));
        assertWellFormed(result);
    }

    @Test
    void singleSegmentUcs2MayEndWithASurrogatePair() {
        SegmentedBody result = SmsSegmenter.analyze("x".repeat(68) + EMOJI, false);

        assertThat(result.units()).isEqualTo(70);
        assertThat(result.numSegments()).isEqualTo(1);
    }

    @Test
    void oneNonGsmCharFlipsTheWholeBodyToUcs2() {
        String gsm = "a".repeat(100);

        assertThat(SmsSegmenter.analyze(gsm, false).numSegments()).isEqualTo(1);

        SegmentedBody result = SmsSegmenter.analyze(gsm + "\u2019", false);

        assertThat(result.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(result.units()).isEqualTo(101);
        assertThat(result.numSegments()).isEqualTo(2);
    }

    @Test
    void extensionCharsCountOneUnitOnceTheBodyIsUcs2() {
        SegmentedBody result = SmsSegmenter.analyze("€€€" + CJK, false);

        assertThat(result.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(result.units()).isEqualTo(4);
    }

    @Test
    void smartEncodingTurnsCurlyTextIntoGsm7WithFewerSegments() {
        String body = ("\u201CWe\u2019re open \u2014 come by\u2026\u201D ").repeat(4);

        SegmentedBody plain = SmsSegmenter.analyze(body, false);
        SegmentedBody smart = SmsSegmenter.analyze(body, true);

        assertThat(plain.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(plain.text()).isEqualTo(body);
        assertThat(plain.numSegments()).isEqualTo(2);
        assertThat(smart.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(smart.text()).isEqualTo("\"We're open - come by...\" ".repeat(4));
        assertThat(smart.numSegments()).isEqualTo(1);
        assertWellFormed(smart);
    }

    @Test
    void smartEncodingKeepsEmojiSoTheBodyStaysUcs2() {
        SegmentedBody result = SmsSegmenter.analyze("\u201CHi\u201D " + EMOJI, true);

        assertThat(result.text()).isEqualTo("\"Hi\" " + EMOJI);
        assertThat(result.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(result.units()).isEqualTo(7);
    }

    @Test
    void smartEncodingThatOnlyRemovesZeroWidthCharsCanLeaveAnEmptyBody() {
        SegmentedBody result = SmsSegmenter.analyze("\u200B", true);

        assertThat(result.numSegments()).isZero();
        assertThat(result.text()).isEmpty();
    }

    private static void assertWellFormed(SegmentedBody result) {
        assertThat(String.join("", result.segments())).isEqualTo(result.text());
        assertThat(result.segments()).hasSize(result.numSegments());
        int capacity = result.numSegments() == 1
                ? result.encoding().singleSegmentCapacity()
                : result.encoding().concatenatedSegmentCapacity();
        for (String segment : result.segments()) {
            int units = result.encoding() == SmsEncoding.GSM7 ? Gsm7.septetCount(segment) : segment.length();
            assertThat(units).isBetween(1, capacity);
            assertThat(Character.isHighSurrogate(segment.charAt(segment.length() - 1)))
                    .as("segment ends inside a surrogate pair").isFalse();
        }
    }
}
