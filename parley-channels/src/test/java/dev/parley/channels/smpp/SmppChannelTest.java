package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.message.channel.SendResult;
import dev.parley.testing.smpp.TestSmsc;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmppChannelTest {
    private final SmppHarness h = new SmppHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aShortMessageArrivesAtTheSmscAndItsIdIsTheProviderId() {
        SmppChannel channel = h.open(h.settings());
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.state().orElseThrow().bindsUp() == 1);

        SendResult result = channel.send(SmppHarness.message("+14155550100", "+447700900123", "Hello"));

        assertThat(result).isEqualTo(new SendResult.Accepted("1"));
        TestSmsc.Submitted s = h.smsc.submits().getFirst();
        assertThat(s.pdu().getSourceAddr()).isEqualTo("14155550100");
        assertThat(s.pdu().getSourceAddrTon()).isEqualTo((byte) 1);
        assertThat(s.destination()).isEqualTo("447700900123");
        assertThat(s.shortMessage()).containsExactly('H', 'e', 'l', 'l', 'o');
        assertThat(s.pdu().getRegisteredDelivery()).isEqualTo((byte) 1);
        assertThat(channel.state().orElseThrow().status()).isEqualTo("bound");
    }

    @Test
    void anAlphanumericSenderGoesWithTon5AndNpi0() {
        SmppChannel channel = h.open(h.settings());
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.state().orElseThrow().bindsUp() == 1);

        channel.send(SmppHarness.message("Parley", "+447700900123", "Hi"));

        TestSmsc.Submitted s = h.smsc.submits().getFirst();
        assertThat(s.pdu().getSourceAddr()).isEqualTo("Parley");
        assertThat(s.pdu().getSourceAddrTon()).isEqualTo((byte) 5);
        assertThat(s.pdu().getSourceAddrNpi()).isEqualTo((byte) 0);
    }
}
