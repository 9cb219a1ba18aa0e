package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.connection.SmppSettings;
import dev.parley.core.connection.SmppSettings.DataCoding;
import dev.parley.core.connection.SmppSettings.Split;
import dev.parley.core.message.encoding.Gsm7;
import dev.parley.core.message.encoding.SmsEncoding;
import dev.parley.core.message.encoding.SmsSegmenter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Encode, decode, reassemble: the original text, for every setting. */
class SmppCodecPropertiesTest {

    private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f";

    @Property(tries = 400)
    void encodeThenDecodeGivesTheText(@ForAll("bodies") String body, @ForAll("settings") SmppSettings settings,
            @ForAll("refs") int ref) {
        List<ShortMessage> parts = SmppCodec.encode(body, settings, ref);
        List<DecodedPart> decoded = parts.stream().map(sm -> SmppCodecTest.decode(sm, settings.gsm7Packed())).toList();

        if (parts.size() > 1) {
            int expectedRef = settings.split() == Split.UDH8 ? ref & 0xFF : ref & 0xFFFF;
            assertThat(decoded).allSatisfy(d -> {
                assertThat(d.concat().ref()).isEqualTo(expectedRef);
                assertThat(d.concat().total()).isEqualTo(parts.size());
            });
        } else {
            assertThat(decoded.getFirst().concat()).isNull();
        }
        String joined = decoded.stream().sorted(Comparator.comparingInt(d -> d.concat() == null ? 0 : d.concat().seq()))
                .map(DecodedPart::text).collect(Collectors.joining());
        String expected = expected(body, settings, parts);
        assertThat(joined).as("%s, %d parts: %s", settings.defaultDataCoding() + "/" + settings.gsm7Packed() + "/"
                + settings.split(), parts.size(), body.codePoints().mapToObj(Integer::toHexString).toList())
                .isEqualTo(expected);
        assertThat(parts).allSatisfy(p -> assertThat(p.bytes().length).isLessThanOrEqualTo(254));
    }

    @Property(tries = 200)
    void udh8AndSarSendAsManyPartsAsParleyCounts(@ForAll("bodies") String body, @ForAll boolean packed,
            @ForAll("splits") Split split) {
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.of(DataCoding.SMSC_DEFAULT, packed, split), 1);

        assertThat(parts).hasSize(Math.max(1, SmsSegmenter.analyze(body, false).numSegments()));
    }

    /**
     * The text, except where packed GSM-7 must add a carriage return: a part whose septets end with one exactly on an
     * octet boundary gets a second one (TS 23.038 6.1.2.3.1; see {@link Gsm7#pack}).
     */
    private static String expected(String body, SmppSettings settings, List<ShortMessage> parts) {
        boolean gsmPacked = settings.gsm7Packed() && parts.getFirst().dataCoding() == 0;
        if (!gsmPacked || !body.contains("\r")) {
            return body;
        }
        List<String> segments = settings.split() == Split.PAYLOAD || parts.size() == 1 ? List.of(body)
                : SmsSegmenter.segments(body, SmsEncoding.GSM7, settings.split() == Split.UDH16 ? 152 : 153);
        int fill = parts.size() > 1 && settings.split() == Split.UDH8 ? 1 : 0;
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            boolean onBoundary = (fill + 7 * Gsm7.septetCount(segment)) % 8 == 0;
            out.append(segment).append(segment.endsWith("\r") && onBoundary ? "\r" : "");
        }
        return out.toString();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> gsm = Arbitraries.strings().withChars(GSM.toCharArray()).ofMaxLength(700);
        Arbitrary<String> unicode = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(400)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
        // Mostly GSM-7 with a few characters that are not, surrogate pairs among them.
        Arbitrary<String> mixed = Arbitraries.frequencyOf(
                        Tuple.of(20, Arbitraries.of(GSM.chars().mapToObj(c -> String.valueOf((char) c))
                                .toList())),
                        Tuple.of(1, Arbitraries.of("д", "ж", "😀", "é", "ÿ", "\u00A0")))
                .list().ofMaxSize(500).map(tokens -> String.join("", tokens));
        return Arbitraries.oneOf(gsm, unicode, mixed);
    }

    @Provide
    Arbitrary<SmppSettings> settings() {
        return Combinators.combine(Arbitraries.of(DataCoding.class), Arbitraries.of(true, false),
                Arbitraries.of(Split.class)).as(CodecSettings::of);
    }

    @Provide
    Arbitrary<Split> splits() {
        return Arbitraries.of(Split.UDH8, Split.SAR);
    }

    @Provide
    Arbitrary<Integer> refs() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }
}
