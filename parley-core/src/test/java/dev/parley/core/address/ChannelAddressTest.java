package dev.parley.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelAddressTest {

    @Test
    void plainNumberIsAnSmsAddress() {
        ChannelAddress a = ChannelAddress.parse(" +1 (415) 555-0100 ").orElseThrow();
        assertThat(a.kind()).isEqualTo(ChannelAddress.Kind.SMS);
        assertThat(a.number().e164()).isEqualTo("+14155550100");
        assertThat(a.wire()).isEqualTo("+14155550100");
        assertThat(a.isWhatsApp()).isFalse();
    }

    @Test
    void whatsappPrefixInAnyCaseIsWrittenBackInLowerCase() {
        ChannelAddress a = ChannelAddress.parse("WhatsApp:+447700900123").orElseThrow();
        assertThat(a.kind()).isEqualTo(ChannelAddress.Kind.WHATSAPP);
        assertThat(a.number().e164()).isEqualTo("+447700900123");
        assertThat(a.wire()).isEqualTo("whatsapp:+447700900123");
        assertThat(a.kind().channelName()).isEqualTo("whatsapp");
        assertThat(ChannelAddress.isWhatsApp(a.wire())).isTrue();
        assertThat(ChannelAddress.isWhatsApp("+447700900123")).isFalse();
    }

    @Test
    void roundTripsThroughItsWireForm() {
        for (String wire : new String[] {"+14155550100", "whatsapp:+14155550100", "whatsapp:+447700900123"}) {
            assertThat(ChannelAddress.parse(wire).orElseThrow().wire()).isEqualTo(wire);
        }
        assertThat(ChannelAddress.parse("whatsapp:+14155550100").orElseThrow().on(ChannelAddress.Kind.SMS))
                .isEqualTo(ChannelAddress.parse("+14155550100").orElseThrow());
    }

    @Test
    void refusesUnknownPrefixesMissingNumbersAndGarbage() {
        for (String bad : new String[] {null, "", "whatsapp:", "whatsapp:14155550100", "messenger:+14155550100",
                "sms:+14155550100", "whatsapp:+1415", "whatsapp +14155550100", "hello"}) {
            assertThat(ChannelAddress.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
