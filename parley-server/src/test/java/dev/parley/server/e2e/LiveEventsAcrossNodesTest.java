package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.core.chat.ChatHub;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatSink;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.store.Database;
import dev.parley.testing.PostgresCluster;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live events of a Parley node heard by another node on the same PostgreSQL database: a second {@link Database}
 * (the other node's) listens while the server is driven through the REST API, the simulator's handsets and the
 * fan-out; and a {@link ChatHub} on that other node pushes what it hears to a client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveEventsAcrossNodesTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Parley parley;
    private Database otherNode;
    private final List<LiveEvent> heard = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() {
        String url = PostgresCluster.shared().createDatabase();
        parley = Parley.start(url, 3);
        otherNode = Database.open(url);
        otherNode.liveFeed().subscribe(heard::add);
    }

    @AfterAll
    void stop() {
        otherNode.close();
        parley.close();
    }

    private List<LiveEvent> of(String conversationSid) {
        return heard.stream().filter(e -> conversationSid.equals(e.conversationSid())).toList();
    }

    private List<String> typesOf(String conversationSid) {
        return of(conversationSid).stream().map(LiveEvent::type).toList();
    }

    private LiveEvent awaitEvent(String conversationSid, String type, String sid) {
        await().atMost(BOUND).until(() -> of(conversationSid).stream()
                .anyMatch(e -> e.type().equals(type) && (sid == null || sid.equals(e.sid()))));
        return of(conversationSid).stream().filter(e -> e.type().equals(type) && (sid == null || sid.equals(e.sid())))
                .findFirst().orElseThrow();
    }

    @Test
    void everyChangeOfAConversationIsHeardOnTheOtherNodeInCommitOrder() {
        String proxy = Fixtures.number(parley.client(), null, null).getPhoneNumber().toString();
        String handset = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("live").create(parley.client());
        Participant alice = Participant.creator(c.getSid()).setIdentity("alice").create(parley.client());
        LiveEvent joined = awaitEvent(c.getSid(), LiveEvent.PARTICIPANT_JOINED, alice.getSid());
        assertThat(joined.identity()).isEqualTo("alice");
        assertThat(joined.accountSid()).isEqualTo(Parley.ACCOUNT_SID);
        Participant sms = Participant.creator(c.getSid()).setMessagingBindingAddress(handset)
                .setMessagingBindingProxyAddress(proxy).create(parley.client());
        awaitEvent(c.getSid(), LiveEvent.PARTICIPANT_JOINED, sms.getSid());

        // A refused change publishes nothing: the same identity again is 409.
        Parley.Answer refused = parley.post("/conversations/v1/Conversations/" + c.getSid() + "/Participants",
                Map.of("Identity", "alice"));
        assertThat(refused.status()).isEqualTo(409);

        Message first = Message.creator(c.getSid()).setAuthor("alice").setBody("Hello handset")
                .create(parley.client());
        LiveEvent added = awaitEvent(c.getSid(), LiveEvent.MESSAGE_ADDED, first.getSid());
        assertThat(added.index()).isZero();
        // The fan-out opens the handset's receipt, and the simulator's receipt moves it to delivered.
        await().atMost(BOUND).until(() -> of(c.getSid()).stream()
                .filter(e -> e.type().equals(LiveEvent.DELIVERY_UPDATED)).count() >= 2);
        LiveEvent receipt = awaitEvent(c.getSid(), LiveEvent.DELIVERY_UPDATED, null);
        assertThat(receipt.sid()).matches("DY[0-9a-f]{32}");
        assertThat(receipt.index()).isZero();

        // The handset answers: its message joins the conversation through the inbound path.
        Parley.Answer reply = parley.post("/parley/v1/Simulator/Messages", Map.of("From", handset, "To", proxy,
                "Body", "Hello back"));
        assertThat(reply.status()).isEqualTo(201);
        await().atMost(BOUND).until(() -> of(c.getSid()).stream()
                .anyMatch(e -> e.type().equals(LiveEvent.MESSAGE_ADDED) && e.index() == 1));

        Message.updater(c.getSid(), first.getSid()).setBody("Hello, handset").update(parley.client());
        awaitEvent(c.getSid(), LiveEvent.MESSAGE_UPDATED, first.getSid());
        Participant.updater(c.getSid(), alice.getSid()).setLastReadMessageIndex(1).update(parley.client());
        LiveEvent read = awaitEvent(c.getSid(), LiveEvent.READ, alice.getSid());
        assertThat(read.identity()).isEqualTo("alice");
        Participant.updater(c.getSid(), alice.getSid()).setAttributes("{\"team\":\"support\"}")
                .update(parley.client());
        awaitEvent(c.getSid(), LiveEvent.PARTICIPANT_UPDATED, alice.getSid());
        Message.deleter(c.getSid(), first.getSid()).delete(parley.client());
        assertThat(awaitEvent(c.getSid(), LiveEvent.MESSAGE_REMOVED, first.getSid()).index()).isZero();
        Conversation.updater(c.getSid()).setState(Conversation.State.INACTIVE).update(parley.client());
        awaitEvent(c.getSid(), LiveEvent.CONVERSATION_UPDATED, c.getSid());
        Participant.deleter(c.getSid(), alice.getSid()).delete(parley.client());
        assertThat(awaitEvent(c.getSid(), LiveEvent.PARTICIPANT_LEFT, alice.getSid()).identity())
                .isEqualTo("alice");
        Conversation.deleter(c.getSid()).delete(parley.client());
        awaitEvent(c.getSid(), LiveEvent.CONVERSATION_REMOVED, c.getSid());

        // Commit order, as seen from the other node (receipts move on their own schedule, so they are left out).
        List<String> order = typesOf(c.getSid()).stream().filter(t -> !t.equals(LiveEvent.DELIVERY_UPDATED))
                .toList();
        assertThat(order).containsExactly(LiveEvent.PARTICIPANT_JOINED, LiveEvent.PARTICIPANT_JOINED,
                LiveEvent.MESSAGE_ADDED, LiveEvent.MESSAGE_ADDED, LiveEvent.MESSAGE_UPDATED, LiveEvent.READ,
                LiveEvent.PARTICIPANT_UPDATED, LiveEvent.MESSAGE_REMOVED, LiveEvent.CONVERSATION_UPDATED,
                LiveEvent.PARTICIPANT_LEFT, LiveEvent.CONVERSATION_REMOVED);
    }

    @Test
    void aClientOfTheOtherNodesHubGetsTheMessagesOfTheServersNodeInIndexOrder() {
        Conversation c = Conversation.creator().setFriendlyName("hub").create(parley.client());
        Participant.creator(c.getSid()).setIdentity("bob").create(parley.client());
        Participant.creator(c.getSid()).setIdentity("agent").create(parley.client());
        String service = c.getChatServiceSid();
        List<String> frames = new CopyOnWriteArrayList<>();
        ChatSink sink = new ChatSink() {
            @Override
            public void send(String frame) {
                frames.add(frame);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        try (ChatHub hub = new ChatHub(otherNode, otherNode.liveFeed())) {
            hub.attach(new ChatIdentity(Parley.ACCOUNT_SID, service, "bob", "SK" + "0".repeat(32),
                    Instant.now().plusSeconds(3600)), sink, Map.of());
            await().atMost(BOUND).until(() -> hub.attached() == 1);
            for (int i = 0; i < 5; i++) {
                Message.creator(c.getSid()).setAuthor("agent").setBody("update " + i).create(parley.client());
            }
            await().atMost(BOUND).until(() -> messages(frames).size() == 5);
            assertThat(messages(frames)).extracting(m -> m.get("index").asLong()).containsExactly(0L, 1L, 2L, 3L,
                    4L);
            assertThat(messages(frames)).extracting(m -> m.get("body").asText()).containsExactly("update 0",
                    "update 1", "update 2", "update 3", "update 4");
            assertThat(messages(frames).getFirst().get("author").asText()).isEqualTo("agent");
        }
    }

    private static List<JsonNode> messages(List<String> frames) {
        return frames.stream().map(f -> {
            try {
                return JSON.readTree(f);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(f -> f.get("type").asText().equals("message")).map(f -> f.get("message")).toList();
    }
}
