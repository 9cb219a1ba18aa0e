package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.smpp.TestSmsc;
import dev.parley.testing.smpp.TestSmsc.ReceiptTiming;
import dev.parley.testing.smpp.TestSmsc.Receipts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Carrier receipts over SMPP reach Twilio's surface as the simulator's do: a two-segment message is {@code delivered}
 * once both segments' receipts say so (some receipts overtaking their {@code submit_sm_resp}), priced, with its status
 * callbacks; a message whose receipt says UNDELIV with err 1 ends {@code undelivered} with 30005; one the SMSC refuses
 * with ESME_RINVDSTADR ends {@code failed} with 21211 (ADR 24).
 */
interface SmppReceiptsContract {
    Parley parley();

    WebhookReceiver receiver();

    @Test
    default void smscReceiptsAndRefusalsMakeMessagesDeliveredUndeliveredOrFailedWithCallbacks() {
        String name = "e2e-dlr-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
        String delivered = Fixtures.handset();
        String unknown = Fixtures.handset();
        String invalid = Fixtures.handset();
        try (TestSmsc smsc = TestSmsc.start()) {
            smsc.answer(s -> s.destination().equals(invalid.substring(1))
                    ? new TestSmsc.Answer.Error(0x0B) : TestSmsc.Answer.OK);
            smsc.receipts(new Receipts(ReceiptTiming.BEFORE_RESPONSE, true, true, false,
                    s -> s.destination().equals(unknown.substring(1)) ? "UNDELIV" : "DELIVRD"));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("Name", name);
            form.put("Type", "smpp");
            form.put("Host", "127.0.0.1");
            form.put("Port", String.valueOf(smsc.port()));
            form.put("SystemId", TestSmsc.SYSTEM_ID);
            form.put("Password", TestSmsc.PASSWORD);
            assertThat(parley().post("/parley/v1/Channels", form).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> parley().get("/parley/v1/Channels/" + name).json()
                    .path("state").path("status").asText().equals("bound"));
            String account = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID;
            String from = parley().post(account + "/IncomingPhoneNumbers.json",
                    Map.of("AreaCode", "415", "Channel", "smpp:" + name)).json().path("phone_number").asText();

            String long2 = "Two segments over SMPP, each with its own receipt from the carrier. ".repeat(3);
            String ok = send(account, from, delivered, long2, "/dlr/" + name + "/ok");
            String ko = send(account, from, unknown, "nobody there", "/dlr/" + name + "/ko");
            String refused = send(account, from, invalid, "no such number", "/dlr/" + name + "/refused");

            assertThat(statuses(receiver().awaitRequests("/dlr/" + name + "/ok", 3, Duration.ofSeconds(15))))
                    .containsExactlyInAnyOrder("sending", "sent", "delivered");
            JsonNode okMessage = parley().get(account + "/Messages/" + ok + ".json").json();
            assertThat(okMessage.path("status").asText()).isEqualTo("delivered");
            assertThat(okMessage.path("num_segments").asText()).isEqualTo("2");
            assertThat(okMessage.path("price").asText()).isNotEmpty();
            assertThat(okMessage.path("error_code").isNull()).isTrue();
            assertThat(smsc.submits().stream().filter(s -> s.destination().equals(delivered.substring(1))))
                    .as("one submit_sm per segment").hasSize(2);

            assertThat(statuses(receiver().awaitRequests("/dlr/" + name + "/ko", 3, Duration.ofSeconds(15))))
                    .containsExactlyInAnyOrder("sending", "sent", "undelivered");
            JsonNode koMessage = parley().get(account + "/Messages/" + ko + ".json").json();
            assertThat(koMessage.path("status").asText()).isEqualTo("undelivered");
            assertThat(koMessage.path("error_code").asInt()).isEqualTo(30005);
            assertThat(koMessage.path("error_message").asText()).isEqualTo("Unknown destination handset");

            assertThat(statuses(receiver().awaitRequests("/dlr/" + name + "/refused", 2, Duration.ofSeconds(15))))
                    .containsExactlyInAnyOrder("sending", "failed");
            JsonNode refusedMessage = parley().get(account + "/Messages/" + refused + ".json").json();
            assertThat(refusedMessage.path("status").asText()).isEqualTo("failed");
            assertThat(refusedMessage.path("error_code").asInt()).isEqualTo(21211);
            assertThat(refusedMessage.path("error_message").asText()).isEqualTo("Invalid 'To' Phone Number");
        }
    }

    private String send(String account, String from, String to, String body, String callbackPath) {
        Parley.Answer created = parley().post(account + "/Messages.json", Map.of("From", from, "To", to, "Body", body,
                "StatusCallback", receiver().url(callbackPath)));
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("sid").asText();
    }

    private static List<String> statuses(List<WebhookReceiver.ReceivedRequest> callbacks) {
        return callbacks.stream().map(r -> r.singleFormParams().get("MessageStatus")).toList();
    }
}
