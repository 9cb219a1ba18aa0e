package dev.parley.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.receipt.DeliverySummary;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.core.error.ApiException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00.123456Z");
    private static final Instant T1 = Instant.parse("2026-12-06T12:05:00Z");
    private static final String AC = "AC00000000000000000000000000000001";
    private static final String IS = "IS00000000000000000000000000000001";
    private static final String CH = "CH00000000000000000000000000000001";

    private static final Participant ALICE = new Participant("MB01", AC, CH, IS, "alice", Participant.Binding.NONE,
            "{}", "RL01", 4L, null, T0, T1);
    private static final Participant HANDSET = new Participant("MB02", AC, CH, IS, null,
            new Participant.Binding("whatsapp:+15550001111", "whatsapp:+15550002222", null), "{\"a\":1}", "RL02",
            null, null, T0, T0);
    private static final Conversation CONVERSATION = new Conversation(CH, AC, IS, null, "Support", "case-1",
            "{}", ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T1);

    private static JsonNode parse(String frame) throws Exception {
        return JSON.readTree(frame);
    }

    private static ChatMessage message(String clientMessageId, DeliverySummary delivery,
            List<ConversationMedia> media) {
        return new ChatMessage(new ConversationMessage("IM01", AC, CH, IS, 7, "alice", "hello",
                media.stream().map(ConversationMedia::sid).toList(), "{}", "MB01", T0, T1), clientMessageId, delivery,
                media);
    }

    @Test
    void messageEventCarriesEveryFieldOfTheMessageObjectInSnakeCase() throws Exception {
        ConversationMedia photo = new ConversationMedia("ME01", AC, IS, "image/png", "cat.png", 1234, "alice", CH,
                "IM01", T0, T0);
        DeliverySummary delivery = DeliverySummary.of(List.of(ReceiptStatus.DELIVERED, ReceiptStatus.SENT));
        JsonNode f = parse(ChatFrames.messageAdded(message("c-1", delivery, List.of(photo))));

        assertThat(f.get("type").asText()).isEqualTo("message");
        assertThat(f.get("conversation_sid").asText()).isEqualTo(CH);
        JsonNode m = f.get("message");
        assertThat(fieldNames(m)).containsExactly("sid", "index", "conversation_sid", "author", "participant_sid",
                "body", "attributes", "media", "date_created", "date_updated", "client_message_id", "delivery");
        assertThat(m.get("sid").asText()).isEqualTo("IM01");
        assertThat(m.get("index").asLong()).isEqualTo(7);
        assertThat(m.get("author").asText()).isEqualTo("alice");
        assertThat(m.get("participant_sid").asText()).isEqualTo("MB01");
        assertThat(m.get("body").asText()).isEqualTo("hello");
        assertThat(m.get("attributes").asText()).isEqualTo("{}");
        assertThat(m.get("date_created").asText()).isEqualTo("2026-12-06T12:00:00Z");
        assertThat(m.get("date_updated").asText()).isEqualTo("2026-12-06T12:05:00Z");
        assertThat(m.get("client_message_id").asText()).isEqualTo("c-1");
        assertThat(m.get("media")).hasSize(1);
        JsonNode media = m.get("media").get(0);
        assertThat(media.get("sid").asText()).isEqualTo("ME01");
        assertThat(media.get("content_type").asText()).isEqualTo("image/png");
        assertThat(media.get("filename").asText()).isEqualTo("cat.png");
        assertThat(media.get("size").asLong()).isEqualTo(1234);
        JsonNode d = m.get("delivery");
        assertThat(d.get("total").asInt()).isEqualTo(2);
        assertThat(d.get("sent").asText()).isEqualTo("all");
        assertThat(d.get("delivered").asText()).isEqualTo("some");
        assertThat(d.get("read").asText()).isEqualTo("none");
        assertThat(d.get("failed").asText()).isEqualTo("none");
        assertThat(d.get("undelivered").asText()).isEqualTo("none");
    }

    @Test
    void unsetMessageFieldsArePresentAsNullAndNoMediaIsAnEmptyList() throws Exception {
        JsonNode m = parse(ChatFrames.messageUpdated(message(null, null, List.of()))).get("message");
        assertThat(m.get("client_message_id").isNull()).isTrue();
        assertThat(m.get("delivery").isNull()).isTrue();
        assertThat(m.get("media").isArray()).isTrue();
        assertThat(m.get("media")).isEmpty();
        assertThat(parse(ChatFrames.messageUpdated(message(null, null, List.of()))).get("type").asText())
                .isEqualTo("message_updated");
    }

    @Test
    void participantObjectNamesTheChannelAndTheHandsetsAddress() throws Exception {
        JsonNode chat = parse(ChatFrames.participantUpdated(ALICE)).get("participant");
        assertThat(fieldNames(chat)).containsExactly("sid", "identity", "channel", "address", "role_sid",
                "attributes", "last_read_message_index", "date_created", "date_updated");
        assertThat(chat.get("channel").asText()).isEqualTo("chat");
        assertThat(chat.get("address").isNull()).isTrue();
        assertThat(chat.get("identity").asText()).isEqualTo("alice");
        assertThat(chat.get("last_read_message_index").asLong()).isEqualTo(4);

        JsonNode wa = parse(ChatFrames.participantJoined(HANDSET, null));
        assertThat(wa.get("type").asText()).isEqualTo("participant_joined");
        assertThat(wa.get("conversation_sid").asText()).isEqualTo(CH);
        assertThat(wa.has("conversation")).isFalse();
        JsonNode p = wa.get("participant");
        assertThat(p.get("channel").asText()).isEqualTo("whatsapp");
        assertThat(p.get("address").asText()).isEqualTo("whatsapp:+15550001111");
        assertThat(p.get("identity").isNull()).isTrue();
        assertThat(p.get("last_read_message_index").isNull()).isTrue();
        assertThat(p.get("attributes").asText()).isEqualTo("{\"a\":1}");

        Participant sms = new Participant("MB03", AC, CH, IS, null, new Participant.Binding("+15550001111",
                "+15550002222", null), "{}", null, null, null, T0, T0);
        assertThat(parse(ChatFrames.participantUpdated(sms)).get("participant").get("channel").asText())
                .isEqualTo("sms");
    }

    @Test
    void ownJoinCarriesTheConversationAsTheIdentitySeesIt() throws Exception {
        JsonNode f = parse(ChatFrames.participantJoined(ALICE, new ChatConversation(CONVERSATION, ALICE, 2L, 6L)));
        JsonNode c = f.get("conversation");
        assertThat(fieldNames(c)).containsExactly("sid", "chat_service_sid", "unique_name", "friendly_name",
                "attributes", "state", "date_created", "date_updated", "participant_sid", "last_read_message_index",
                "unread_messages_count", "last_message_index");
        assertThat(c.get("sid").asText()).isEqualTo(CH);
        assertThat(c.get("chat_service_sid").asText()).isEqualTo(IS);
        assertThat(c.get("unique_name").asText()).isEqualTo("case-1");
        assertThat(c.get("friendly_name").asText()).isEqualTo("Support");
        assertThat(c.get("state").asText()).isEqualTo("active");
        assertThat(c.get("participant_sid").asText()).isEqualTo("MB01");
        assertThat(c.get("last_read_message_index").asLong()).isEqualTo(4);
        assertThat(c.get("unread_messages_count").asLong()).isEqualTo(2);
        assertThat(c.get("last_message_index").asLong()).isEqualTo(6);
    }

    @Test
    void emptyConversationHasNullCountsAndIndexes() throws Exception {
        Participant fresh = new Participant("MB09", AC, CH, IS, "bob", Participant.Binding.NONE, "{}", "RL01", null,
                null, T0, T0);
        JsonNode c = parse(ChatFrames.conversationUpdated(new ChatConversation(
                CONVERSATION.with(ConversationState.CLOSED, Conversation.Timers.NONE, T1), fresh, null, null)));
        assertThat(c.get("type").asText()).isEqualTo("conversation_updated");
        assertThat(c.get("conversation_sid").asText()).isEqualTo(CH);
        JsonNode o = c.get("conversation");
        assertThat(o.get("state").asText()).isEqualTo("closed");
        assertThat(o.get("last_read_message_index").isNull()).isTrue();
        assertThat(o.get("unread_messages_count").isNull()).isTrue();
        assertThat(o.get("last_message_index").isNull()).isTrue();
        assertThat(o.get("unique_name").asText()).isEqualTo("case-1");
    }

    @Test
    void smallEventsCarryWhatTheProtocolNames() throws Exception {
        assertThat(parse(ChatFrames.messageRemoved(CH, "IM01", 7))).isEqualTo(parse(
                "{\"type\":\"message_removed\",\"conversation_sid\":\"" + CH
                        + "\",\"message_sid\":\"IM01\",\"index\":7}"));
        assertThat(parse(ChatFrames.participantLeft(CH, "MB01", "alice"))).isEqualTo(parse(
                "{\"type\":\"participant_left\",\"conversation_sid\":\"" + CH
                        + "\",\"participant_sid\":\"MB01\",\"identity\":\"alice\"}"));
        assertThat(parse(ChatFrames.read(ALICE))).isEqualTo(parse(
                "{\"type\":\"read\",\"conversation_sid\":\"" + CH
                        + "\",\"participant_sid\":\"MB01\",\"identity\":\"alice\",\"last_read_message_index\":4}"));
        assertThat(parse(ChatFrames.typing(CH, "MB01", "alice"))).isEqualTo(parse(
                "{\"type\":\"typing\",\"conversation_sid\":\"" + CH
                        + "\",\"participant_sid\":\"MB01\",\"identity\":\"alice\"}"));
        assertThat(parse(ChatFrames.conversationRemoved(CH))).isEqualTo(parse(
                "{\"type\":\"conversation_removed\",\"conversation_sid\":\"" + CH + "\"}"));
        assertThat(parse(ChatFrames.tokenExpiring(T1))).isEqualTo(parse(
                "{\"type\":\"token_expiring\",\"expires_at\":\"2026-12-06T12:05:00Z\"}"));
    }

    @Test
    void deliveryEventCarriesTheReceiptAndTheMessagesSummary() throws Exception {
        DeliveryReceipt r = new DeliveryReceipt("DY01", AC, CH, "IM01", "MB02", "SM01", ReceiptStatus.UNDELIVERED,
                30005, T0, T1);
        JsonNode f = parse(ChatFrames.delivery(r, DeliverySummary.of(List.of(ReceiptStatus.UNDELIVERED))));
        assertThat(f.get("type").asText()).isEqualTo("delivery");
        assertThat(f.get("conversation_sid").asText()).isEqualTo(CH);
        assertThat(f.get("message_sid").asText()).isEqualTo("IM01");
        assertThat(f.get("participant_sid").asText()).isEqualTo("MB02");
        assertThat(f.get("status").asText()).isEqualTo("undelivered");
        assertThat(f.get("error_code").asInt()).isEqualTo(30005);
        assertThat(f.get("delivery").get("undelivered").asText()).isEqualTo("all");
        assertThat(f.get("delivery").get("sent").asText()).isEqualTo("all");

        DeliveryReceipt unsent = new DeliveryReceipt("DY02", AC, CH, "IM01", "MB02", null, null, 0, T0, T0);
        assertThat(parse(ChatFrames.delivery(unsent, null)).get("status").isNull()).isTrue();
    }

    @Test
    void repliesEchoTheRequestIdOrNull() throws Exception {
        ChatIdentity who = new ChatIdentity(AC, IS, "alice", "SK01", T1);
        assertThat(parse(ChatFrames.authenticated(who))).isEqualTo(parse("{\"type\":\"authenticated\","
                + "\"protocol\":1,\"identity\":\"alice\",\"account_sid\":\"" + AC + "\",\"chat_service_sid\":\"" + IS
                + "\",\"expires_at\":\"2026-12-06T12:05:00Z\"}"));
        assertThat(parse(ChatFrames.pong("p1"))).isEqualTo(parse("{\"type\":\"pong\",\"id\":\"p1\"}"));
        assertThat(parse(ChatFrames.pong(null))).isEqualTo(parse("{\"type\":\"pong\",\"id\":null}"));
        assertThat(parse(ChatFrames.deleted("d1", "IM01"))).isEqualTo(parse(
                "{\"type\":\"deleted\",\"id\":\"d1\",\"message_sid\":\"IM01\"}"));
        assertThat(parse(ChatFrames.readAck("r1", CH, 5L))).isEqualTo(parse("{\"type\":\"read_ack\",\"id\":\"r1\","
                + "\"conversation_sid\":\"" + CH + "\",\"last_read_message_index\":5}"));
        assertThat(parse(ChatFrames.refreshed("f1", T1))).isEqualTo(parse(
                "{\"type\":\"refreshed\",\"id\":\"f1\",\"expires_at\":\"2026-12-06T12:05:00Z\"}"));
        assertThat(parse(ChatFrames.error("e1", ApiException.forbidden("Not a participant"))).get("status").asInt())
                .isEqualTo(403);
        assertThat(parse(ChatFrames.error("e2", 20001, "Unknown frame type: foo", 400))).isEqualTo(parse(
                "{\"type\":\"error\",\"id\":\"e2\",\"code\":20001,\"message\":\"Unknown frame type: foo\","
                        + "\"status\":400}"));
    }

    @Test
    void listRepliesHoldTheirObjectsInTheOrderGiven() throws Exception {
        JsonNode h = parse(ChatFrames.history("h1", CH, List.of(message("a", null, List.of())), true));
        assertThat(h.get("type").asText()).isEqualTo("history");
        assertThat(h.get("id").asText()).isEqualTo("h1");
        assertThat(h.get("conversation_sid").asText()).isEqualTo(CH);
        assertThat(h.get("messages")).hasSize(1);
        assertThat(h.get("messages").get(0).get("client_message_id").asText()).isEqualTo("a");
        assertThat(h.get("has_more").asBoolean()).isTrue();

        JsonNode p = parse(ChatFrames.participants("p1", CH, List.of(ALICE, HANDSET)));
        assertThat(p.get("participants").findValuesAsText("sid")).containsExactly("MB01", "MB02");
        assertThat(p.get("conversation_sid").asText()).isEqualTo(CH);

        JsonNode c = parse(ChatFrames.conversations("c1", List.of(new ChatConversation(CONVERSATION, ALICE, 0L,
                4L))));
        assertThat(c.get("conversations").get(0).get("sid").asText()).isEqualTo(CH);
        assertThat(parse(ChatFrames.conversations(null, List.of())).get("conversations")).isEmpty();

        JsonNode s = parse(ChatFrames.sent("s1", "c-9", message("c-9", null, List.of())));
        assertThat(s.get("type").asText()).isEqualTo("sent");
        assertThat(s.get("client_message_id").asText()).isEqualTo("c-9");
        assertThat(s.get("message").get("sid").asText()).isEqualTo("IM01");
        assertThat(parse(ChatFrames.edited("e1", message(null, null, List.of()))).get("message").get("body")
                .asText()).isEqualTo("hello");
        assertThat(parse(ChatFrames.started("st", new ChatConversation(CONVERSATION, ALICE, null, null)))
                .get("conversation").get("participant_sid").asText()).isEqualTo("MB01");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
