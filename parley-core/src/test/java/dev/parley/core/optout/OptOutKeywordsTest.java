package dev.parley.core.optout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutKeywordsTest {

    @ParameterizedTest
    @CsvSource({
            "STOP, STOP", "STOPALL, STOP", "UNSUBSCRIBE, STOP", "CANCEL, STOP", "END, STOP", "QUIT, STOP",
            "REVOKE, STOP", "OPTOUT, STOP",
            "START, START", "YES, START", "UNSTOP, START",
            "HELP, HELP", "INFO, HELP",
    })
    void everyTwilioKeywordShouldClassifyToItsFamily(String keyword, OptOutType expected) {
        assertThat(OptOutKeywords.classify(keyword)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "Stop", "sToP", "  STOP  ", "\nstop\t", "\u2003Unsubscribe\u2003"})
    void keywordShouldMatchIgnoringCaseAndSurroundingWhitespace(String body) {
        assertThat(OptOutKeywords.classify(body)).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "stop please", "please stop", "STOP.", "STOP!", "S T O P", "stop all",
            "Stopped", "yes please", "opt out", "opt-out", "helpme", "hello"})
    void bodyThatIsNotExactlyOneKeywordShouldNotClassify(String body) {
        assertThat(OptOutKeywords.classify(body)).isEmpty();
    }

    @Test
    void classificationShouldNotDependOnDefaultLocale() {
        Locale original = Locale.getDefault();
        try {
            // In Turkish, "quit".toUpperCase() is "QUİT" (dotted capital I), which is not a keyword.
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(OptOutKeywords.classify("quit")).contains(OptOutType.STOP);
            assertThat(OptOutKeywords.classify("info")).contains(OptOutType.HELP);
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void keywordFamiliesShouldNotOverlap() {
        long total = Arrays.stream(OptOutType.values()).mapToLong(t -> OptOutKeywords.keywords(t).size()).sum();

        assertThat(total).isEqualTo(13);
    }

    @Test
    void defaultRepliesShouldBeTwiliosTexts() {
        assertThat(OptOutKeywords.defaultReply(OptOutType.STOP)).isEqualTo(
                "You have successfully been unsubscribed. You will not receive any more messages from this number."
                        + " Reply START to resubscribe.");
        assertThat(OptOutKeywords.defaultReply(OptOutType.START)).isEqualTo(
                "You have successfully been re-subscribed to messages from this number. Reply HELP for help."
                        + " Reply STOP to unsubscribe. Msg&Data Rates May Apply.");
        assertThat(OptOutKeywords.defaultReply(OptOutType.HELP)).isEqualTo(
                "Reply STOP to unsubscribe. Msg&Data Rates May Apply.");
    }

    @ParameterizedTest
    @EnumSource(OptOutType.class)
    void everyDefaultReplyShouldFitOneGsm7Segment(OptOutType type) {
        // 160 GSM-7 characters: the reply must never be split or cost more than one segment.
        assertThat(OptOutKeywords.defaultReply(type)).hasSizeLessThanOrEqualTo(160).matches("[\\x20-\\x7E]+");
    }
}
