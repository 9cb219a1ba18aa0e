package dev.parley.server.e2e;

import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.AlphaSender;
import com.twilio.rest.messaging.v1.service.ChannelSender;
import com.twilio.rest.messaging.v1.service.DestinationAlphaSender;
import com.twilio.rest.messaging.v1.service.ShortCode;
import dev.parley.testing.OpenApiSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A Messaging Service's ShortCodes, AlphaSenders, DestinationAlphaSenders and ChannelSenders through Twilio's Java
 * SDK, short codes provisioned through {@code /parley/v1/ShortCodes} and served under 2010's {@code SMS/ShortCodes},
 * with Twilio's refusals; and the service's links, each of which answers.
 */
interface ServiceSendersContract {

    Parley parley();

    /** Provisions a fresh short code (8 random digits, unused by other tests) in {@code country}. */
    static JsonNode provisionShortCode(Parley parley, String country) {
        String code = String.valueOf(10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        Parley.Answer created = parley.post("/parley/v1/ShortCodes", Map.of("ShortCode", code,
                "IsoCountryCode", country, "FriendlyName", "code " + code));
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        return created.json();
    }

    private Parley.Answer delete(String path) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + path)).DELETE(),
                Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }

    private Service service(String name) {
        return Service.creator(name + " " + System.nanoTime()).create(parley().client());
    }

    @Test
    default void shortCodesAreProvisionedServedUnder2010AndAddedToAServiceOnce() {
        JsonNode provisioned = provisionShortCode(parley(), "US");
        String sid = provisioned.get("sid").asText();
        assertThat(sid).matches("SC[0-9a-f]{32}");
        assertThat(provisioned.get("iso_country_code").asText()).isEqualTo("US");
        OpenApiSpec.api2010().assertConforms("api.v2010.account.short_code", provisioned);

        var fetched = com.twilio.rest.api.v2010.account.ShortCode.fetcher(sid).fetch(parley().client());
        assertThat(fetched.getShortCode()).isEqualTo(provisioned.get("short_code").asText());
        var updated = com.twilio.rest.api.v2010.account.ShortCode.updater(sid).setFriendlyName("Alerts")
                .setSmsUrl(URI.create("https://example.com/sms")).update(parley().client());
        assertThat(updated.getFriendlyName()).isEqualTo("Alerts");
        assertThat(updated.getSmsUrl()).isEqualTo(URI.create("https://example.com/sms"));
        List<String> found = new ArrayList<>();
        com.twilio.rest.api.v2010.account.ShortCode.reader().setShortCode(fetched.getShortCode())
                .read(parley().client()).forEach(c -> found.add(c.getSid()));
        assertThat(found).containsExactly(sid);

        assertThat(parley().get("/parley/v1/ShortCodes/" + sid).json().get("friendly_name").asText())
                .isEqualTo("Alerts");
        JsonNode mine = parley().get("/parley/v1/ShortCodes?ShortCode=" + fetched.getShortCode()).json();
        assertThat(mine.get("short_codes")).hasSize(1);
        assertThat(mine.get("short_codes").get(0).get("sid").asText()).isEqualTo(sid);

        Parley.Answer taken = parley().post("/parley/v1/ShortCodes", Map.of("ShortCode",
                fetched.getShortCode(), "IsoCountryCode", "US"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().get("code").asInt()).isEqualTo(21422);
        Parley.Answer letters = parley().post("/parley/v1/ShortCodes", Map.of("ShortCode", "12ab"));
        assertThat(letters.json().get("code").asInt()).isEqualTo(20001);

        Service one = service("codes");
        Service two = service("codes");
        ShortCode added = ShortCode.creator(one.getSid(), sid).create(parley().client());
        assertThat(added.getSid()).isEqualTo(sid);
        assertThat(added.getShortCode()).isEqualTo(fetched.getShortCode());
        assertThat(added.getCountryCode()).isEqualTo("US");
        assertThat(ShortCode.fetcher(one.getSid(), sid).fetch(parley().client()).getServiceSid())
                .isEqualTo(one.getSid());
        assertCode(() -> ShortCode.creator(one.getSid(), sid).create(parley().client()), 21710);
        assertCode(() -> ShortCode.creator(two.getSid(), sid).create(parley().client()), 21712);
        assertCode(() -> ShortCode.creator(two.getSid(), "SC" + "0".repeat(32)).create(parley().client()), 21421);
        JsonNode page = parley().get("/messaging/v1/Services/" + one.getSid() + "/ShortCodes").json();
        assertThat(page.get("short_codes")).hasSize(1);
        OpenApiSpec.messagingV1().assertConforms("messaging.v1.service.short_code", page.get("short_codes").get(0));

        // Released, it leaves the service; the service's list is empty and the code can be provisioned again.
        assertThat(delete("/parley/v1/ShortCodes/" + sid).status()).isEqualTo(204);
        assertThat(parley().get("/messaging/v1/Services/" + one.getSid() + "/ShortCodes").json()
                .get("short_codes")).isEmpty();
        assertCode(() -> com.twilio.rest.api.v2010.account.ShortCode.fetcher(sid).fetch(parley().client()), 20404);
    }

    @Test
    default void alphaSendersFollowTwiliosRulesAndAServiceHasOne() {
        Service service = service("alpha");
        AlphaSender created = AlphaSender.creator(service.getSid(), "Parley Co").create(parley().client());
        assertThat(created.getSid()).matches("AI[0-9a-f]{32}");
        assertThat(created.getAlphaSender()).isEqualTo("Parley Co");
        assertThat(created.getCapabilities()).containsExactly("SMS");
        assertThat(AlphaSender.fetcher(service.getSid(), created.getSid()).fetch(parley().client()).getAlphaSender())
                .isEqualTo("Parley Co");
        OpenApiSpec.messagingV1().assertConforms("messaging.v1.service.alpha_sender",
                parley().get("/messaging/v1/Services/" + service.getSid() + "/AlphaSenders/" + created.getSid())
                        .json());

        for (String invalid : List.of("1234567", "TwelveChars1", "Bad#Char", " ")) {
            assertCode(() -> AlphaSender.creator(service.getSid(), invalid).create(parley().client()), 21709);
        }
        assertCode(() -> AlphaSender.creator(service.getSid(), "Another").create(parley().client()), 21710);
        List<String> listed = new ArrayList<>();
        AlphaSender.reader(service.getSid()).read(parley().client()).forEach(a -> listed.add(a.getAlphaSender()));
        assertThat(listed).as("refused requests changed nothing").containsExactly("Parley Co");

        AlphaSender.deleter(service.getSid(), created.getSid()).delete(parley().client());
        assertCode(() -> AlphaSender.fetcher(service.getSid(), created.getSid()).fetch(parley().client()), 20404);
        assertThat(AlphaSender.creator(service.getSid(), "Another").create(parley().client()).getAlphaSender())
                .isEqualTo("Another");
    }

    @Test
    default void destinationAlphaSendersAreOnePerCountryPlusADefault() {
        Service service = service("destination");
        DestinationAlphaSender fr = DestinationAlphaSender.creator(service.getSid(), "ParleyFR")
                .setIsoCountryCode("fr").create(parley().client());
        assertThat(fr.getSid()).matches("AI[0-9a-f]{32}");
        assertThat(fr.getIsoCountryCode()).isEqualTo("FR");
        DestinationAlphaSender all = DestinationAlphaSender.creator(service.getSid(), "Parley")
                .create(parley().client());
        assertThat(all.getIsoCountryCode()).as("the default serves every country").isEmpty();
        OpenApiSpec.messagingV1().assertConforms("messaging.v1.service.destination_alpha_sender",
                parley().get("/messaging/v1/Services/" + service.getSid() + "/DestinationAlphaSenders/"
                        + fr.getSid()).json());

        assertCode(() -> DestinationAlphaSender.creator(service.getSid(), "Again").setIsoCountryCode("FR")
                .create(parley().client()), 21710);
        assertCode(() -> DestinationAlphaSender.creator(service.getSid(), "Again").create(parley().client()), 21710);
        assertCode(() -> DestinationAlphaSender.creator(service.getSid(), "ParleyUS").setIsoCountryCode("US")
                .create(parley().client()), 21709);
        assertCode(() -> DestinationAlphaSender.creator(service.getSid(), "Parley").setIsoCountryCode("XX")
                .create(parley().client()), 20001);

        List<String> french = new ArrayList<>();
        DestinationAlphaSender.reader(service.getSid()).setIsoCountryCode("FR").read(parley().client())
                .forEach(a -> french.add(a.getAlphaSender()));
        assertThat(french).containsExactly("ParleyFR");
        assertThat(AlphaSender.reader(service.getSid()).read(parley().client())).as("no AlphaSender").isEmpty();
        assertCode(() -> AlphaSender.fetcher(service.getSid(), fr.getSid()).fetch(parley().client()), 20404);
        DestinationAlphaSender.deleter(service.getSid(), fr.getSid()).delete(parley().client());
        assertCode(() -> DestinationAlphaSender.fetcher(service.getSid(), fr.getSid()).fetch(parley().client()),
                20404);
    }

    @Test
    default void channelSendersAreTheAccountsWhatsAppSenders() {
        Service service = service("channels");
        IncomingPhoneNumber number = IncomingPhoneNumber.creator("415").create(parley().client());
        String xe = "XE" + number.getSid().substring(2);
        assertCode(() -> ChannelSender.creator(service.getSid(), xe).create(parley().client()), 21421);
        parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/" + number.getSid()
                + ".json", Map.of("WhatsAppChannel", "simulator"));

        ChannelSender added = ChannelSender.creator(service.getSid(), xe).create(parley().client());
        assertThat(added.getSid()).isEqualTo(xe);
        assertThat(added.getSender()).isEqualTo("whatsapp:" + number.getPhoneNumber());
        assertThat(added.getSenderType()).isEqualTo("WhatsApp");
        assertThat(added.getCountryCode()).isEqualTo("US");
        assertThat(ChannelSender.fetcher(service.getSid(), xe).fetch(parley().client()).getMessagingServiceSid())
                .isEqualTo(service.getSid());
        OpenApiSpec.messagingV1().assertConforms("messaging.v1.service.channel_sender",
                parley().get("/messaging/v1/Services/" + service.getSid() + "/ChannelSenders/" + xe).json());
        assertCode(() -> ChannelSender.creator(service.getSid(), number.getSid()).create(parley().client()), 21710);
        assertCode(() -> ChannelSender.creator(service("other").getSid(), xe).create(parley().client()), 21712);

        ChannelSender.deleter(service.getSid(), xe).delete(parley().client());
        assertThat(ChannelSender.reader(service.getSid()).read(parley().client())).isEmpty();
    }

    @Test
    default void everyLinkOfAServiceAnswersAndA2pAndMessagesAreLeftOut() {
        Service service = service("links");
        JsonNode links = parley().get("/messaging/v1/Services/" + service.getSid()).json().get("links");
        List<String> names = new ArrayList<>();
        links.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("phone_numbers", "short_codes", "alpha_senders",
                "channel_senders", "destination_alpha_senders");
        for (JsonNode link : links) {
            String path = link.asText().substring(parley().baseUrl().length());
            assertThat(parley().get(path).status()).as(path).isEqualTo(200);
        }

        // Deleting the service frees its senders for another one.
        JsonNode code = provisionShortCode(parley(), "GB");
        ShortCode.creator(service.getSid(), code.get("sid").asText()).create(parley().client());
        Service.deleter(service.getSid()).delete(parley().client());
        Service next = service("links");
        assertThat(ShortCode.creator(next.getSid(), code.get("sid").asText()).create(parley().client())
                .getCountryCode()).isEqualTo("GB");
    }
}
