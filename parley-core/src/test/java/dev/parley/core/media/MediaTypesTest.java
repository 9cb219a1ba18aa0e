package dev.parley.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F'};

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void essenceDropsParametersAndCase() {
        assertThat(MediaTypes.essence("Image/PNG; charset=binary")).isEqualTo("image/png");
        assertThat(MediaTypes.essence(" ")).isNull();
        assertThat(MediaTypes.essence(null)).isNull();
    }

    @Test
    void imagesMayBeFiveMegabytesAndEverythingElseFiveHundredKilobytes() {
        assertThat(MediaTypes.limit("image/jpeg")).isEqualTo(5L * 1024 * 1024);
        assertThat(MediaTypes.limit("video/mp4")).isEqualTo(500L * 1024);
        assertThat(MediaTypes.accepted("text/html")).isFalse();
        assertThat(MediaTypes.accepted("application/octet-stream")).isFalse();
        assertThat(MediaTypes.accepted("image/png")).isTrue();
    }

    @Test
    void declaredTypeMustAgreeWithTheBytes() {
        assertThat(MediaTypes.check("image/png", PNG, PNG.length)).isEmpty();
        assertThat(MediaTypes.check("image/jpeg", JPEG, JPEG.length)).isEmpty();
        assertThat(MediaTypes.check("image/png", JPEG, JPEG.length)).hasValueSatisfying(
                why -> assertThat(why).contains("image/png").contains("jpeg"));
        assertThat(MediaTypes.check("image/gif", text("hello"), 5)).isPresent();
        byte[] pdf = text("%PDF-1.7\n");
        assertThat(MediaTypes.check("application/pdf", pdf, pdf.length)).isEmpty();
    }

    @Test
    void textTypesMustBeTextAndUnsniffableTypesMustNotBeSomethingElse() {
        byte[] vcard = text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Müller\r\nEND:VCARD\r\n");
        assertThat(MediaTypes.check("text/vcard", vcard, vcard.length)).isEmpty();
        assertThat(MediaTypes.check("text/csv", PNG, PNG.length)).isPresent();
        byte[] noise = {1, 2, 3, (byte) 0x80, 0x10};
        assertThat(MediaTypes.check("audio/basic", noise, noise.length)).isEmpty();
        assertThat(MediaTypes.check("audio/basic", PNG, PNG.length)).isPresent();
    }
}
