package dev.parley.server.e2e;

import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.usage.Record;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code whatsapp:} addresses in the Messaging layer, served by the handset simulator: sending to a WhatsApp handset
 * from a WhatsApp sender (a number with Parley's {@code WhatsAppChannel}), WhatsApp handsets writing to the webhook
 * and the TwiML reply going back over WhatsApp, Twilio's refusals (21910, 63007, 63031), and SMS opt-out keywords
 * that do not apply to WhatsApp.
 */
interface WhatsAppContract {

    Parley parley();

    WebhookReceiver receiver();

    String ACCOUNTS = "/2010-04-01/Accounts/";

    /** A fresh number of {@code account} (main account when null) made a WhatsApp sender on the simulator. */
    private String whatsAppSender(String account, String smsUrl) {
        var creator = account == null ? IncomingPhoneNumber.creator("415") : IncomingPhoneNumber.creator(account, "415");
        if (smsUrl != null) {
            creator.setSmsUrl(URI.create(smsUrl));
        }
        IncomingPhoneNumber number = creator.create(parley().client());
        String owner = account == null ? Parley.ACCOUNT_SID : account;
        Parley.Answer enabled = parley().post(ACCOUNTS + owner + "/IncomingPhoneNumbers/" + number.getSid() + ".json",
                Map.of("WhatsAppChannel", "simulator"));
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("whatsapp_channel").asText()).isEqualTo("simulator");
        return number.getPhoneNumber().toString();
    }

    /**
     * The WhatsApp user {@code handset} writes to {@code sender} (of {@code account}, main account when null): the
     * user's message opens the sender's 24-hour window, without which a free-form message fails with 63016.
     */
    private void userWrites(String account, String handset, String sender) {
        Map<String, String> form = new HashMap<>(Map.of("From", wa(handset), "To", wa(sender), "Body", "hi"));
        if (account != null) {
            form.put("AccountSid", account);
        }
        Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", form);
        assertThat(sent.status()).as(sent.json().toString()).isEqualTo(201);
    }

    private static String wa(String e164) {
        return "whatsapp:" + e164;
    }

    private static PhoneNumber address(String text) {
        return new PhoneNumber(text);
    }

    private List<JsonNode> inbox(String handsetPath, String account) {
        String query = account == null ? "" : "?AccountSid=" + account;
        Parley.Answer answer = parley().get("/parley/v1/Simulator/Handsets/" + handsetPath + "/Messages" + query);
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        answer.json().get("messages").forEach(out::add);
        return out;
    }

    private static String encoded(String address) {
        return URLEncoder.encode(address, StandardCharsets.UTF_8);
    }

    private Message awaitStatus(String account, String sid, Message.Status status) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Message.fetcher(account, sid).fetch(parley().client()).getStatus() == status);
        return Message.fetcher(account, sid).fetch(parley().client());
    }

    @Test
    default void whatsAppMessageIsDeliveredWithPrefixedAddressesCallbacksAndTheWhatsAppPrice() {
        String tenant = Account.creator().setFriendlyName("whatsapp " + System.nanoTime()).create(parley().client())
                .getSid();
        String sender = whatsAppSender(tenant, null);
        String handset = Fixtures.handset();
        String callback = "/wa-status/" + System.nanoTime();
        // 200 characters: two SMS segments, one WhatsApp message.
        String body = "y".repeat(200);
        userWrites(tenant, handset, sender);

        Message created = Message.creator(tenant, address(wa(handset)), address(wa(sender)), body)
                .setStatusCallback(URI.create(receiver().url(callback))).create(parley().client());
        assertThat(created.getSid()).matches("SM[0-9a-f]{32}");
        assertThat(created.getTo()).isEqualTo(wa(handset));
        assertThat(created.getFrom()).hasToString(wa(sender));
        assertThat(created.getNumSegments()).isEqualTo("1");
        assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(created.getBody()).isEqualTo(body);

        Message delivered = awaitStatus(tenant, created.getSid(), Message.Status.DELIVERED);
        assertThat(delivered.getPrice()).isEqualTo("-0.00500");
        assertThat(delivered.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
        assertThat(delivered.getDateSent()).isNotNull();

        var posts = receiver().awaitRequests(callback, 3, Duration.ofSeconds(10));
        // Callbacks are posted concurrently: their order of arrival is not their order of change.
        assertThat(posts).extracting(r -> r.formParam("MessageStatus"))
                .containsExactlyInAnyOrder("sending", "sent", "delivered");
        WebhookReceiver.ReceivedRequest deliveredPost = posts.stream()
                .filter(r -> r.formParam("MessageStatus").equals("delivered")).findFirst().orElseThrow();
        Map<String, String> last = deliveredPost.singleFormParams();
        assertThat(last).containsEntry("From", wa(sender)).containsEntry("To", wa(handset))
                .containsEntry("MessageSid", created.getSid()).containsEntry("AccountSid", tenant)
                .containsEntry("ChannelPrefix", "whatsapp").containsEntry("ChannelToAddress", handset);
        Account owner = Account.fetcher(tenant).fetch(parley().client());
        assertThat(new RequestValidator(owner.getAuthToken()).validate(receiver().url(callback), last,
                deliveredPost.header("x-twilio-signature"))).isTrue();

        // The WhatsApp handset's inbox, addressed URL-encoded or as typed; the SMS handset of that number got nothing.
        for (String path : List.of(encoded(wa(handset)), wa(handset))) {
            List<JsonNode> inbox = inbox(path, tenant);
            assertThat(inbox).hasSize(1);
            assertThat(inbox.getFirst().get("sid").asText()).isEqualTo(created.getSid());
            assertThat(inbox.getFirst().get("to").asText()).isEqualTo(wa(handset));
            assertThat(inbox.getFirst().get("from").asText()).isEqualTo(wa(sender));
            assertThat(inbox.getFirst().get("status").asText()).isEqualTo("delivered");
        }
        assertThat(inbox(encoded(handset), tenant)).isEmpty();
        assertThat(Message.reader(tenant).setTo(address(wa(handset))).read(parley().client()))
                .extracting(Message::getSid).containsExactly(created.getSid());
        assertThat(Message.reader(tenant).setTo(address(handset)).read(parley().client())).isEmpty();

        // Twilio's per-message WhatsApp fee is booked as a Channels message, not as SMS.
        Map<String, Record> usage = new HashMap<>();
        Record.reader(tenant).read(parley().client()).forEach(r -> usage.put(r.getCategory(), r));
        assertThat(usage.get("channels-messaging-outbound").getCount()).isEqualTo("1");
        assertThat(usage.get("channels-messaging-outbound").getPrice()).isEqualByComparingTo("0.005");
        assertThat(usage.get("sms-outbound").getCount()).isEqualTo("0");
    }

    @Test
    default void whatsAppHandsetReachesTheWebhookAndTheTwimlReplyGoesBackOverWhatsApp() {
        String hook = "/wa-inbound/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml", "<Response><Message>Hi from WhatsApp</Message></Response>");
        String sender = whatsAppSender(null, receiver().url(hook));
        String handset = Fixtures.handset();

        Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", Map.of("From", wa(handset),
                "To", wa(sender), "Body", "Hello over WhatsApp", "ProfileName", "Ada"));
        assertThat(sent.status()).as(sent.json().toString()).isEqualTo(201);
        assertThat(sent.json().get("from").asText()).isEqualTo(wa(handset));
        assertThat(sent.json().get("to").asText()).isEqualTo(wa(sender));
        assertThat(sent.json().get("status").asText()).isEqualTo("received");
        String inboundSid = sent.json().get("sid").asText();

        var request = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst();
        Map<String, String> params = request.singleFormParams();
        assertThat(params).containsEntry("From", wa(handset)).containsEntry("To", wa(sender))
                .containsEntry("Body", "Hello over WhatsApp").containsEntry("ProfileName", "Ada")
                .containsEntry("WaId", handset.substring(1)).containsEntry("MessageType", "text")
                .containsEntry("SmsStatus", "received").containsEntry("NumSegments", "1")
                .containsEntry("MessageSid", inboundSid).containsEntry("AccountSid", Parley.ACCOUNT_SID);
        // Geography belongs to phone numbers on SMS; Twilio posts none for WhatsApp.
        assertThat(params).doesNotContainKeys("FromCountry", "ToCountry", "OptOutType");
        assertThat(new RequestValidator(Parley.AUTH_TOKEN).validate(receiver().url(hook), params,
                request.header("x-twilio-signature"))).isTrue();

        Message received = Message.fetcher(inboundSid).fetch(parley().client());
        assertThat(received.getDirection()).isEqualTo(Message.Direction.INBOUND);
        assertThat(received.getPrice()).isEqualTo("-0.00500");

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox(encoded(wa(handset)), null).stream()
                .anyMatch(m -> m.get("status").asText().equals("delivered")));
        JsonNode reply = inbox(encoded(wa(handset)), null).getFirst();
        assertThat(reply.get("body").asText()).isEqualTo("Hi from WhatsApp");
        assertThat(reply.get("from").asText()).isEqualTo(wa(sender));
        assertThat(reply.get("direction").asText()).isEqualTo("outbound-reply");
        assertThat(inbox(encoded(handset), null)).isEmpty();
    }

    @Test
    default void profileNameDefaultsToTheHandsetNumber() {
        String hook = "/wa-profile/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml", WebhookReceiver.EMPTY_TWIML);
        String sender = whatsAppSender(null, receiver().url(hook));
        String handset = Fixtures.handset();
        parley().post("/parley/v1/Simulator/Messages", Map.of("From", wa(handset), "To", wa(sender), "Body", "hi"));
        Map<String, String> params = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(params).containsEntry("ProfileName", handset).containsEntry("WaId", handset.substring(1));
    }

    @Test
    default void stopOverWhatsAppIsAnOrdinaryMessageNotAnOptOut() {
        String hook = "/wa-stop/" + System.nanoTime();
        receiver().respond(hook, 200, "text/xml", WebhookReceiver.EMPTY_TWIML);
        String sender = whatsAppSender(null, receiver().url(hook));
        String handset = Fixtures.handset();

        parley().post("/parley/v1/Simulator/Messages", Map.of("From", wa(handset), "To", wa(sender), "Body", "STOP"));
        Map<String, String> params = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst()
                .singleFormParams();
        assertThat(params).containsEntry("Body", "STOP").doesNotContainKey("OptOutType");

        // No opt-out confirmation went out, and the business may still write to the WhatsApp user.
        Message next = Message.creator(address(wa(handset)), address(wa(sender)), "Are you sure?")
                .create(parley().client());
        awaitStatus(Parley.ACCOUNT_SID, next.getSid(), Message.Status.DELIVERED);
        assertThat(inbox(encoded(wa(handset)), null)).extracting(m -> m.get("body").asText())
                .containsExactly("Are you sure?");
    }

    @Test
    default void aWhatsAppHandsetThatReadsReportsReadAfterDelivered() {
        String sender = whatsAppSender(null, null);
        String handset = Fixtures.handset();
        Parley.Answer configured = parley().post("/parley/v1/Simulator/Handsets/" + encoded(wa(handset)),
                Map.of("Behavior", "read"));
        assertThat(configured.status()).as(configured.json().toString()).isEqualTo(200);
        assertThat(configured.json().get("behavior").asText()).isEqualTo("read");
        // Only WhatsApp handsets read: an SMS handset cannot be told to.
        Parley.Answer smsRead = parley().post("/parley/v1/Simulator/Handsets/" + encoded(handset),
                Map.of("Behavior", "read"));
        assertThat(smsRead.status()).isEqualTo(400);
        assertThat(smsRead.json().get("code").asInt()).isEqualTo(20001);

        userWrites(null, handset, sender);
        String callback = "/wa-read/" + System.nanoTime();
        Message created = Message.creator(address(wa(handset)), address(wa(sender)), "read me")
                .setStatusCallback(URI.create(receiver().url(callback))).create(parley().client());
        Message read = awaitStatus(Parley.ACCOUNT_SID, created.getSid(), Message.Status.READ);
        assertThat(read.getPrice()).isEqualTo("-0.00500");
        var posts = receiver().awaitRequests(callback, 4, Duration.ofSeconds(10));
        assertThat(posts).extracting(r -> r.formParam("MessageStatus"))
                .containsExactlyInAnyOrder("sending", "sent", "delivered", "read");
        assertThat(posts).allSatisfy(r -> assertThat(r.formParam("To")).isEqualTo(wa(handset)));
    }

    @Test
    default void aMessagingServiceSendsWhatsAppFromItsWhatsAppSender() {
        IncomingPhoneNumber smsOnly = Fixtures.number(parley().client(), null, null);
        String sender = whatsAppSender(null, null);
        String senderSid = IncomingPhoneNumber.reader().setPhoneNumber(address(sender)).read(parley().client())
                .iterator().next().getSid();
        var service = com.twilio.rest.messaging.v1.Service.creator("whatsapp " + System.nanoTime())
                .create(parley().client());
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service.getSid(), smsOnly.getSid())
                .create(parley().client());
        String handset = Fixtures.handset();
        // With only an SMS number in the pool there is no WhatsApp sender to pick.
        assertCode(() -> Message.creator(address(wa(handset)), service.getSid(), "hello").create(parley().client()),
                63007);

        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service.getSid(), senderSid)
                .create(parley().client());
        userWrites(null, handset, sender);
        for (int i = 0; i < 3; i++) {
            Message m = Message.creator(address(wa(handset)), service.getSid(), "hello " + i)
                    .create(parley().client());
            assertThat(m.getStatus()).isEqualTo(Message.Status.ACCEPTED);
            Message delivered = awaitStatus(Parley.ACCOUNT_SID, m.getSid(), Message.Status.DELIVERED);
            assertThat(delivered.getFrom()).hasToString(wa(sender));
            assertThat(delivered.getTo()).isEqualTo(wa(handset));
        }
    }

    @Test
    default void refusalsUseTwiliosCodesAndWriteNothing() {
        String sender = whatsAppSender(null, null);
        String plain = Fixtures.number(parley().client(), null, null).getPhoneNumber().toString();
        String handset = Fixtures.handset();

        // One channel on both sides.
        assertCode(() -> Message.creator(address(wa(handset)), address(sender), "mixed").create(parley().client()),
                21910);
        assertCode(() -> Message.creator(address(handset), address(wa(sender)), "mixed").create(parley().client()),
                21910);
        // A From that is not a WhatsApp sender of this account: an SMS-only number, or no number of ours at all.
        assertCode(() -> Message.creator(address(wa(handset)), address(wa(plain)), "not enabled")
                .create(parley().client()), 63007);
        assertCode(() -> Message.creator(address(wa(handset)), address(wa("+14155559999")), "not ours")
                .create(parley().client()), 63007);
        assertCode(() -> Message.creator(address(wa(sender)), address(wa(sender)), "myself")
                .create(parley().client()), 63031);
        assertCode(() -> Message.creator(address("whatsapp:12345"), address(wa(sender)), "bad")
                .create(parley().client()), 21211);
        assertThat(Message.reader().setTo(address(wa(handset))).read(parley().client())).isEmpty();
        assertThat(Message.reader().setTo(address(handset)).read(parley().client())).isEmpty();

        // The simulator refuses a WhatsApp handset writing to an SMS-only number, and mixed addresses.
        Parley.Answer toPlain = parley().post("/parley/v1/Simulator/Messages",
                Map.of("From", wa(handset), "To", wa(plain), "Body", "hello"));
        assertThat(toPlain.status()).isEqualTo(400);
        assertThat(toPlain.json().get("code").asInt()).isEqualTo(63003);
        Parley.Answer mixed = parley().post("/parley/v1/Simulator/Messages",
                Map.of("From", wa(handset), "To", sender, "Body", "hello"));
        assertThat(mixed.json().get("code").asInt()).isEqualTo(21910);
        assertThat(Message.reader().setFrom(address(wa(handset))).read(parley().client())).isEmpty();

        // Only a channel that carries WhatsApp can be a number's WhatsApp channel; "" turns WhatsApp off.
        String numberSid = IncomingPhoneNumber.reader().setPhoneNumber(address(sender)).read(parley().client())
                .iterator().next().getSid();
        String path = ACCOUNTS + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/" + numberSid + ".json";
        Parley.Answer unknown = parley().post(path, Map.of("WhatsAppChannel", "smpp:nowhere"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asInt()).isEqualTo(20001);
        assertThat(parley().get(path).json().get("whatsapp_channel").asText()).isEqualTo("simulator");
        assertThat(parley().post(path, Map.of("WhatsAppChannel", "")).json().get("whatsapp_channel").isNull())
                .isTrue();
        assertCode(() -> Message.creator(address(wa(handset)), address(wa(sender)), "off now")
                .create(parley().client()), 63007);
    }
}
