package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmppAddressesTest {

    @Test
    void internationalTonIsTheDigitsAfterAPlus() {
        assertThat(SmppAddresses.e164("447700900123", 1, null)).contains("+447700900123");
        assertThat(SmppAddresses.e164("00447700900123", 1, null)).contains("+447700900123");
        assertThat(SmppAddresses.e164("+44 7700 900123", 1, null)).contains("+447700900123");
    }

    @Test
    void nationalTonIsReadInTheGivenCountry() {
        assertThat(SmppAddresses.e164("07700900123", 2, "GB")).contains("+447700900123");
        assertThat(SmppAddresses.e164("4155550123", 2, "US")).contains("+14155550123");
        assertThat(SmppAddresses.e164("07700900123", 2, null)).as("no country to read it in").isEmpty();
    }

    @Test
    void unknownTonReadsPlusAndDoubleZeroAsInternationalAndOneZeroAsNational() {
        assertThat(SmppAddresses.e164("14155550123", 0, "GB")).contains("+14155550123");
        assertThat(SmppAddresses.e164("0014155550123", 0, "GB")).contains("+14155550123");
        assertThat(SmppAddresses.e164("07700900123", 0, "GB")).contains("+447700900123");
    }

    @Test
    void shortCodesStayDigitsUnlessSentAsInternational() {
        assertThat(SmppAddresses.destination("12345", 3, null)).contains("12345");
        assertThat(SmppAddresses.destination("12345", 0, null)).contains("12345");
        assertThat(SmppAddresses.destination("14155550100", 1, null)).contains("+14155550100");
    }

    @Test
    void textIsNotANumber() {
        assertThat(SmppAddresses.e164("ACME", 5, "GB")).isEmpty();
        assertThat(SmppAddresses.e164("", 1, null)).isEmpty();
        assertThat(SmppAddresses.e164(null, 1, null)).isEmpty();
        assertThat(SmppAddresses.regionOf("+447700900123")).isEqualTo("GB");
    }
}
