package dev.parley.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @Test
    void parsesE164AndToleratesSpacesDashesAndParentheses() {
        assertThat(PhoneNumber.parse("+14155550100")).contains(new PhoneNumber("+14155550100"));
        assertThat(PhoneNumber.parse(" +1 (415) 555-0100 ")).contains(new PhoneNumber("+14155550100"));
        assertThat(PhoneNumber.parse("+44 20 7946 0958")).contains(new PhoneNumber("+442079460958"));
    }

    @Test
    void refusesWhatIsNotE164OrNotAPossibleNumber() {
        assertThat(PhoneNumber.parse("14155550100")).isEmpty();
        assertThat(PhoneNumber.parse("+04155550100")).isEmpty();
        assertThat(PhoneNumber.parse("+1415555010a")).isEmpty();
        assertThat(PhoneNumber.parse("+1234567890123456")).isEmpty();
        assertThat(PhoneNumber.parse("+44123")).isEmpty();
        assertThat(PhoneNumber.parse("")).isEmpty();
        assertThat(PhoneNumber.parse(null)).isEmpty();
    }

    @Test
    void theConstructorAcceptsExactlyE164Syntax() {
        assertThat(new PhoneNumber("+12").e164()).isEqualTo("+12");
        assertThat(new PhoneNumber("+123456789012345").e164()).hasSize(16);
        for (String bad : new String[] {"+1", "+1234567890123456", "+0415", "4155550100", "+1 415", "+1415x", ""}) {
            assertThatThrownBy(() -> new PhoneNumber(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new PhoneNumber(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
