package dev.parley.server.e2e;

import static dev.parley.server.e2e.Fixtures.phone;
import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Sending through a Messaging Service: sender pool, its settings on the message, opt-outs and inbound routing. */
interface ServiceSendingContract {

    Parley parley();

    WebhookReceiver receiver();

    private Service service(String name, boolean sticky) {
        return Service.creator(name).setStickySender(sticky).create(parley().client());
    }

    private IncomingPhoneNumber pooled(Service service, String areaCodeOrNumber, String smsUrl) {
        var creator = areaCodeOrNumber.startsWith("+")
                ? IncomingPhoneNumber.creator(phone(areaCodeOrNumber)) : IncomingPhoneNumber.creator(areaCodeOrNumber);
        if (smsUrl != null) {
            creator.setSmsUrl(URI.create(smsUrl));
        }
        IncomingPhoneNumber number = creator.create(parley().client());
        PhoneNumber.creator(service.getSid(), number.getSid()).create(parley().client());
        return number;
    }

    private static String random(String prefix, int digits) {
        return prefix + String.format("%0" + digits + "d", ThreadLocalRandom.current().nextInt((int) Math.pow(10, digits)));
    }

    private Message send(Service service, String to, String body) {
        return Message.creator(phone(to), service.getSid(), body).create(parley().client());
    }

    /**
     * The pool number a message sent through {@code service} left from. As with Twilio, the create answer has no
     * sender yet ({@code from} null, {@code num_segments} 0, status accepted); the message shows it once queued.
     */
    private String sentFrom(Service service, String to, String body) {
        Message created = send(service, to, body);
        assertThat(created.getStatus()).isEqualTo(Message.Status.ACCEPTED);
        assertThat(created.getFrom()).isNull();
        assertThat(created.getNumSegments()).isEqualTo("0");
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> Message.fetcher(created.getSid()).fetch(parley().client()),
                        m -> m.getStatus() != Message.Status.ACCEPTED)
                .getFrom().toString();
    }

    private List<String> inbox(String handset) {
        List<String> bodies = new ArrayList<>();
        parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B") + "/Messages").json()
                .get("messages").forEach(m -> bodies.add(m.get("body").asText()));
        return bodies;
    }

    private Parley.Answer handsetSends(String handset, String to, String body) {
        return parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", to, "Body", body));
    }

    @Test
    default void messageThroughAServiceIsAcceptedLeavesFromThePoolAndUsesTheServiceSettings() {
        String statusPath = "/service-status/" + System.nanoTime();
        Service service = Service.creator("notifications").setStatusCallback(URI.create(receiver().url(statusPath)))
                .create(parley().client());
        IncomingPhoneNumber number = pooled(service, "415", null);
        String to = Fixtures.handset();

        Message created = send(service, to, "\u201CSmart\u201D quotes");
        assertThat(created.getStatus()).isEqualTo(Message.Status.ACCEPTED);
        assertThat(created.getMessagingServiceSid()).isEqualTo(service.getSid());
        assertThat(created.getFrom()).as("no sender until the message leaves 'accepted'").isNull();
        assertThat(created.getBody()).as("the service's smart encoding").isEqualTo("\"Smart\" quotes");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(created.getSid()).fetch(parley().client()).getStatus() == Message.Status.DELIVERED);
        Message delivered = Message.fetcher(created.getSid()).fetch(parley().client());
        assertThat(delivered.getFrom().toString()).isEqualTo(number.getPhoneNumber().toString());
        assertThat(delivered.getNumSegments()).isEqualTo("1");
        var callbacks = receiver().awaitRequests(statusPath, 3, Duration.ofSeconds(10));
        List<String> statuses = new ArrayList<>();
        for (var request : callbacks) {
            Map<String, String> params = request.singleFormParams();
            assertThat(params).containsEntry("MessagingServiceSid", service.getSid())
                    .containsEntry("MessageSid", created.getSid());
            statuses.add(params.get("MessageStatus"));
        }
        assertThat(statuses).containsExactlyInAnyOrder("sending", "sent", "delivered");
        assertThat(inbox(to)).containsExactly("\"Smart\" quotes");
    }

    @Test
    default void poolPrefersASenderInTheRecipientsAreaCodeThenCountry() {
        Service service = service("geo", false);
        IncomingPhoneNumber sf = pooled(service, "415", null);
        IncomingPhoneNumber chicago = pooled(service, "312", null);
        IncomingPhoneNumber london = pooled(service, random("+447700900", 3), null);

        String chicagoHandset = random("+1312555", 4);
        String londonHandset = random("+447700901", 3);
        String sfHandset = random("+1415555", 4);
        assertThat(sentFrom(service, chicagoHandset, "area code"))
                .isEqualTo(chicago.getPhoneNumber().toString());
        assertThat(sentFrom(service, londonHandset, "country"))
                .isEqualTo(london.getPhoneNumber().toString());
        assertThat(sentFrom(service, sfHandset, "area code"))
                .isEqualTo(sf.getPhoneNumber().toString());
        assertThat(sentFrom(service, Fixtures.handset(), "same country"))
                .isIn(sf.getPhoneNumber().toString(), chicago.getPhoneNumber().toString());
    }

    @Test
    default void stickySenderKeepsTheSenderARecipientFirstGot() {
        Service sticky = service("sticky", true);
        Service loose = service("loose", false);
        pooled(sticky, "415", null);
        pooled(loose, "415", null);
        String handset = random("+1646555", 4);
        String first = sentFrom(sticky, handset, "one");
        String looseFirst = sentFrom(loose, handset, "one");

        // A number in the handset's own area code joins both pools: only the non-sticky service switches to it.
        IncomingPhoneNumber local = pooled(sticky, "646", null);
        IncomingPhoneNumber looseLocal = pooled(loose, "646", null);
        assertThat(sentFrom(sticky, handset, "two")).isEqualTo(first);
        assertThat(sentFrom(sticky, handset, "three")).isEqualTo(first);
        assertThat(sentFrom(loose, handset, "two"))
                .isEqualTo(looseLocal.getPhoneNumber().toString()).isNotEqualTo(looseFirst);
        assertThat(local.getPhoneNumber().toString()).isNotEqualTo(first);
    }

    @Test
    default void serviceRefusesUnknownServicesAndEmptyPools() {
        Service empty = service("empty", true);
        assertCode(() -> send(empty, Fixtures.handset(), "nobody to send from"), 21704);
        assertCode(() -> Message.creator(phone(Fixtures.handset()), "MG" + "0".repeat(32), "x")
                .create(parley().client()), 21701);
        assertCode(() -> Message.creator(phone(Fixtures.handset()), "MG-not-a-sid", "x").create(parley().client()),
                21705);
        assertCode(() -> Message.creator(phone(Fixtures.handset()), empty.getSid(), "x").setValidityPeriod(36001)
                .create(parley().client()), 21624);
    }

    @Test
    default void stopToOnePoolNumberBlocksEveryNumberOfTheServiceUntilStart() {
        Service service = service("opt-out", false);
        IncomingPhoneNumber first = pooled(service, "415", null);
        IncomingPhoneNumber second = pooled(service, "415", null);
        IncomingPhoneNumber unrelated = Fixtures.number(parley().client(), null, null);
        String handset = Fixtures.handset();

        assertThat(handsetSends(handset, first.getPhoneNumber().toString(), "STOP").status()).isEqualTo(201);
        assertCode(() -> send(service, handset, "promo"), 21610);
        assertCode(() -> Message.creator(phone(handset), second.getPhoneNumber(), "promo").create(parley().client()),
                21610);
        Message other = Message.creator(phone(handset), unrelated.getPhoneNumber(), "not the service")
                .create(parley().client());
        assertThat(other.getStatus()).isEqualTo(Message.Status.QUEUED);

        assertThat(handsetSends(handset, second.getPhoneNumber().toString(), "START").status()).isEqualTo(201);
        assertThat(send(service, handset, "welcome back").getStatus()).isEqualTo(Message.Status.ACCEPTED);
    }

    @Test
    default void inboundToAPoolNumberGoesToTheServiceWebhookUnlessItDefersToTheNumber() {
        String serviceHook = "/service-inbound/" + System.nanoTime();
        String numberHook = "/number-inbound/" + System.nanoTime();
        Service service = Service.creator("inbound").setInboundRequestUrl(URI.create(receiver().url(serviceHook)))
                .create(parley().client());
        IncomingPhoneNumber number = pooled(service, "415", receiver().url(numberHook));
        String handset = Fixtures.handset();

        handsetSends(handset, number.getPhoneNumber().toString(), "to the service");
        Map<String, String> params = receiver().awaitRequests(serviceHook, 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(params).containsEntry("MessagingServiceSid", service.getSid())
                .containsEntry("Body", "to the service").containsEntry("From", handset);
        assertThat(receiver().requests(numberHook)).isEmpty();

        Service.updater(service.getSid()).setUseInboundWebhookOnNumber(true).update(parley().client());
        handsetSends(handset, number.getPhoneNumber().toString(), "to the number");
        Map<String, String> onNumber = receiver().awaitRequests(numberHook, 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(onNumber).containsEntry("MessagingServiceSid", service.getSid())
                .containsEntry("Body", "to the number");
        assertThat(receiver().requests(serviceHook)).hasSize(1);
    }

    @Test
    default void failingServiceWebhookFallsBackToTheServiceFallbackUrlWhoseTwimlIsActedOn() {
        String hook = "/service-broken/" + System.nanoTime();
        String fallback = "/service-fallback/" + System.nanoTime();
        receiver().respond(hook, 500, "text/plain", "boom");
        receiver().respond(fallback, 200, "application/xml",
                "<Response><Message>The service answers</Message></Response>");
        Service service = Service.creator("fallback").setInboundRequestUrl(URI.create(receiver().url(hook)))
                .setFallbackUrl(URI.create(receiver().url(fallback))).create(parley().client());
        IncomingPhoneNumber number = pooled(service, "415", null);
        String handset = Fixtures.handset();

        handsetSends(handset, number.getPhoneNumber().toString(), "anyone?");
        Map<String, String> params = receiver().awaitRequests(fallback, 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(params).containsEntry("MessagingServiceSid", service.getSid()).containsEntry("Body", "anyone?");
        assertThat(receiver().requests(hook)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(handset).contains("The service answers"));
    }
}
