package dev.parley.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

    private static final String TOKEN = "12345";

    /** The request Twilio's own SDK uses as its signature test vector (twilio-java RequestValidatorTest). */
    private static final String VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> VECTOR_PARAMS = Map.of(
            "Digits", List.of("1234"),
            "CallSid", List.of("CA1234567890ABCDE"),
            "To", List.of("+18005551212"),
            "Caller", List.of("+14158675309"),
            "From", List.of("+14158675309"));

    @Test
    void signShouldReproduceTwiliosPublishedVector() {
        assertThat(RequestSignature.sign(TOKEN, VECTOR_URL, VECTOR_PARAMS))
                .isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void signShouldReproduceTwiliosVectorForHttpUrlWithExplicitPort() {
        String url = "http://mycompany.com:1234/myapp.php?foo=1&bar=2";

        assertThat(RequestSignature.sign(TOKEN, url, VECTOR_PARAMS)).isEqualTo("Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
    }

    @Test
    void signatureShouldBeAcceptedByTwilioValidatorForUrlWithNonDefaultPort() {
        String url = "https://parley.example.test:8443/webhooks/sms";
        Map<String, List<String>> params = inboundSms();

        String signature = RequestSignature.sign("a1b2c3d4e5f6", url, params);

        assertThat(new RequestValidator("a1b2c3d4e5f6").validate(url, singleValued(params), signature)).isTrue();
    }

    @Test
    void signatureShouldBeAcceptedByTwilioValidatorForUrlWithQueryString() {
        String url = "https://parley.example.test/webhooks/sms?tenant=acme&retry=1";
        Map<String, List<String>> params = inboundSms();

        String signature = RequestSignature.sign("a1b2c3d4e5f6", url, params);

        assertThat(new RequestValidator("a1b2c3d4e5f6").validate(url, singleValued(params), signature)).isTrue();
    }

    @Test
    void signatureShouldBeAcceptedByTwilioValidatorForNonAsciiBody() {
        String url = "https://parley.example.test/webhooks/sms";
        Map<String, List<String>> params = Map.of("Body", List.of("Grüße 👋 ñ"), "From", List.of("+4915112345678"));

        String signature = RequestSignature.sign(TOKEN, url, params);

        assertThat(new RequestValidator(TOKEN).validate(url, singleValued(params), signature)).isTrue();
    }

    @Test
    void signaturesWithSeveralKeysInTurnEachMatchTheirOwnKey() {
        Map<String, List<String>> params = Map.of("MessageStatus", List.of("sent"));
        String first = RequestSignature.sign("token-one", "http://localhost/a", params);
        String second = RequestSignature.sign("token-two", "http://localhost/a", params);
        for (int i = 0; i < 3; i++) {
            assertThat(RequestSignature.sign("token-one", "http://localhost/a", params)).isEqualTo(first);
            assertThat(RequestSignature.sign("token-two", "http://localhost/a", params)).isEqualTo(second);
        }
        assertThat(first).isNotEqualTo(second);
        assertThat(new RequestValidator("token-two").validate("http://localhost/a", Map.of("MessageStatus", "sent"),
                second)).isTrue();
    }

    @Test
    void signatureShouldNotDependOnParameterOrder() {
        Map<String, List<String>> forward = new LinkedHashMap<>();
        forward.put("A", List.of("1"));
        forward.put("B", List.of("2"));
        Map<String, List<String>> backward = new LinkedHashMap<>();
        backward.put("B", List.of("2"));
        backward.put("A", List.of("1"));

        assertThat(RequestSignature.sign(TOKEN, VECTOR_URL, forward))
                .isEqualTo(RequestSignature.sign(TOKEN, VECTOR_URL, backward));
    }

    @Test
    void repeatedParameterShouldContributeEachDistinctValueInSortedOrder() {
        Map<String, List<String>> params = Map.of(
                "MediaUrl", List.of("https://b.test/2.png", "https://a.test/1.png", "https://b.test/2.png"),
                "Body", List.of("hi"));

        assertThat(RequestSignature.canonical("https://x.test/", params)).isEqualTo(
                "https://x.test/Bodyhi" + "MediaUrlhttps://a.test/1.png" + "MediaUrlhttps://b.test/2.png");
        assertThat(RequestSignature.sign(TOKEN, "https://x.test/", params)).isEqualTo(
                RequestSignature.sign(TOKEN, "https://x.test/", Map.of(
                        "Body", List.of("hi"),
                        "MediaUrl", List.of("https://a.test/1.png", "https://b.test/2.png"))));
    }

    @Test
    void namesShouldSortByCodeUnitSoUppercaseComesBeforeLowercase() {
        assertThat(RequestSignature.canonical("u", Map.of("a", List.of("1"), "B", List.of("2"))))
                .isEqualTo("uB2a1");
    }

    @Test
    void requestWithoutParametersShouldSignTheUrlAlone() {
        assertThat(RequestSignature.canonical(VECTOR_URL, Map.of())).isEqualTo(VECTOR_URL);
        assertThat(new RequestValidator(TOKEN).validate(
                VECTOR_URL, Map.of(), RequestSignature.sign(TOKEN, VECTOR_URL, Map.of()))).isTrue();
    }

    @Test
    void matchesShouldAcceptTheSignatureSignProduces() {
        assertThat(RequestSignature.matches(TOKEN, VECTOR_URL, VECTOR_PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void matchesShouldRejectWrongTokenTamperedParameterOrOtherUrl() {
        String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        Map<String, List<String>> tampered = new LinkedHashMap<>(VECTOR_PARAMS);
        tampered.put("Digits", List.of("1235"));

        assertThat(RequestSignature.matches("54321", VECTOR_URL, VECTOR_PARAMS, signature)).isFalse();
        assertThat(RequestSignature.matches(TOKEN, VECTOR_URL, tampered, signature)).isFalse();
        assertThat(RequestSignature.matches(TOKEN, VECTOR_URL + "&baz=3", VECTOR_PARAMS, signature)).isFalse();
        assertThat(RequestSignature.matches(TOKEN, VECTOR_URL, VECTOR_PARAMS, "NOT" + signature)).isFalse();
    }

    @Test
    void matchesShouldRejectMissingSignature() {
        assertThat(RequestSignature.matches(TOKEN, VECTOR_URL, VECTOR_PARAMS, null)).isFalse();
        assertThat(RequestSignature.matches(TOKEN, VECTOR_URL, VECTOR_PARAMS, "")).isFalse();
    }

    @Test
    void signShouldRefuseEmptyAuthToken() {
        assertThatThrownBy(() -> RequestSignature.sign("", VECTOR_URL, VECTOR_PARAMS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authToken is empty");
    }

    private static Map<String, List<String>> inboundSms() {
        return Map.of(
                "MessageSid", List.of("SM0123456789abcdef0123456789abcdef"),
                "AccountSid", List.of("AC0123456789abcdef0123456789abcdef"),
                "From", List.of("+14155550100"),
                "To", List.of("+14155550199"),
                "Body", List.of("Hello & welcome = 100%"),
                "NumMedia", List.of("0"));
    }

    private static Map<String, String> singleValued(Map<String, List<String>> params) {
        return params.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getFirst()));
    }
}
