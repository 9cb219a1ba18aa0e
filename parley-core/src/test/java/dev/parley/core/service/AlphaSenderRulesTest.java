package dev.parley.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlphaSenderRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"P", "Parley", "Parley Co", "A-B+C_D&E", "Shop24", "ElevenChars"})
    void acceptsOneToElevenAllowedCharactersWithALetter(String text) {
        assertThat(AlphaSenderRules.check(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "TwelveChars1", "Bad#Char", "Café", " ", "-+_&"})
    void refusesOthersWith21709(String text) {
        assertThatThrownBy(() -> AlphaSenderRules.check(text)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(21709));
    }

    @Test
    void aMissingAlphaSenderIsAMissingParameter() {
        assertThatThrownBy(() -> AlphaSenderRules.check("")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(20001));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB", "FR", "DE", "IN", "AU"})
    void countriesOutsideTheListAllowAlphaSenders(String country) {
        assertThat(AlphaSenderRules.allowedIn(country)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"US", "CA", "PR", "JM", "CL", "CN", "AR", ""})
    void northAmericaAndTheListedCountriesDoNot(String country) {
        assertThat(AlphaSenderRules.allowedIn(country)).isFalse();
    }
}
