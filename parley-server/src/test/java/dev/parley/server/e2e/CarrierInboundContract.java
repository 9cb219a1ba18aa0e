package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.smpp.TestSmsc;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jsmpp.bean.ESMClass;
import org.junit.jupiter.api.Test;

/**
 * A handset's message that a carrier delivers over SMPP ({@code deliver_sm} on a channel created through the API)
 * takes the ordinary inbound path of the server as wired: its parts, sent out of order, become one message, the
 * number's webhook gets it, and the TwiML answer goes back to the carrier as a {@code submit_sm}.
 */
interface CarrierInboundContract {

    Parley parley();

    WebhookReceiver receiver();

    @Test
    default void carrierMoPartsBecomeOneMessageWhoseWebhookAnswerGoesBackOverSmpp() throws Exception {
        String hook = "/carrier-mo/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml", "<Response><Message>Danke!</Message></Response>");
        try (TestSmsc smsc = TestSmsc.start()) {
            String name = Fixtures.smppChannel(parley(), smsc, "e2e-mo", Map.of("ReconnectMin", "0.1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> smsc.boundSessions() == 1);

            String account = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID;
            Parley.Answer number = parley().post(account + "/IncomingPhoneNumbers.json",
                    Map.of("AreaCode", "628", "Channel", "smpp:" + name, "SmsUrl", receiver().url(hook)));
            assertThat(number.status()).isEqualTo(201);
            String to = number.json().path("phone_number").asText();
            String handset = Fixtures.handset();

            // Two UCS-2 parts with an 8-bit reference, the second first.
            int ref = ThreadLocalRandom.current().nextInt(256);
            byte ucs2 = 0x08;
            ESMClass udhi = new ESMClass(0x40);
            smsc.deliver(handset.substring(1), to.substring(1), udhi, ucs2, part(ref, 2, "Köln ☕"));
            smsc.deliver(handset.substring(1), to.substring(1), udhi, ucs2, part(ref, 1, "Grüße aus "));

            var request = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst();
            Map<String, String> params = request.singleFormParams();
            assertThat(params).containsEntry("From", handset).containsEntry("To", to)
                    .containsEntry("Body", "Grüße aus Köln ☕").containsEntry("SmsStatus", "received");
            String sid = params.get("MessageSid");
            assertThat(parley().get(account + "/Messages/" + sid + ".json").json().path("direction").asText())
                    .isEqualTo("inbound");

            // The TwiML reply leaves on the number's channel: the carrier gets it.
            await().atMost(Duration.ofSeconds(10)).until(() -> smsc.submits().stream()
                    .anyMatch(s -> s.destination().equals(handset.substring(1))));
            TestSmsc.Submitted reply = smsc.submits().stream()
                    .filter(s -> s.destination().equals(handset.substring(1))).findFirst().orElseThrow();
            assertThat(new String(reply.shortMessage(), StandardCharsets.ISO_8859_1)).isEqualTo("Danke!");
            assertThat(reply.pdu().getSourceAddr()).isEqualTo(to.substring(1));
        }
    }

    /** One part of a concatenated UCS-2 message: the UDH {@code 05 00 03 ref total seq}, then UTF-16BE. */
    private static byte[] part(int ref, int seq, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {5, 0, 3, (byte) ref, 2, (byte) seq});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_16BE));
        return out.toByteArray();
    }
}
