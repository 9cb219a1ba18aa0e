package dev.parley.core.number;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.address.PhoneNumber;
import org.junit.jupiter.api.Test;

class NumberTypeTest {

    private static NumberType of(String e164) {
        return NumberType.of(new PhoneNumber(e164));
    }

    @Test
    void tollFreeAndMobileComeFromTheCountrysPlanAndTheRestIsLocal() {
        assertThat(of("+18005550100")).isEqualTo(NumberType.TOLL_FREE);
        assertThat(of("+18885550100")).isEqualTo(NumberType.TOLL_FREE);
        assertThat(of("+448001111111")).isEqualTo(NumberType.TOLL_FREE);
        assertThat(of("+4915112345678")).isEqualTo(NumberType.MOBILE);
        assertThat(of("+447911123456")).isEqualTo(NumberType.MOBILE);
        // North American numbers are "fixed line or mobile" to libphonenumber: Twilio calls them local.
        assertThat(of("+14155550100")).isEqualTo(NumberType.LOCAL);
        assertThat(of("+442079460000")).isEqualTo(NumberType.LOCAL);
        // A range the plan does not know (Ofcom's drama numbers) is not mobile either.
        assertThat(of("+447700900123")).isEqualTo(NumberType.LOCAL);
    }

    @Test
    void wireNamesRoundTrip() {
        for (NumberType t : NumberType.values()) {
            assertThat(NumberType.fromWire(t.wire())).isEqualTo(t);
        }
        assertThat(NumberType.TOLL_FREE.resource()).isEqualTo("TollFree");
    }
}
