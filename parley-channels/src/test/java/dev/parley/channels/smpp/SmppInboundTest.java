package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.connection.SmppSettings.DataCoding;
import dev.parley.core.connection.SmppSettings.Split;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import dev.parley.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Carrier MO into Parley: SmppInbound over the real inbound path, fed jSMPP DeliverSm objects. */
class SmppInboundTest {
    private static final String HANDSET = "+447700900123";

    private InboundStack stack;
    private SmppInbound handler;

    @BeforeEach
    void start() throws Exception {
        stack = new InboundStack();
        handler = stack.handler(false);
    }

    @AfterEach
    void stop() throws Exception {
        stack.close();
    }

    static DeliverSm pdu(String from, int fromTon, String to, int toTon, ShortMessage sm) {
        DeliverSm d = new DeliverSm();
        d.setSourceAddr(from);
        d.setSourceAddrTon((byte) fromTon);
        d.setSourceAddrNpi((byte) 1);
        d.setDestAddress(to);
        d.setDestAddrTon((byte) toTon);
        d.setDestAddrNpi((byte) 1);
        d.setEsmClass(sm.esmClass());
        d.setDataCoding(sm.dataCoding());
        d.setShortMessage(sm.bytes());
        d.setOptionalParameters(sm.tlvArray());
        return d;
    }

    private static DeliverSm international(ShortMessage sm) {
        return pdu(HANDSET.substring(1), 1, InboundStack.NUMBER.substring(1), 1, sm);
    }

    private static List<ShortMessage> parts(String body, Split split, int ref) {
        return SmppCodec.encode(body, CodecSettings.of(DataCoding.SMSC_DEFAULT, false, split), ref);
    }

    @Test
    void threeUcs2PartsInOrder312BecomeOneMessageThatReachesTheWebhook() throws Exception {
        String body = "Привет! Это длинное сообщение, которое не помещается в одну часть SMS, поэтому оно приходит "
                + "тремя частями через SMPP и собирается в Parley. Спасибо! 😀";
        List<ShortMessage> parts = parts(body, Split.UDH8, 0x5A);
        assertThat(parts).hasSize(3);
        assertThat(parts.getFirst().dataCoding()).isEqualTo((byte) 8);

        handler.deliver("carrier-a", international(parts.get(2)));
        handler.deliver("carrier-a", international(parts.get(0)));
        assertThat(stack.received()).as("nothing until the last part").isEmpty();
        handler.deliver("carrier-a", international(parts.get(1)));

        assertThat(stack.received()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.from()).isEqualTo(HANDSET);
            assertThat(m.status()).isEqualTo(MessageStatus.RECEIVED);
            assertThat(m.numSegments()).isEqualTo(3);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !stack.receiver.requests("/sms").isEmpty());
        WebhookReceiver.ReceivedRequest hook = stack.receiver.requests("/sms").getFirst();
        assertThat(hook.formParam("Body")).isEqualTo(body);
        assertThat(hook.formParam("From")).isEqualTo(HANDSET);
        assertThat(hook.formParam("To")).isEqualTo(InboundStack.NUMBER);
        assertThat(hook.formParam("NumSegments")).isEqualTo("3");
    }

    @Test
    void partsOverTwoBindsAndARepeatedPartMakeOneMessage() throws Exception {
        String body = "x".repeat(150) + "y".repeat(150);
        List<ShortMessage> parts = parts(body, Split.SAR, 0x1234);

        handler.deliver("carrier-a", international(parts.get(1)));
        stack.handler(false).deliver("carrier-a", international(parts.get(0)));
        handler.deliver("carrier-a", international(parts.get(1)));
        handler.deliver("carrier-a", international(parts.get(0)));

        assertThat(stack.received()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(body));
    }

    @Test
    void stopOverSmppOptsTheHandsetOut() throws Exception {
        handler.deliver("carrier-a", international(parts("STOP", Split.UDH8, 1).getFirst()));

        boolean optedOut = stack.database.read(tx -> tx.optOuts().isOptedOut(stack.accountSid, InboundStack.NUMBER,
                HANDSET));
        assertThat(optedOut).isTrue();
        List<Message> replies = stack.messages().stream().filter(m -> m.to().equals(HANDSET)).toList();
        assertThat(replies).as("Twilio's STOP confirmation").singleElement()
                .satisfies(m -> assertThat(m.body()).contains("unsubscribed"));
    }

    @Test
    void aMissingPartTimesOutAndTheRestIsDeliveredWithTheMarker() throws Exception {
        String body = "a".repeat(153) + "b".repeat(153) + "c".repeat(10);
        List<ShortMessage> parts = parts(body, Split.UDH16, 0xABCD);
        assertThat(parts).hasSize(3);
        handler.deliver("carrier-a", international(parts.get(0)));
        handler.deliver("carrier-a", international(parts.get(2)));

        stack.clock.advance(InboundStack.TIMEOUT.minusSeconds(1));
        stack.runner.wake();
        assertThat(stack.received()).isEmpty();
        stack.clock.advance(Duration.ofSeconds(1));
        stack.runner.wake();

        await().atMost(Duration.ofSeconds(10)).until(() -> !stack.received().isEmpty());
        String first = "a".repeat(152);
        String third = body.substring(152 * 2);
        assertThat(stack.received()).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo(first + Concatenation.GAP + third));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stack.receiver.requests("/sms").isEmpty());
    }

    @Test
    void gsm7Latin1AndUcs2AreDecoded() throws Exception {
        handler.deliver("carrier-a", international(new ShortMessage((byte) 0, (byte) 0,
                new byte[] {0x48, 0x69, 0x20, 0x1B, 0x65, 0x10}, List.of())));
        handler.deliver("carrier-a", international(new ShortMessage((byte) 3, (byte) 0,
                "Grüße".getBytes(StandardCharsets.ISO_8859_1), List.of())));
        handler.deliver("carrier-a", international(new ShortMessage((byte) 8, (byte) 0,
                "Ωμέγα 😀".getBytes(StandardCharsets.UTF_16BE), List.of())));
        stack.handler(true).deliver("carrier-a", international(SmppCodec.encode("packed [ok]",
                CodecSettings.of(DataCoding.SMSC_DEFAULT, true, Split.UDH8), 0).getFirst()));

        assertThat(stack.received()).extracting(Message::body)
                .containsExactly("Hi €Δ", "Grüße", "Ωμέγα 😀", "packed [ok]");
    }

    @Test
    void nationalAndUnknownTonSendersAreReadInTheNumbersCountry() throws Exception {
        ShortMessage hello = parts("hello", Split.UDH8, 0).getFirst();
        handler.deliver("carrier-a", pdu("4155550123", 2, "+14155550100", 0, hello));
        handler.deliver("carrier-a", pdu("00447700900123", 0, "14155550100", 0, hello));

        assertThat(stack.received()).extracting(Message::from).containsExactly("+14155550123", HANDSET);
    }

    @Test
    void refusalsCarryTheCommandStatusAndStoreNothing() {
        ShortMessage hello = parts("hello", Split.UDH8, 0).getFirst();

        assertThat(status(() -> handler.deliver("carrier-a", pdu(HANDSET, 1, "14155550199", 1, hello))))
                .isEqualTo(SMPPConstant.STAT_ESME_RINVDSTADR);
        assertThat(status(() -> handler.deliver("carrier-a", pdu(HANDSET, 1, "14155550199", 1,
                parts("z".repeat(200), Split.UDH8, 3).getFirst())))).as("a part for an unknown number")
                .isEqualTo(SMPPConstant.STAT_ESME_RINVDSTADR);
        assertThat(status(() -> handler.deliver("carrier-a", pdu("ACME", 5, "14155550100", 1, hello))))
                .isEqualTo(SMPPConstant.STAT_ESME_RINVSRCADR);
        assertThat(status(() -> handler.deliver("carrier-a", international(new ShortMessage((byte) 0, (byte) 0x40,
                new byte[] {9, 0, 3, 1}, List.of()))))).isEqualTo(SMPPConstant.STAT_ESME_RINVMSGLEN);
        assertThat(stack.messages()).isEmpty();
    }

    @Test
    void aStoreFailureAnswersSystemErrorSoTheSmscRetries() {
        Storage failing = new Storage() {
            @Override
            public <T> T write(Function<Tx, T> work) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public <T> T read(Function<Tx, T> work) {
                return stack.database.read(work);
            }

            @Override
            public void onJobsCommitted(Runnable listener) {
            }

            @Override
            public void handOffJobs(dev.parley.core.queue.JobHandoff handoff) {
            }
        };
        SmppInbound broken = new SmppInbound(failing, stack.inbound, stack.concatenation, false);

        assertThat(status(() -> broken.deliver("carrier-a", international(parts("y".repeat(200), Split.UDH8, 4)
                .getFirst())))).isEqualTo(SMPPConstant.STAT_ESME_RSYSERR);
    }

    private interface Delivery {
        void run() throws ProcessRequestException;
    }

    private static int status(Delivery delivery) {
        try {
            delivery.run();
        } catch (ProcessRequestException e) {
            return e.getErrorCode();
        }
        throw new AssertionError("deliver_sm was accepted");
    }
}
