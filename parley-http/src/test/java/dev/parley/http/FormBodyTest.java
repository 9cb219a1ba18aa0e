package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.ApiException;
import io.javalin.http.servlet.JavalinServletContextKt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static Map<String, List<String>> parse(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What Javalin's formParamMap() gave for a UTF-8 urlencoded body. */
    private static Map<String, List<String>> javalin(byte[] body) {
        return JavalinServletContextKt.splitKeyValueStringAndGroupByKey(new String(body, StandardCharsets.UTF_8),
                "UTF-8");
    }

    @Test
    void parametersKeepTheirOrderAndRepeatedNamesBecomeLists() {
        Map<String, List<String>> form = parse("To=%2B15551230001&Body=hi&To=%2B15551230002&MediaUrl=a&MediaUrl=b");

        assertThat(form.keySet()).containsExactly("To", "Body", "MediaUrl");
        assertThat(form.get("To")).containsExactly("+15551230001", "+15551230002");
        assertThat(form.get("MediaUrl")).containsExactly("a", "b");
        assertThat(form.get("Body")).containsExactly("hi");
    }

    @Test
    void plusIsASpaceAndEscapesAreUtf8() {
        assertThat(parse("Body=h%C3%A9+%26+%3D+%F0%9F%98%80+%2B1").get("Body")).containsExactly("hé & = 😀 +1");
        assertThat(parse("B%6Fdy=x").get("Body")).containsExactly("x");
        assertThat(parse("Body=%e9").get("Body")).containsExactly("\uFFFD");
        assertThat(parse("Body=%c3%a9").get("Body")).containsExactly("é");
    }

    @Test
    void rawUtf8IsTextAndBytesThatAreNotUtf8BecomeReplacementCharacters() {
        assertThat(parse("Body=日本 é").get("Body")).containsExactly("日本 é");
        byte[] body = {'B', '=', (byte) 0xC3, '%', 'A', '9'};
        assertThat(FormBody.parse(body).get("B")).containsExactly("\uFFFD\uFFFD").isEqualTo(javalin(body).get("B"));
    }

    @Test
    void emptyValuesAreKeptAsEmptyStrings() {
        Map<String, List<String>> form = parse("StatusCallback=&Body&Attributes=");

        assertThat(form.get("StatusCallback")).containsExactly("");
        assertThat(form.get("Body")).containsExactly("");
        assertThat(form.get("Attributes")).containsExactly("");
    }

    @Test
    void onlyTheFirstEqualsSignSeparatesNameFromValue() {
        assertThat(parse("Attributes=a=b=c").get("Attributes")).containsExactly("a=b=c");
    }

    @Test
    void emptyPiecesAndNamesAreKeptAsJavalinKeptThem() {
        assertThat(parse("")).isEmpty();
        Map<String, List<String>> form = parse("&&a=1&=x&");
        assertThat(form.keySet()).containsExactly("", "a");
        assertThat(form.get("")).containsExactly("", "", "x", "");
        assertThat(form).isEqualTo(javalin("&&a=1&=x&".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedEscapesAreRefusedWith20001NamingTheParameter() {
        for (String body : List.of("To=%ZZ&From=x", "From=x&To=%4", "To=%4&From=x", "To=%", "To=%+F", "To=%-1",
                "To=ab%G1")) {
            assertThatThrownBy(() -> parse(body)).as(body)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(20001);
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("parameter To").contains("'%");
                    });
        }
        assertThatThrownBy(() -> parse("T%ZZo=1")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("a parameter name").contains("'%ZZ'"));
    }

    @Test
    void everyWellFormedBodyParsesAsJavalinParsedIt() {
        Random random = new Random(20261127);
        String[] pieces = {"To", "From", "Body", "a", "=", "=", "&", "&", "+", "%2B", "%20", "%3D", "%26", "%C3%A9",
            "%e2%82%ac", "%F0%9F%98%80", "%C3", "%A9", "%FF", "%00", "%0a", "é", "日本", "😀", "x y", "-._~*"};
        for (int n = 0; n < 20_000; n++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(20) == 0) {
                    body.write(0x80 + random.nextInt(0x80)); // a raw byte that is not UTF-8 on its own
                } else {
                    body.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] bytes = body.toByteArray();
            assertThat(entries(FormBody.parse(bytes))).as(new String(bytes, StandardCharsets.ISO_8859_1))
                    .isEqualTo(entries(javalin(bytes)));
        }
    }

    /** The map as an ordered list, so that order is compared too. */
    private static List<Map.Entry<String, List<String>>> entries(Map<String, List<String>> form) {
        return new ArrayList<>(form.entrySet());
    }
}
