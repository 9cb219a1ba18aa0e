package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.ShortCode;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Short codes as two-way senders: a message sent {@code From} a short code of the account, a handset's text to a
 * short code reaching its {@code sms_url} (whose TwiML answer leaves from the short code), and STOP to a short code
 * opting the handset out of it and of its Messaging Service.
 */
interface TwoWayShortCodeContract {

    Parley parley();

    WebhookReceiver receiver();

    private JsonNode inbox(String handset) {
        return parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B") + "/Messages").json()
                .get("messages");
    }

    private Parley.Answer handsetSends(String handset, String to, String body) {
        return parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", to, "Body", body));
    }

    @Test
    default void aMessageFromAShortCodeReachesHandsetsOfItsCountryOnly() {
        String code = ServiceSendersContract.provisionShortCode(parley(), "US").get("short_code").asText();
        String handset = Fixtures.handset();
        Message created = Message.creator(phone(handset), phone(code), "from the code").create(parley().client());
        assertThat(created.getFrom().toString()).isEqualTo(code);
        await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(created.getSid())
                .fetch(parley().client()).getStatus() == Message.Status.DELIVERED);
        assertThat(inbox(handset).get(0).get("from").asText()).isEqualTo(code);

        assertCode(() -> Message.creator(phone("+447700900123"), phone(code), "abroad").create(parley().client()),
                21606);
        assertCode(() -> Message.creator(phone(handset), phone("99999999"), "not ours").create(parley().client()),
                21606);
    }

    @Test
    default void aHandsetTextsAShortCodeItsWebhookAnswersFromTheShortCode() {
        String hook = "/short-code-in/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml", "<Response><Message>Thanks from the code</Message></Response>");
        JsonNode provisioned = ServiceSendersContract.provisionShortCode(parley(), "US");
        String code = provisioned.get("short_code").asText();
        com.twilio.rest.api.v2010.account.ShortCode.updater(provisioned.get("sid").asText())
                .setSmsUrl(URI.create(receiver().url(hook))).update(parley().client());
        String handset = Fixtures.handset();

        Parley.Answer sent = handsetSends(handset, code, "JOIN");
        assertThat(sent.status()).as(String.valueOf(sent.json())).isEqualTo(201);
        assertThat(sent.json().get("to").asText()).isEqualTo(code);
        Map<String, String> params = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(params).containsEntry("From", handset).containsEntry("To", code).containsEntry("Body", "JOIN")
                .containsEntry("FromCountry", "US");
        JsonNode reply = await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset), m -> !m.isEmpty())
                .get(0);
        assertThat(reply.get("from").asText()).isEqualTo(code);
        assertThat(reply.get("body").asText()).isEqualTo("Thanks from the code");

        Parley.Answer abroad = handsetSends("+447700900124", code, "hello?");
        assertThat(abroad.status()).isEqualTo(400);
        assertThat(abroad.json().get("code").asInt()).as("a US short code is not reachable from GB").isEqualTo(21606);
    }

    @Test
    default void stopToAServicesShortCodeOptsTheHandsetOutOfTheService() {
        Service service = Service.creator("stop " + System.nanoTime()).create(parley().client());
        JsonNode provisioned = ServiceSendersContract.provisionShortCode(parley(), "US");
        String code = provisioned.get("short_code").asText();
        ShortCode.creator(service.getSid(), provisioned.get("sid").asText()).create(parley().client());
        String handset = Fixtures.handset();

        assertThat(handsetSends(handset, code, "STOP").json().get("messaging_service_sid").asText())
                .isEqualTo(service.getSid());
        List<String> confirmations = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset), m -> !m.isEmpty())
                .forEach(m -> confirmations.add(m.get("from").asText()));
        assertThat(confirmations).containsExactly(code);
        assertCode(() -> Message.creator(phone(handset), service.getSid(), "promo").create(parley().client()), 21610);
        assertCode(() -> Message.creator(phone(handset), phone(code), "promo").create(parley().client()), 21610);
    }
}
