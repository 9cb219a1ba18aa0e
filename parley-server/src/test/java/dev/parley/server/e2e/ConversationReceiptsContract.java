package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt.DeliveryStatus;
import dev.parley.testing.OpenApiSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Delivery receipts of conversation messages, driven by the Messaging-layer messages the fan-out created, and the
 * messages' delivery summary; the read horizon of participants — through Twilio's SDK and the simulator.
 */
interface ConversationReceiptsContract {

    Parley parley();

    private void handset(String number, String behavior, String errorCode) {
        Map<String, String> form = errorCode == null ? Map.of("Behavior", behavior)
                : Map.of("Behavior", behavior, "ErrorCode", errorCode);
        assertThat(parley().post("/parley/v1/Simulator/Handsets/" + number.replace("+", "%2B"), form).status())
                .isEqualTo(200);
    }

    private Participant sms(Conversation c, String address, String proxy) {
        return Participant.creator(c.getSid()).setMessagingBindingAddress(address)
                .setMessagingBindingProxyAddress(proxy).create(parley().client());
    }

    private List<DeliveryReceipt> receipts(Conversation c, Message m) {
        List<DeliveryReceipt> all = new ArrayList<>();
        DeliveryReceipt.reader(c.getSid(), m.getSid()).pageSize(2).read(parley().client()).forEach(all::add);
        return all;
    }

    private Map<String, DeliveryReceipt> awaitFinalReceipts(Conversation c, Message m, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<DeliveryReceipt> now = receipts(c, m);
            return now.size() == count && now.stream().allMatch(r -> r.getStatus() != null
                    && r.getStatus() != DeliveryStatus.SENT);
        });
        return receipts(c, m).stream().collect(Collectors.toMap(DeliveryReceipt::getParticipantSid,
                Function.identity()));
    }

    private static Map<String, Object> delivery(Message m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m.getDelivery();
        return d;
    }

    @Test
    default void smsReceiptsFollowTheirMessagesToDeliveredFailedAndUndelivered() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        String reached = Fixtures.handset();
        String refusing = Fixtures.handset();
        String unknown = Fixtures.handset();
        handset(refusing, "fail", "30004");
        handset(unknown, "undeliver", "30005");
        Conversation c = Conversation.creator().setFriendlyName("receipts").create(parley().client());
        Participant toReached = sms(c, reached, proxyNumber);
        Participant toRefusing = sms(c, refusing, proxyNumber);
        Participant toUnknown = sms(c, unknown, proxyNumber);
        Participant.creator(c.getSid()).setIdentity("agent").create(parley().client());

        Message posted = Message.creator(c.getSid()).setAuthor("agent").setBody("Your order shipped")
                .create(parley().client());
        Map<String, DeliveryReceipt> byParticipant = awaitFinalReceipts(c, posted, 3);

        DeliveryReceipt delivered = byParticipant.get(toReached.getSid());
        assertThat(delivered.getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivered.getErrorCode()).isZero();
        assertThat(delivered.getSid()).matches("DY[0-9a-f]{32}");
        assertThat(delivered.getMessageSid()).isEqualTo(posted.getSid());
        assertThat(delivered.getConversationSid()).isEqualTo(c.getSid());
        assertThat(delivered.getAccountSid()).isEqualTo(Parley.ACCOUNT_SID);
        // The channel message is the SMS the handset got, visible through the Messages API with the same status.
        var sms = com.twilio.rest.api.v2010.account.Message.fetcher(delivered.getChannelMessageSid())
                .fetch(parley().client());
        assertThat(sms.getTo()).isEqualTo(reached);
        assertThat(sms.getFrom().toString()).isEqualTo(proxyNumber);
        assertThat(sms.getBody()).isEqualTo("Your order shipped");
        assertThat(sms.getStatus()).isEqualTo(com.twilio.rest.api.v2010.account.Message.Status.DELIVERED);
        assertThat(delivered.getDateUpdated()).isNotNull();

        DeliveryReceipt failed = byParticipant.get(toRefusing.getSid());
        assertThat(failed.getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.getErrorCode()).isEqualTo(30004);
        DeliveryReceipt undelivered = byParticipant.get(toUnknown.getSid());
        assertThat(undelivered.getStatus()).isEqualTo(DeliveryStatus.UNDELIVERED);
        assertThat(undelivered.getErrorCode()).isEqualTo(30005);

        DeliveryReceipt fetched = DeliveryReceipt.fetcher(c.getSid(), posted.getSid(), failed.getSid())
                .fetch(parley().client());
        assertThat(fetched.getChannelMessageSid()).isEqualTo(failed.getChannelMessageSid());
        assertThat(fetched.getStatus()).isEqualTo(DeliveryStatus.FAILED);

        // Delivered and undelivered were sent, the failed one was not: some of each, none read.
        Map<String, Object> summary = delivery(Message.fetcher(c.getSid(), posted.getSid()).fetch(parley().client()));
        assertThat(summary).containsEntry("total", 3).containsEntry("sent", "some")
                .containsEntry("delivered", "some").containsEntry("read", "none").containsEntry("failed", "some")
                .containsEntry("undelivered", "some");
    }

    @Test
    default void aWhatsAppParticipantThatReadsMakesItsReceiptReadAndTheSummaryReadSome() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        assertThat(parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + proxy.getSid() + ".json", Map.of("WhatsAppChannel", "simulator")).status()).isEqualTo(200);
        String reader = "whatsapp:" + Fixtures.handset();
        assertThat(parley().post("/parley/v1/Simulator/Handsets/" + reader.replace("+", "%2B"),
                Map.of("Behavior", "read")).status()).isEqualTo(200);
        // The user wrote first, which opens WhatsApp's 24-hour window for free-form messages.
        assertThat(parley().post("/parley/v1/Simulator/Messages", Map.of("From", reader,
                "To", "whatsapp:" + proxyNumber, "Body", "hi")).status()).isEqualTo(201);
        Conversation c = Conversation.creator().setFriendlyName("read").create(parley().client());
        Participant wa = sms(c, reader, "whatsapp:" + proxyNumber);
        Participant plain = sms(c, Fixtures.handset(), proxyNumber);
        Message posted = Message.creator(c.getSid()).setAuthor("agent").setBody("Seen?").create(parley().client());

        await().atMost(Duration.ofSeconds(15)).until(() -> receipts(c, posted).stream()
                .anyMatch(r -> r.getStatus() == DeliveryStatus.READ));
        Map<String, DeliveryReceipt> byParticipant = awaitFinalReceipts(c, posted, 2);
        assertThat(byParticipant.get(wa.getSid()).getStatus()).isEqualTo(DeliveryStatus.READ);
        assertThat(byParticipant.get(plain.getSid()).getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
        // Read implies delivered and sent.
        assertThat(delivery(Message.fetcher(c.getSid(), posted.getSid()).fetch(parley().client())))
                .containsEntry("total", 2).containsEntry("sent", "all").containsEntry("delivered", "all")
                .containsEntry("read", "some").containsEntry("failed", "none").containsEntry("undelivered", "none");
    }

    @Test
    default void aMessageTheMessagingLayerRefusedHasAFailedReceiptWithItsCodeAndNoChannelMessage() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        Conversation c = Conversation.creator().setFriendlyName("refused").create(parley().client());
        String handset = Fixtures.handset();
        // The handset opted out of the proxy number: the Messaging layer refuses the relay with Twilio's 21610.
        assertThat(parley().post("/parley/v1/Simulator/Messages", Map.of("From", handset,
                "To", proxy.getPhoneNumber().toString(), "Body", "STOP")).status()).isEqualTo(201);
        Participant p = sms(c, handset, proxy.getPhoneNumber().toString());
        Parley.Answer posted = parley().post("/conversations/v1/Conversations/" + c.getSid() + "/Messages",
                Map.of("Author", "agent", "Body", "Are you there?"));
        assertThat(posted.status()).isEqualTo(201);
        Message m = Message.fetcher(c.getSid(), posted.json().get("sid").asText()).fetch(parley().client());

        DeliveryReceipt r = awaitFinalReceipts(c, m, 1).get(p.getSid());
        assertThat(r.getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(r.getErrorCode()).isEqualTo(21610);
        assertThat(r.getChannelMessageSid()).isNull();
        assertThat(delivery(Message.fetcher(c.getSid(), m.getSid()).fetch(parley().client())))
                .containsEntry("total", 1).containsEntry("failed", "all").containsEntry("sent", "none");
    }

    @Test
    default void theDeliverySummaryReadsAllWhenEveryHandsetGotItAndIsNullForChatOnlyMessages() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        Conversation c = Conversation.creator().setFriendlyName("all delivered").create(parley().client());
        sms(c, Fixtures.handset(), proxyNumber);
        sms(c, Fixtures.handset(), proxyNumber);
        Message posted = Message.creator(c.getSid()).setAuthor("agent").setBody("All good").create(parley().client());
        awaitFinalReceipts(c, posted, 2);

        List<Message> listed = new ArrayList<>();
        Message.reader(c.getSid()).read(parley().client()).forEach(listed::add);
        assertThat(delivery(listed.getFirst())).containsEntry("total", 2).containsEntry("sent", "all")
                .containsEntry("delivered", "all").containsEntry("read", "none").containsEntry("failed", "none")
                .containsEntry("undelivered", "none");

        Conversation chat = Conversation.creator().setFriendlyName("chat only").create(parley().client());
        Participant.creator(chat.getSid()).setIdentity("alice").create(parley().client());
        Message said = Message.creator(chat.getSid()).setAuthor("bob").setBody("hi").create(parley().client());
        assertThat(Message.fetcher(chat.getSid(), said.getSid()).fetch(parley().client()).getDelivery()).isNull();
        assertThat(receipts(chat, said)).isEmpty();
    }

    @Test
    default void receiptsConformToTheSpecUnscopedAndUnderTheirServiceAndStayInTheirConversation() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        Conversation c = Conversation.creator().setFriendlyName("spec").create(parley().client());
        sms(c, Fixtures.handset(), proxy.getPhoneNumber().toString());
        Message posted = Message.creator(c.getSid()).setAuthor("agent").setBody("spec").create(parley().client());
        DeliveryReceipt r = awaitFinalReceipts(c, posted, 1).values().iterator().next();

        String path = "/Conversations/" + c.getSid() + "/Messages/" + posted.getSid() + "/Receipts";
        Parley.Answer list = parley().get("/conversations/v1" + path);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("meta").get("key").asText()).isEqualTo("delivery_receipts");
        Parley.Answer one = parley().get("/conversations/v1" + path + "/" + r.getSid());
        OpenApiSpec.conversationsV1().assertConforms(
                "conversations.v1.conversation.conversation_message.conversation_message_receipt", one.json());
        assertThat(one.json().get("url").asText()).isEqualTo(parley().baseUrl() + "/conversations/v1" + path + "/"
                + r.getSid());
        Parley.Answer scoped = parley().get("/conversations/v1/Services/" + c.getChatServiceSid() + path + "/"
                + r.getSid());
        OpenApiSpec.conversationsV1().assertConforms("conversations.v1.service.service_conversation"
                + ".service_conversation_message.service_conversation_message_receipt", scoped.json());
        assertThat(scoped.json().get("chat_service_sid").asText()).isEqualTo(c.getChatServiceSid());
        var viaService = com.twilio.rest.conversations.v1.service.conversation.message.DeliveryReceipt
                .fetcher(c.getChatServiceSid(), c.getSid(), posted.getSid(), r.getSid()).fetch(parley().client());
        assertThat(viaService.getChannelMessageSid()).isEqualTo(r.getChannelMessageSid());

        // A receipt is found only under its own conversation and message.
        Conversation other = Conversation.creator().setFriendlyName("other").create(parley().client());
        assertThat(parley().get("/conversations/v1/Conversations/" + other.getSid() + "/Messages/"
                + posted.getSid() + "/Receipts").status()).isEqualTo(404);
        Message unrelated = Message.creator(other.getSid()).setBody("x").create(parley().client());
        assertThat(parley().get("/conversations/v1/Conversations/" + other.getSid() + "/Messages/"
                + unrelated.getSid() + "/Receipts/" + r.getSid()).status()).isEqualTo(404);
        assertThat(parley().get("/conversations/v1" + path + "?PageSize=51").status()).isEqualTo(400);
        // Another account (even a subaccount of the owner) does not see them.
        var tenant = com.twilio.rest.api.v2010.Account.creator().setFriendlyName("receipts outsider")
                .create(parley().client());
        Parley.Answer outsider = parley().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                parley().baseUrl() + "/conversations/v1" + path + "/" + r.getSid())).GET(), tenant.getSid(),
                tenant.getAuthToken());
        assertThat(outsider.status()).isEqualTo(404);
    }

    @Test
    default void theReadHorizonIsStoredAndReturnedAndANegativeIndexChangesNothing() {
        Conversation c = Conversation.creator().setFriendlyName("horizon").create(parley().client());
        Participant reader = Participant.creator(c.getSid()).setIdentity("reader").create(parley().client());
        assertThat(reader.getLastReadMessageIndex()).isNull();
        for (String body : List.of("one", "two", "three")) {
            Message.creator(c.getSid()).setAuthor("writer").setBody(body).create(parley().client());
        }

        Participant read = Participant.updater(c.getSid(), reader.getSid()).setLastReadMessageIndex(1)
                .setLastReadTimestamp("2026-11-27T05:00:00Z").update(parley().client());
        assertThat(read.getLastReadMessageIndex()).isEqualTo(1);
        assertThat(read.getLastReadTimestamp()).isEqualTo("2026-11-27T05:00:00Z");
        Participant fetched = Participant.fetcher(c.getSid(), "reader").fetch(parley().client());
        assertThat(fetched.getLastReadMessageIndex()).isEqualTo(1);
        assertThat(fetched.getLastReadTimestamp()).isEqualTo("2026-11-27T05:00:00Z");

        // Stored as given, as Twilio stores it: a horizon past the newest message leaves nothing unread.
        Participant beyond = Participant.updater(c.getSid(), reader.getSid()).setLastReadMessageIndex(99)
                .update(parley().client());
        assertThat(beyond.getLastReadMessageIndex()).isEqualTo(99);

        Parley.Answer negative = parley().post("/conversations/v1/Conversations/" + c.getSid() + "/Participants/"
                + reader.getSid(), Map.of("LastReadMessageIndex", "-1"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(Participant.fetcher(c.getSid(), reader.getSid()).fetch(parley().client())
                .getLastReadMessageIndex()).isEqualTo(99);
    }
}
