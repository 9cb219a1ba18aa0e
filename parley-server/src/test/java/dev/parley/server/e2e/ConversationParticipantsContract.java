package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Participants of conversations, the fan-out of conversation messages to SMS handsets of the simulator, and
 * inbound SMS routed into conversations — through Twilio's SDK and the simulator's API.
 */
interface ConversationParticipantsContract {

    Parley parley();

    WebhookReceiver receiver();

    private List<JsonNode> inbox(String handset) {
        JsonNode messages = parley().get("/parley/v1/Simulator/Handsets/" + handset.replace("+", "%2B")
                + "/Messages").json().get("messages");
        List<JsonNode> out = new ArrayList<>();
        messages.forEach(out::add);
        return out;
    }

    private void awaitReceived(String handset, String from, String body) {
        await().atMost(Duration.ofSeconds(15)).until(() -> inbox(handset).stream().anyMatch(m ->
                m.get("body").asText().equals(body) && m.get("from").asText().equals(from)));
    }

    private List<Message> history(String conversationSid) {
        List<Message> all = new ArrayList<>();
        Message.reader(conversationSid).pageSize(2).read(parley().client()).forEach(all::add);
        return all;
    }

    private static Map<String, Object> binding(Participant p) {
        @SuppressWarnings("unchecked")
        Map<String, Object> b = (Map<String, Object>) p.getMessagingBinding();
        return b;
    }

    @Test
    default void chatAndSmsParticipantsAreAddedFetchedUpdatedListedAndRemoved() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String handset = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("participants").create(parley().client());
        Participant chat = Participant.creator(c.getSid()).setIdentity("alice").setAttributes("{\"vip\":true}")
                .create(parley().client());
        assertThat(chat.getSid()).matches("MB[0-9a-f]{32}");
        assertThat(chat.getIdentity()).isEqualTo("alice");
        assertThat(chat.getMessagingBinding()).isNull();
        Participant sms = Participant.creator(c.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client());
        assertThat(sms.getIdentity()).isNull();
        assertThat(binding(sms)).containsEntry("type", "sms").containsEntry("address", handset)
                .containsEntry("proxy_address", proxy.getPhoneNumber().toString());

        assertThat(Participant.fetcher(c.getSid(), "alice").fetch(parley().client()).getSid()).isEqualTo(chat.getSid());
        Participant read = Participant.updater(c.getSid(), chat.getSid()).setLastReadMessageIndex(3)
                .setLastReadTimestamp("2026-01-01T00:00:00Z").setAttributes("{}").update(parley().client());
        assertThat(read.getLastReadMessageIndex()).isEqualTo(3);
        assertThat(read.getLastReadTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(read.getAttributes()).isEqualTo("{}");

        List<String> listed = new ArrayList<>();
        Participant.reader(c.getSid()).pageSize(1).read(parley().client()).forEach(p -> listed.add(p.getSid()));
        assertThat(listed).containsExactly(chat.getSid(), sms.getSid());

        Participant.deleter(c.getSid(), chat.getSid()).delete(parley().client());
        assertCode(() -> Participant.fetcher(c.getSid(), chat.getSid()).fetch(parley().client()), 20404, 404);
    }

    @Test
    default void participantRefusalsCarryTwiliosCodes() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String handset = Fixtures.handset();
        Conversation c = Conversation.creator().create(parley().client());
        Participant.creator(c.getSid()).setIdentity("bob").create(parley().client());
        assertCode(() -> Participant.creator(c.getSid()).setIdentity("bob").create(parley().client()), 50433, 409);
        // A number the account does not own.
        assertCode(() -> Participant.creator(c.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress("+15005550006").create(parley().client()), 50413, 400);
        assertCode(() -> Participant.creator(c.getSid()).setMessagingBindingAddress("not-a-number")
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client()),
                50407, 400);
        // Outside +1 (no group MMS there) an address needs a proxy address.
        assertCode(() -> Participant.creator(c.getSid()).setMessagingBindingAddress("+447700900123")
                .create(parley().client()), 50412, 400);

        Participant.creator(c.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client());
        Conversation other = Conversation.creator().create(parley().client());
        assertCode(() -> Participant.creator(other.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client()),
                50416, 409);
        // Once the first conversation is closed, the pair is free again.
        Conversation.updater(c.getSid()).setState(Conversation.State.CLOSED).update(parley().client());
        Participant moved = Participant.creator(other.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client());
        assertThat(moved.getConversationSid()).isEqualTo(other.getSid());
        List<Participant> left = new ArrayList<>();
        Participant.reader(other.getSid()).read(parley().client()).forEach(left::add);
        assertThat(left).hasSize(1);
    }

    @Test
    default void chatAndSmsParticipantsSeeEachOthersMessagesAndALateAgentReadsTheWholeHistory() {
        String hook = receiver().url("/conversation-proxy-webhook");
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), hook, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        String first = Fixtures.handset();
        String second = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("story").create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(first).setMessagingBindingProxyAddress(proxyNumber)
                .create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(second).setMessagingBindingProxyAddress(proxyNumber)
                .create(parley().client());
        Participant.creator(c.getSid()).setIdentity("customer-care").create(parley().client());

        Message posted = Message.creator(c.getSid()).setAuthor("customer-care").setBody("How can we help?")
                .create(parley().client());
        assertThat(posted.getIndex()).isZero();
        awaitReceived(first, proxyNumber, "How can we help?");
        awaitReceived(second, proxyNumber, "How can we help?");

        Parley.Answer reply = parley().post("/parley/v1/Simulator/Messages", Map.of("From", first, "To", proxyNumber,
                "Body", "My parcel is late"));
        assertThat(reply.status()).isEqualTo(201);
        awaitReceived(second, proxyNumber, "My parcel is late");
        // The author's own handset does not get its message back.
        assertThat(inbox(first)).noneMatch(m -> m.get("body").asText().equals("My parcel is late"));

        Participant agent = Participant.creator(c.getSid()).setIdentity("agent-7").create(parley().client());
        assertThat(agent.getSid()).isNotNull();
        List<Message> history = history(c.getSid());
        assertThat(history).extracting(Message::getIndex).containsExactly(0, 1);
        assertThat(history).extracting(Message::getBody).containsExactly("How can we help?", "My parcel is late");
        assertThat(history).extracting(Message::getAuthor).containsExactly("customer-care", first);
        assertThat(history.get(1).getParticipantSid()).matches("MB[0-9a-f]{32}");
        // The reply went to the conversation, not to the number's webhook.
        assertThat(receiver().requests("/conversation-proxy-webhook")).isEmpty();
    }

    @Test
    default void smsWhatsAppAndChatParticipantsEachSeeTheOthersMessages() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String proxyNumber = proxy.getPhoneNumber().toString();
        assertThat(parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + proxy.getSid() + ".json", Map.of("WhatsAppChannel", "simulator")).status()).isEqualTo(200);
        String sms = Fixtures.handset();
        String whatsApp = "whatsapp:" + Fixtures.handset();
        String whatsAppProxy = "whatsapp:" + proxyNumber;
        Conversation c = Conversation.creator().setFriendlyName("three channels").create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(sms).setMessagingBindingProxyAddress(proxyNumber)
                .create(parley().client());
        Participant wa = Participant.creator(c.getSid()).setMessagingBindingAddress(whatsApp)
                .setMessagingBindingProxyAddress(whatsAppProxy).create(parley().client());
        assertThat(binding(wa)).containsEntry("type", "whatsapp").containsEntry("address", whatsApp);
        Participant.creator(c.getSid()).setIdentity("web-user").create(parley().client());

        Message.creator(c.getSid()).setAuthor("web-user").setBody("hi from the web").create(parley().client());
        awaitReceived(sms, proxyNumber, "hi from the web");
        awaitReceived(whatsApp, whatsAppProxy, "hi from the web");

        parley().post("/parley/v1/Simulator/Messages", Map.of("From", whatsApp, "To", whatsAppProxy,
                "Body", "hi from WhatsApp"));
        awaitReceived(sms, proxyNumber, "hi from WhatsApp");
        parley().post("/parley/v1/Simulator/Messages", Map.of("From", sms, "To", proxyNumber, "Body", "hi from SMS"));
        awaitReceived(whatsApp, whatsAppProxy, "hi from SMS");

        await().atMost(Duration.ofSeconds(10)).until(() -> history(c.getSid()).size() == 3);
        assertThat(history(c.getSid())).extracting(Message::getAuthor).containsExactly("web-user", whatsApp, sms);
        // A WhatsApp proxy must be a WhatsApp sender of the account.
        IncomingPhoneNumber smsOnly = Fixtures.number(parley().client(), null, null);
        assertCode(() -> Participant.creator(c.getSid()).setMessagingBindingAddress("whatsapp:" + Fixtures.handset())
                .setMessagingBindingProxyAddress("whatsapp:" + smsOnly.getPhoneNumber()).create(parley().client()),
                50413, 400);
    }

    @Test
    default void aHandsetOutsideAnyConversationStillReachesTheNumbersWebhook() {
        String hook = "/conversation-outsider-webhook";
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), receiver().url(hook), null);
        String member = Fixtures.handset();
        String outsider = Fixtures.handset();
        Conversation c = Conversation.creator().create(parley().client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(member)
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client());
        parley().post("/parley/v1/Simulator/Messages", Map.of("From", outsider,
                "To", proxy.getPhoneNumber().toString(), "Body", "hello?"));
        var request = receiver().awaitRequests(hook, 1, Duration.ofSeconds(10)).getFirst();
        assertThat(request.formParams().get("From")).containsExactly(outsider);
        assertThat(history(c.getSid())).isEmpty();
    }

    @Test
    default void conversationWithParticipantsCreatesAllOrNothing() {
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        String handset = Fixtures.handset();
        String sms = "{\"messaging_binding\":{\"address\":\"" + handset + "\",\"proxy_address\":\""
                + proxy.getPhoneNumber() + "\"}}";
        var created = com.twilio.rest.conversations.v1.ConversationWithParticipants.creator()
                .setFriendlyName("with participants")
                .setParticipant(List.of("{\"identity\":\"carol\"}", sms)).create(parley().client());
        assertThat(created.getSid()).matches("CH[0-9a-f]{32}");
        List<Participant> added = new ArrayList<>();
        Participant.reader(created.getSid()).read(parley().client()).forEach(added::add);
        assertThat(added).extracting(Participant::getIdentity).containsExactly("carol", null);
        OpenApiSpecCheck.conforms("conversations.v1.conversation_with_participants",
                parley().get("/conversations/v1/Conversations/" + created.getSid()).json());

        // The same SMS pair again: refused with 50416, and no conversation is left behind.
        long before = countConversations();
        assertCode(() -> com.twilio.rest.conversations.v1.ConversationWithParticipants.creator()
                .setFriendlyName("refused").setParticipant(List.of("{\"identity\":\"dave\"}", sms))
                .create(parley().client()), 50416, 409);
        assertCode(() -> com.twilio.rest.conversations.v1.ConversationWithParticipants.creator()
                .setParticipant("{not json").create(parley().client()), 50424, 400);
        assertThat(countConversations()).isEqualTo(before);
    }

    private long countConversations() {
        long[] n = {0};
        Conversation.reader().pageSize(100).read(parley().client()).forEach(c -> n[0]++);
        return n[0];
    }

    /** The spec check, named for this contract. */
    final class OpenApiSpecCheck {
        private OpenApiSpecCheck() {
        }

        static void conforms(String schema, JsonNode json) {
            dev.parley.testing.OpenApiSpec.conversationsV1().assertConforms(schema, json);
        }
    }
}
