package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.AlphaSender;
import com.twilio.rest.messaging.v1.service.ChannelSender;
import com.twilio.rest.messaging.v1.service.DestinationAlphaSender;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import com.twilio.rest.messaging.v1.service.ShortCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Sender selection through a Messaging Service, as Twilio documents it: a destination alpha sender for the
 * recipient's country, else the default one, else the service's alpha sender (where the country allows alpha
 * senders), else a short code of the recipient's country, else the long-code pool; WhatsApp from channel senders.
 * The handset's inbox shows the chosen sender.
 */
interface SenderSelectionContract {

    Parley parley();

    private Service serviceWithLongCode(String name) {
        Service service = Service.creator(name + " " + System.nanoTime()).create(parley().client());
        IncomingPhoneNumber number = IncomingPhoneNumber.creator("415").create(parley().client());
        PhoneNumber.creator(service.getSid(), number.getSid()).create(parley().client());
        return service;
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    /** Sends through the service and answers the delivered message: its sender is known once it left. */
    private Message delivered(Service service, String to, String body) {
        Message created = Message.creator(phone(to), service.getSid(), body).create(parley().client());
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> Message.fetcher(created.getSid()).fetch(parley().client()),
                        m -> m.getStatus() == Message.Status.DELIVERED);
    }

    /** The sender of the newest message in the handset's simulator inbox, with that message's body. */
    private String inboxSender(String handset, String body) {
        JsonNode messages = parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B")
                + "/Messages").json().get("messages");
        assertThat(messages).isNotEmpty();
        assertThat(messages.get(0).get("body").asText()).isEqualTo(body);
        return messages.get(0).get("from").asText();
    }

    @Test
    default void aUkRecipientSeesTheAlphaSenderAndAUsRecipientALongCode() {
        Service service = serviceWithLongCode("alpha sends");
        AlphaSender.creator(service.getSid(), "ParleyCo").create(parley().client());
        String uk = "+447700900" + digits(3);
        Message toUk = delivered(service, uk, "hello UK");
        assertThat(toUk.getFrom().toString()).isEqualTo("ParleyCo");
        assertThat(toUk.getNumSegments()).isEqualTo("1");
        assertThat(new java.math.BigDecimal(String.valueOf(toUk.getPrice()))).as("priced as any SMS to GB")
                .isEqualByComparingTo("-0.04");
        assertThat(inboxSender(uk, "hello UK")).isEqualTo("ParleyCo");

        String us = Fixtures.handset();
        Message toUs = delivered(service, us, "hello US");
        assertThat(toUs.getFrom().toString()).as("US handsets see no alpha senders").startsWith("+1415");
        assertThat(inboxSender(us, "hello US")).isEqualTo(toUs.getFrom().toString());
    }

    @Test
    default void aDestinationAlphaSenderComesFirstForItsCountryThenTheDefaultOne() {
        Service service = serviceWithLongCode("destination sends");
        AlphaSender.creator(service.getSid(), "Parley").create(parley().client());
        DestinationAlphaSender.creator(service.getSid(), "ParleyFR").setIsoCountryCode("FR")
                .create(parley().client());
        String france = "+336" + digits(8);
        String uk = "+447700900" + digits(3);
        assertThat(delivered(service, france, "bonjour").getFrom().toString()).isEqualTo("ParleyFR");
        assertThat(inboxSender(france, "bonjour")).isEqualTo("ParleyFR");
        assertThat(delivered(service, uk, "hello").getFrom().toString()).isEqualTo("Parley");

        DestinationAlphaSender.creator(service.getSid(), "ParleyAll").create(parley().client());
        assertThat(delivered(service, uk, "hello again").getFrom().toString())
                .as("the default destination alpha sender before the service's alpha sender").isEqualTo("ParleyAll");
        assertThat(inboxSender(uk, "hello again")).isEqualTo("ParleyAll");
    }

    @Test
    default void aUsRecipientGetsTheUsShortCodeBeforeLongCodes() {
        Service service = serviceWithLongCode("short code sends");
        JsonNode us = ServiceSendersContract.provisionShortCode(parley(), "US");
        JsonNode gb = ServiceSendersContract.provisionShortCode(parley(), "GB");
        ShortCode.creator(service.getSid(), us.get("sid").asText()).create(parley().client());
        ShortCode.creator(service.getSid(), gb.get("sid").asText()).create(parley().client());

        String handset = Fixtures.handset();
        Message sent = delivered(service, handset, "your code is 1234");
        assertThat(sent.getFrom().toString()).isEqualTo(us.get("short_code").asText());
        assertThat(inboxSender(handset, "your code is 1234")).isEqualTo(us.get("short_code").asText());
        String uk = "+447700900" + digits(3);
        assertThat(delivered(service, uk, "hi").getFrom().toString()).isEqualTo(gb.get("short_code").asText());

        // An alpha sender goes before the short code where handsets see alpha senders, not in the US.
        AlphaSender.creator(service.getSid(), "ParleyCo").create(parley().client());
        assertThat(delivered(service, uk, "hi again").getFrom().toString()).isEqualTo("ParleyCo");
        assertThat(delivered(service, handset, "code 5678").getFrom().toString())
                .isEqualTo(us.get("short_code").asText());
    }

    @Test
    default void aWhatsAppRecipientGetsAChannelSenderOfTheService() {
        Service service = serviceWithLongCode("whatsapp sends");
        AlphaSender.creator(service.getSid(), "ParleyCo").create(parley().client());
        IncomingPhoneNumber number = IncomingPhoneNumber.creator("415").create(parley().client());
        parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/" + number.getSid()
                + ".json", Map.of("WhatsAppChannel", "simulator"));
        ChannelSender.creator(service.getSid(), "XE" + number.getSid().substring(2)).create(parley().client());

        String handset = "whatsapp:" + Fixtures.handset();
        // The user wrote first, which opens WhatsApp's 24-hour window for free-form messages.
        assertThat(parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset,
                "To", "whatsapp:" + number.getPhoneNumber(), "Body", "hi")).status()).isEqualTo(201);
        Message sent = delivered(service, handset, "hola");
        assertThat(sent.getFrom().toString()).isEqualTo("whatsapp:" + number.getPhoneNumber());
        assertThat(inboxSender(handset, "hola")).isEqualTo("whatsapp:" + number.getPhoneNumber());
    }
}
