package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhook address policy ({@code PARLEY_WEBHOOK_DENY}; the suite's server denies the cloud metadata addresses
 * and {@link Parley#DENIED_WEBHOOK_ADDRESS}): a refused webhook is a failed delivery in the log, naming the address
 * and the setting, tried once and never retried; the message itself is unaffected.
 */
interface WebhookAddressPolicyContract {

    Parley parley();

    WebhookReceiver receiver();

    private List<String> log(String messageSid) {
        List<String> rows = new ArrayList<>();
        parley().get("/parley/v1/WebhookDeliveries?PageSize=100&MessageSid=" + messageSid).json()
                .get("webhook_deliveries").forEach(d -> rows.add(d.get("purpose").asText() + " " + d.get("attempt")
                        .asInt() + " " + d.get("outcome").asText() + " " + d.get("error").asText("")));
        return rows;
    }

    @Test
    default void statusCallbackToADeniedAddressShouldBeLoggedFailedOnceAndTheMessageDelivered() {
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Message m = Message.creator(phone(Fixtures.handset()), number.getPhoneNumber(), "no metadata for you")
                .setStatusCallback(URI.create("http://169.254.169.254/latest/meta-data/"))
                .create(parley().client());

        await().atMost(Duration.ofSeconds(15)).until(() -> log(m.getSid()).size() == 3);
        assertThat(log(m.getSid())).allSatisfy(row -> assertThat(row)
                .startsWith("status-callback 1 failed refused: address 169.254.169.254 denied by PARLEY_WEBHOOK_DENY"));
        assertThat(Message.fetcher(m.getSid()).fetch(parley().client()).getStatus())
                .isEqualTo(Message.Status.DELIVERED);
    }

    @Test
    default void incomingMessageWebhookToAConfiguredDeniedAddressShouldFailAndTheFallbackAnswer() {
        String fallback = "/deny-fallback/" + System.nanoTime();
        receiver().respond(fallback, 200, "text/xml", "<Response/>");
        String denied = receiver().url("/denied/" + System.nanoTime())
                .replace("localhost", Parley.DENIED_WEBHOOK_ADDRESS);
        IncomingPhoneNumber number = Fixtures.number(parley().client(), denied, null);
        IncomingPhoneNumber.updater(number.getSid()).setSmsFallbackUrl(URI.create(receiver().url(fallback)))
                .update(parley().client());

        String sid = parley().post("/parley/v1/Simulator/Messages", Map.of("From", Fixtures.handset(),
                "To", number.getPhoneNumber().toString(), "Body", "hello")).json().get("sid").asText();

        receiver().awaitRequests(fallback, 1, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> log(sid).size() == 2);
        assertThat(log(sid)).containsExactlyInAnyOrder(
                "incoming-message 1 failed 11200 refused: address " + Parley.DENIED_WEBHOOK_ADDRESS
                        + " denied by PARLEY_WEBHOOK_DENY",
                "incoming-message-fallback 1 delivered ");
    }
}
