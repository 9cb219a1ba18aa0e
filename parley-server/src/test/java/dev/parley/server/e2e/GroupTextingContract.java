package dev.parley.server.e2e;

import static dev.parley.server.e2e.ConversationsContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Group texting in Conversations (Twilio's group MMS, ADR 0018) through Twilio's SDK: handsets taking part with their
 * own numbers, an agent projected into the group by one of the account's numbers, the simulator acting as the carrier
 * between the handsets.
 */
interface GroupTextingContract {

    Parley parley();

    private static String enc(String number) {
        return number.replace("+", "%2B");
    }

    private Participant handsetIn(Conversation c, String address) {
        return Participant.creator(c.getSid()).setMessagingBindingAddress(address).create(parley().client());
    }

    private Participant agentIn(Conversation c, String identity, String projected) {
        return Participant.creator(c.getSid()).setIdentity(identity).setMessagingBindingProjectedAddress(projected)
                .create(parley().client());
    }

    private String number() {
        return Fixtures.number(parley().client(), null, null).getPhoneNumber().toString();
    }

    private List<JsonNode> inbox(String handset) {
        JsonNode page = parley().get("/parley/v1/Simulator/Handsets/" + enc(handset) + "/Messages").json();
        List<JsonNode> all = new ArrayList<>();
        page.path("messages").forEach(all::add);
        return all;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<Participant> participants(Conversation c) {
        return StreamSupport.stream(Participant.reader(c.getSid()).read(parley().client()).spliterator(), false)
                .toList();
    }

    private List<Message> history(Conversation c) {
        return StreamSupport.stream(Message.reader(c.getSid()).read(parley().client()).spliterator(), false).toList();
    }

    @Test
    default void agentMessageReachesEachHandsetOnceFromTheProjectedNumberWithTheWholeGroup() {
        String agentNumber = number();
        String a = Fixtures.handset();
        String b = Fixtures.handset();
        String c = Fixtures.handset();
        Conversation conv = Conversation.creator().setFriendlyName("closing on the house").create(parley().client());
        Participant pa = handsetIn(conv, a);
        Participant pb = handsetIn(conv, b);
        Participant pc = handsetIn(conv, c);
        Participant agent = agentIn(conv, "realtor", agentNumber);
        @SuppressWarnings("unchecked")
        Map<String, Object> binding = (Map<String, Object>) pa.getMessagingBinding();
        assertThat(binding).containsEntry("type", "sms").containsEntry("address", a).doesNotContainKey("proxy_address");
        @SuppressWarnings("unchecked")
        Map<String, Object> projected = (Map<String, Object>) agent.getMessagingBinding();
        assertThat(projected).containsEntry("projected_address", agentNumber);

        Message posted = Message.creator(conv.getSid()).setAuthor("realtor").setBody("Keys are ready")
                .create(parley().client());

        await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<DeliveryReceipt> receipts = new ArrayList<>();
            DeliveryReceipt.reader(conv.getSid(), posted.getSid()).read(parley().client()).forEach(receipts::add);
            return receipts.size() == 3 && receipts.stream()
                    .allMatch(r -> r.getStatus() == DeliveryReceipt.DeliveryStatus.DELIVERED);
        });
        List<String> receiptParticipants = new ArrayList<>();
        DeliveryReceipt.reader(conv.getSid(), posted.getSid()).read(parley().client())
                .forEach(r -> receiptParticipants.add(r.getParticipantSid()));
        assertThat(receiptParticipants).containsExactlyInAnyOrder(pa.getSid(), pb.getSid(), pc.getSid());

        for (String handset : List.of(a, b, c)) {
            List<JsonNode> got = inbox(handset);
            assertThat(got).hasSize(1);
            JsonNode m = got.getFirst();
            assertThat(m.path("from").asText()).isEqualTo(agentNumber);
            assertThat(m.path("to").asText()).isEqualTo(handset);
            assertThat(m.path("body").asText()).isEqualTo("Keys are ready");
            assertThat(m.path("status").asText()).isEqualTo("delivered");
            assertThat(m.path("sid").asText()).startsWith("MM");
            // The whole group on the handset: the sender, itself, and the others.
            List<String> members = new ArrayList<>(texts(m.path("group_recipients")));
            assertThat(members).doesNotContain(handset, agentNumber);
            members.add(handset);
            members.add(agentNumber);
            assertThat(members).containsExactlyInAnyOrder(a, b, c, agentNumber);
        }
        Message fetched = Message.fetcher(conv.getSid(), posted.getSid()).fetch(parley().client());
        @SuppressWarnings("unchecked")
        Map<String, Object> delivery = (Map<String, Object>) fetched.getDelivery();
        assertThat(delivery).containsEntry("total", 3).containsEntry("delivered", "all");
    }

    @Test
    default void handsetReplyReachesTheOtherHandsetsAndBecomesOneConversationMessage() {
        String agentNumber = number();
        String desk = number();
        String a = Fixtures.handset();
        String b = Fixtures.handset();
        String c = Fixtures.handset();
        Conversation conv = Conversation.creator().create(parley().client());
        Participant pa = handsetIn(conv, a);
        handsetIn(conv, b);
        handsetIn(conv, c);
        agentIn(conv, "broker", agentNumber);
        // A number alone in the group: it receives its own copy of every handset's message.
        Participant.creator(conv.getSid()).setMessagingBindingProjectedAddress(desk).create(parley().client());

        Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", List.of(Map.entry("From", a),
                Map.entry("To", agentNumber), Map.entry("To", desk), Map.entry("To", b), Map.entry("To", c),
                Map.entry("Body", "Can we move it to Friday?")));
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("status").asText()).isEqualTo("received");
        assertThat(sent.json().path("to").asText()).isEqualTo(agentNumber);
        assertThat(texts(sent.json().path("group_recipients"))).containsExactlyInAnyOrder(desk, b, c);

        for (String handset : List.of(b, c)) {
            List<JsonNode> got = inbox(handset);
            assertThat(got).hasSize(1);
            assertThat(got.getFirst().path("from").asText()).isEqualTo(a);
            assertThat(got.getFirst().path("body").asText()).isEqualTo("Can we move it to Friday?");
            List<String> others = texts(got.getFirst().path("group_recipients"));
            assertThat(others).containsExactlyInAnyOrder(agentNumber, desk, handset.equals(b) ? c : b);
        }
        assertThat(inbox(a)).isEmpty();

        List<Message> history = history(conv);
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().getAuthor()).isEqualTo(a);
        assertThat(history.getFirst().getParticipantSid()).isEqualTo(pa.getSid());
        assertThat(history.getFirst().getBody()).isEqualTo("Can we move it to Friday?");

        // The agent answers; the handsets get that, and never a relay of A's message.
        Message answer = Message.creator(conv.getSid()).setAuthor("broker").setBody("Friday works")
                .create(parley().client());
        await().atMost(Duration.ofSeconds(15)).until(() -> inbox(b).size() == 2 && inbox(c).size() == 2
                && inbox(a).size() == 1);
        assertThat(inbox(b).stream().map(m -> m.path("body").asText()))
                .containsExactlyInAnyOrder("Can we move it to Friday?", "Friday works");
        assertThat(inbox(a).getFirst().path("from").asText()).isEqualTo(agentNumber);
        List<DeliveryReceipt> none = new ArrayList<>();
        DeliveryReceipt.reader(conv.getSid(), history.getFirst().getSid()).read(parley().client()).forEach(none::add);
        assertThat(none).isEmpty();
        assertThat(history(conv)).extracting(Message::getSid).containsExactly(history.getFirst().getSid(),
                answer.getSid());
    }

    @Test
    default void groupRefusalsCarryTwiliosCodesAndWriteNothing() {
        String agentNumber = number();
        Conversation group = Conversation.creator().create(parley().client());
        String first = Fixtures.handset();
        handsetIn(group, first);
        assertCode(() -> handsetIn(group, first), 50416, 409);
        // A chat identity needs a projected address in a group.
        assertCode(() -> Participant.creator(group.getSid()).setIdentity("lurker").create(parley().client()),
                50434, 400);
        // Projected addresses: the account's +1 long codes only.
        assertCode(() -> agentIn(group, "abroad", "+447700900123"), 50435, 400);
        assertCode(() -> agentIn(group, "tollfree", "+18005550123"), 50435, 400);
        assertCode(() -> agentIn(group, "stranger", Fixtures.handset()), 50439, 400);
        // An address has no projected address; and no proxy address joins a group.
        assertCode(() -> Participant.creator(group.getSid()).setMessagingBindingAddress(Fixtures.handset())
                .setMessagingBindingProjectedAddress(agentNumber).create(parley().client()), 50443, 400);
        assertCode(() -> Participant.creator(group.getSid()).setMessagingBindingAddress(Fixtures.handset())
                .setMessagingBindingProxyAddress(agentNumber).create(parley().client()), 50435, 400);
        assertThat(participants(group)).hasSize(1);

        // Ten participants at most.
        agentIn(group, "agent", agentNumber);
        for (int i = 0; i < 8; i++) {
            handsetIn(group, Fixtures.handset());
        }
        assertThat(participants(group)).hasSize(10);
        assertCode(() -> handsetIn(group, Fixtures.handset()), 50436, 400);
        assertCode(() -> Participant.creator(group.getSid()).setMessagingBindingProjectedAddress(number())
                .create(parley().client()), 50436, 400);
        assertThat(participants(group)).hasSize(10);

        // A one-to-one conversation through a proxy address takes no group participant.
        Conversation proxied = Conversation.creator().create(parley().client());
        Participant.creator(proxied.getSid()).setMessagingBindingAddress(Fixtures.handset())
                .setMessagingBindingProxyAddress(number()).create(parley().client());
        assertCode(() -> handsetIn(proxied, Fixtures.handset()), 50435, 400);
        assertCode(() -> agentIn(proxied, "projected", agentNumber), 50435, 400);
        // A chat participant projected later follows the same rules.
        Participant chat = Participant.creator(proxied.getSid()).setIdentity("later").create(parley().client());
        assertCode(() -> Participant.updater(proxied.getSid(), chat.getSid())
                .setMessagingBindingProjectedAddress(agentNumber).update(parley().client()), 50435, 400);
        assertThat(Participant.fetcher(proxied.getSid(), chat.getSid()).fetch(parley().client())
                .getMessagingBinding()).isNull();
        Participant.deleter(proxied.getSid(), chat.getSid()).delete(parley().client());
        // Outside +1 an address still needs a proxy address.
        assertCode(() -> handsetIn(proxied, "+447700900456"), 50412, 400);
        assertCode(() -> handsetIn(proxied, "whatsapp:" + Fixtures.handset()), 50412, 400);
        assertThat(participants(proxied)).hasSize(1);
    }

    @Test
    default void groupMessageToANumberOutsideAConversationIsAnOrdinaryReceivedMessage() {
        String number = number();
        String a = Fixtures.handset();
        String b = Fixtures.handset();
        Parley.Answer sent = parley().post("/parley/v1/Simulator/Messages", List.of(Map.entry("From", a),
                Map.entry("To", number), Map.entry("To", b), Map.entry("Body", "hi all")));
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("direction").asText()).isEqualTo("inbound");
        assertThat(sent.json().path("status").asText()).isEqualTo("received");
        assertThat(texts(sent.json().path("group_recipients"))).containsExactly(b);
        com.twilio.rest.api.v2010.account.Message fetched = com.twilio.rest.api.v2010.account.Message
                .fetcher(sent.json().path("sid").asText()).fetch(parley().client());
        assertThat(fetched.getBody()).isEqualTo("hi all");
        assertThat(fetched.getFrom().toString()).isEqualTo(a);
        assertThat(inbox(b)).singleElement().satisfies(m -> assertThat(m.path("from").asText()).isEqualTo(a));

        // Refusals: no number of the account among the recipients; a group past ten members.
        assertThat(parley().post("/parley/v1/Simulator/Messages", List.of(Map.entry("From", a),
                Map.entry("To", b), Map.entry("To", Fixtures.handset()), Map.entry("Body", "x"))).json()
                .path("code").asInt()).isEqualTo(21606);
        List<Map.Entry<String, String>> crowd = new ArrayList<>(List.of(Map.entry("From", a), Map.entry("To", number),
                Map.entry("Body", "x")));
        for (int i = 0; i < 9; i++) {
            crowd.add(Map.entry("To", Fixtures.handset()));
        }
        Parley.Answer tooMany = parley().post("/parley/v1/Simulator/Messages", crowd);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("code").asInt()).isEqualTo(21653);
        assertThat(inbox(b)).hasSize(1);
    }
}
