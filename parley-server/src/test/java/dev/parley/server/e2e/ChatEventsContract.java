package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The web-chat socket's live events as a second client sees the first one's actions (edits, deletions, read
 * horizons), delivery receipts of an SMS participant, and a conversation the identity is added to while connected.
 */
interface ChatEventsContract {
    AtomicInteger EVENT_IDENTITIES = new AtomicInteger();

    Parley parley();

    private static String identity(String name) {
        return name + "-ev-" + EVENT_IDENTITIES.incrementAndGet();
    }

    private static Map<String, Object> frame(Object... keysAndValues) {
        Map<String, Object> frame = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            frame.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return frame;
    }

    private ChatClient connect(ChatTokens.Key key, String identity) {
        return ChatClient.authenticated(parley().port(), ChatTokens.token(parley(), key, identity, null));
    }

    @Test
    default void editsDeletionsAndReadHorizonsReachTheOtherClient() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        String bob = identity("bob");
        Conversation c = Conversation.creator().create(parley().client());
        Participant.creator(c.getSid()).setIdentity(alice).create(parley().client());
        Participant.creator(c.getSid()).setIdentity(bob).create(parley().client());
        try (ChatClient writer = connect(key, alice); ChatClient watcher = connect(key, bob)) {
            writer.send(frame("type", "send", "id", "s", "conversation_sid", c.getSid(), "client_message_id", "e1",
                    "body", "frist"));
            String sid = writer.next("sent").get("message").get("sid").asText();
            JsonNode added = watcher.next("message");
            assertThat(added.get("message").get("sid").asText()).isEqualTo(sid);
            assertThat(added.get("message").get("client_message_id").asText()).isEqualTo("e1");

            writer.send(frame("type", "edit", "id", "e", "conversation_sid", c.getSid(), "message_sid", sid,
                    "body", "first"));
            JsonNode edited = writer.next("edited");
            assertThat(edited.get("id").asText()).isEqualTo("e");
            assertThat(edited.get("message").get("body").asText()).isEqualTo("first");
            JsonNode updated = watcher.next("message_updated");
            assertThat(updated.get("message").get("sid").asText()).isEqualTo(sid);
            assertThat(updated.get("message").get("body").asText()).isEqualTo("first");

            watcher.send(frame("type", "read", "id", "r", "conversation_sid", c.getSid(), "index", 0));
            JsonNode ack = watcher.next("read_ack");
            assertThat(ack.get("conversation_sid").asText()).isEqualTo(c.getSid());
            assertThat(ack.get("last_read_message_index").asLong()).isZero();
            JsonNode read = writer.next("read");
            assertThat(read.get("identity").asText()).isEqualTo(bob);
            assertThat(read.get("last_read_message_index").asLong()).isZero();

            writer.send(frame("type", "delete", "id", "d", "conversation_sid", c.getSid(), "message_sid", sid));
            assertThat(writer.next("deleted").get("message_sid").asText()).isEqualTo(sid);
            JsonNode removed = watcher.next("message_removed");
            assertThat(removed.get("message_sid").asText()).isEqualTo(sid);
            assertThat(removed.get("index").asLong()).isZero();
        }
        assertThat(Message.reader(c.getSid()).read(parley().client()).iterator().hasNext()).isFalse();
    }

    @Test
    default void anSmsParticipantsReceiptsArriveAsDeliveryEvents() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        IncomingPhoneNumber proxy = Fixtures.number(parley().client(), null, null);
        Conversation c = Conversation.creator().create(parley().client());
        Participant.creator(c.getSid()).setIdentity(alice).create(parley().client());
        Participant sms = Participant.creator(c.getSid()).setMessagingBindingAddress(Fixtures.handset())
                .setMessagingBindingProxyAddress(proxy.getPhoneNumber().toString()).create(parley().client());
        try (ChatClient client = connect(key, alice)) {
            client.send(frame("type", "send", "id", "s", "conversation_sid", c.getSid(), "body", "receipts please"));
            String sid = client.next("sent").get("message").get("sid").asText();
            JsonNode delivered = client.next(f -> f.path("type").asText().equals("delivery")
                    && f.get("status").asText().equals("delivered"));
            assertThat(delivered.get("conversation_sid").asText()).isEqualTo(c.getSid());
            assertThat(delivered.get("message_sid").asText()).isEqualTo(sid);
            assertThat(delivered.get("participant_sid").asText()).isEqualTo(sms.getSid());
            assertThat(delivered.get("delivery").get("total").asInt()).isEqualTo(1);
            assertThat(delivered.get("delivery").get("delivered").asText()).isEqualTo("all");
        }
    }

    @Test
    default void aConversationTheIdentityIsAddedToWhileConnectedStartsSendingItsEvents() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation first = Conversation.creator().create(parley().client());
        Participant.creator(first.getSid()).setIdentity(alice).create(parley().client());
        try (ChatClient client = connect(key, alice)) {
            Conversation later = Conversation.creator().setFriendlyName("later").create(parley().client());
            Participant.creator(later.getSid()).setIdentity(alice).create(parley().client());
            JsonNode joined = client.next(f -> f.path("type").asText().equals("participant_joined")
                    && f.get("conversation_sid").asText().equals(later.getSid()));
            assertThat(joined.get("conversation_sid").asText()).isEqualTo(later.getSid());
            assertThat(joined.get("participant").get("identity").asText()).isEqualTo(alice);
            assertThat(joined.get("conversation").get("friendly_name").asText()).isEqualTo("later");

            Message.creator(later.getSid()).setAuthor("agent").setBody("welcome").create(parley().client());
            JsonNode message = client.next("message");
            assertThat(message.get("conversation_sid").asText()).isEqualTo(later.getSid());
            assertThat(message.get("message").get("body").asText()).isEqualTo("welcome");
        }
    }

    @Test
    default void startOnAConfiguredChatAddressAnswersTheConversationAndAnUnknownAddressIs20404() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        String address = identity("support");
        AddressConfiguration.creator(AddressConfiguration.Type.CHAT, address).setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.DEFAULT).create(parley().client());
        try (ChatClient client = connect(key, alice)) {
            client.send(frame("type", "start", "id", "st", "address", address, "body", "Where is my order?"));
            JsonNode started = client.next("started");
            assertThat(started.get("id").asText()).isEqualTo("st");
            JsonNode conversation = started.get("conversation");
            assertThat(conversation.get("sid").asText()).matches("CH[0-9a-f]{32}");
            assertThat(conversation.get("participant_sid").asText()).matches("MB[0-9a-f]{32}");
            assertThat(conversation.get("last_message_index").asLong()).isZero();
            String sid = conversation.get("sid").asText();
            assertThat(Message.reader(sid).read(parley().client()).iterator().next().getBody())
                    .isEqualTo("Where is my order?");

            client.send(frame("type", "start", "id", "st2", "address", address, "body", "Hello?"));
            assertThat(client.next("started").get("conversation").get("sid").asText()).isEqualTo(sid);
            client.send(frame("type", "start", "id", "st3", "address", identity("nobody"), "body", "hi"));
            JsonNode unknown = client.next("error");
            assertThat(unknown.get("id").asText()).isEqualTo("st3");
            assertThat(unknown.get("code").asInt()).isEqualTo(20404);
        }
    }

    @Test
    default void aBinaryFrameIsAnErrorAndTheConnectionStaysOpen() {
        ChatTokens.Key key = ChatTokens.key(parley());
        String alice = identity("alice");
        Conversation c = Conversation.creator().create(parley().client());
        Participant.creator(c.getSid()).setIdentity(alice).create(parley().client());
        try (ChatClient client = connect(key, alice)) {
            client.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            JsonNode error = client.reply();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asInt()).isEqualTo(20001);
            client.send(frame("type", "ping", "id", "still"));
            assertThat(client.reply().get("type").asText()).isEqualTo("pong");
        }
    }
}
