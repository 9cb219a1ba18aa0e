package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.chat.ChatHub;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatSink;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.conversation.live.LiveFeed;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.testing.CountingStorage;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ChatHub} over a real store (SQLite) and a feed the test drives: the events it is given, in the order given,
 * including late, repeated and missing ones, so that ordering, gap filling, resume and de-duplication are exercised
 * deterministically.
 */
class ChatHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(20);

    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    private final FakeFeed feed = new FakeFeed();
    private CountingStorage storage;
    private ChatHub hub;
    private final String account = Fixtures.sid("AC");
    private final String service = Fixtures.sid("IS");

    @BeforeEach
    void start() {
        storage = new CountingStorage(db.database());
        hub = new ChatHub(storage, feed);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void messagesReachEveryMemberInIndexOrderAndOthersNot() {
        Conversation c = conversation("alice", "bob");
        Conversation elsewhere = conversation("carol");
        Sink alice = attach("alice");
        Sink bob = attach("bob");
        Sink carol = attach("carol");
        for (int i = 0; i < 5; i++) {
            feed.emit(LiveEvent.messageAdded(message(c, "alice", "m" + i)));
        }
        feed.emit(LiveEvent.messageAdded(message(elsewhere, "carol", "hi")));
        await().atMost(BOUND).until(() -> bob.indexes(c).size() == 5 && carol.indexes(elsewhere).size() == 1);
        assertThat(alice.indexes(c)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(bob.indexes(c)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(bob.messages(c).get(2).get("body").asText()).isEqualTo("m2");
        assertThat(bob.messages(c).get(2).get("author").asText()).isEqualTo("alice");
        assertThat(carol.indexes(c)).isEmpty();
        assertThat(alice.indexes(elsewhere)).isEmpty();
    }

    @Test
    void aGapIsFilledFromTheStoreAndARepeatedOrLateEventIsDropped() {
        Conversation c = conversation("alice");
        Sink alice = attach("alice");
        ConversationMessage m0 = message(c, "bob", "zero");
        ConversationMessage m1 = message(c, "bob", "one");
        ConversationMessage m2 = message(c, "bob", "two");
        // Only the last event arrives first: 0 and 1 are read from the store before it.
        feed.emit(LiveEvent.messageAdded(m2));
        feed.emit(LiveEvent.messageAdded(m0));
        feed.emit(LiveEvent.messageAdded(m1));
        feed.emit(LiveEvent.messageAdded(m2));
        ConversationMessage m3 = message(c, "bob", "three");
        feed.emit(LiveEvent.messageAdded(m3));
        await().atMost(BOUND).until(() -> alice.indexes(c).contains(3L));
        assertThat(alice.indexes(c)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(alice.messages(c)).extracting(m -> m.get("body").asText())
                .containsExactly("zero", "one", "two", "three");
    }

    @Test
    void aMessageDeletedBeforeItsEventIsReadIsSkippedWithoutAGap() {
        Conversation c = conversation("alice");
        Sink alice = attach("alice");
        ConversationMessage m0 = message(c, "bob", "zero");
        ConversationMessage gone = message(c, "bob", "gone");
        ConversationMessage m2 = message(c, "bob", "two");
        storage.writeVoid(tx -> tx.conversationMessages().delete(account, c.sid(), gone.sid()));
        feed.emit(LiveEvent.messageAdded(m0));
        feed.emit(LiveEvent.messageAdded(gone));
        feed.emit(LiveEvent.messageAdded(m2));
        feed.emit(LiveEvent.messageRemoved(gone));
        await().atMost(BOUND).until(() -> alice.indexes(c).contains(2L));
        assertThat(alice.indexes(c)).containsExactly(0L, 2L);
        // Index 1 is below the client's last index: it is told of the removal, though it never had the message.
        assertThat(alice.types()).containsExactly("message", "message", "message_removed");
    }

    @Test
    void resumeReplaysFromTheStoreThenGoesLiveWithNoGapOrDuplicateAtTheSeam() {
        Conversation c = conversation("alice");
        List<ConversationMessage> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(message(c, "bob", "m" + i));
        }
        // A message committed once the snapshot was read, whose event goes by before the client is ready.
        AtomicReference<ConversationMessage> late = new AtomicReference<>();
        storage.afterNextRead(() -> {
            late.set(message(c, "bob", "late"));
            feed.emit(LiveEvent.messageAdded(late.get()));
        });
        Sink alice = attach("alice", Map.of(c.sid(), 1L));
        // The events of messages already replayed arrive late: dropped.
        feed.emit(LiveEvent.messageAdded(before.get(3)));
        feed.emit(LiveEvent.messageAdded(before.get(4)));
        feed.emit(LiveEvent.messageAdded(late.get()));
        ConversationMessage next = message(c, "bob", "next");
        feed.emit(LiveEvent.messageAdded(next));
        await().atMost(BOUND).until(() -> alice.indexes(c).contains(next.index()));
        assertThat(alice.indexes(c)).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(alice.messages(c).get(3).get("body").asText()).isEqualTo("late");
    }

    @Test
    void eventsThatGoByWhileAClientAttachesReachItOnceReady() {
        Conversation c = conversation("alice", "bob");
        Participant bob = participant(c, "bob");
        ConversationMessage before = message(c, "bob", "before");
        AtomicReference<ConversationMessage> during = new AtomicReference<>();
        // Right after the snapshot is read, before the hub applies it: a typing indicator, an edit of a message the
        // snapshot counts as had, and a new message.
        storage.afterNextRead(() -> {
            feed.emit(LiveEvent.typing(bob));
            feed.emit(LiveEvent.messageUpdated(before));
            during.set(message(c, "bob", "during"));
            feed.emit(LiveEvent.messageAdded(during.get()));
        });
        Sink alice = attach("alice");
        await().atMost(BOUND).until(() -> alice.indexes(c).contains(1L));
        assertThat(alice.types()).containsExactly("typing", "message_updated", "message");
        assertThat(alice.indexes(c)).containsExactly(1L);
        assertThat(alice.frames().get(1).get("message").get("sid").asText()).isEqualTo(before.sid());
    }

    @Test
    void aTypingIndicatorOfTheMomentBeforeAClientAttachesReachesIt() {
        Conversation c = conversation("alice", "bob");
        Conversation bobsOther = conversation("bob");
        Sink bob = attach("bob");
        // A peer reacts to the client being told it is authenticated before the hub has heard of the client.
        feed.emit(LiveEvent.typing(participant(c, "bob")));
        feed.emit(LiveEvent.messageAdded(message(bobsOther, "carol", "marker")));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(5)).until(() -> bob.indexes(bobsOther).size() == 1);
        Sink alice = attach("alice");
        await().atMost(BOUND).until(() -> alice.types().contains("typing"));
        assertThat(alice.types()).containsExactly("typing");
        assertThat(alice.frames().getFirst().get("identity").asText()).isEqualTo("bob");
    }

    @Test
    void aResumeIndexPastTheLastMessageSilencesNothing() {
        Conversation c = conversation("alice");
        message(c, "bob", "zero");
        Sink alice = attach("alice", Map.of(c.sid(), 40L));
        ConversationMessage next = message(c, "bob", "one");
        feed.emit(LiveEvent.messageAdded(next));
        await().atMost(BOUND).until(() -> !alice.indexes(c).isEmpty());
        assertThat(alice.indexes(c)).containsExactly(1L);
    }

    @Test
    void withoutResumeOnlyMessagesAfterAttachingArrive() {
        Conversation c = conversation("alice");
        message(c, "bob", "old");
        Sink alice = attach("alice");
        ConversationMessage fresh = message(c, "bob", "fresh");
        feed.emit(LiveEvent.messageAdded(fresh));
        await().atMost(BOUND).until(() -> !alice.indexes(c).isEmpty());
        assertThat(alice.indexes(c)).containsExactly(1L);
    }

    @Test
    void typingGoesToTheOthersNeverToTheTypist() {
        Conversation c = conversation("alice", "bob");
        Sink alice = attach("alice");
        Sink aliceOtherTab = attach("alice");
        Sink bob = attach("bob");
        Participant typist = participant(c, "alice");
        feed.emit(LiveEvent.typing(typist));
        ConversationMessage marker = message(c, "bob", "marker");
        feed.emit(LiveEvent.messageAdded(marker));
        await().atMost(BOUND).until(() -> alice.indexes(c).size() == 1 && aliceOtherTab.indexes(c).size() == 1
                && bob.indexes(c).size() == 1);
        assertThat(bob.types()).containsExactly("typing", "message");
        JsonNode typing = bob.frames().getFirst();
        assertThat(typing.get("identity").asText()).isEqualTo("alice");
        assertThat(typing.get("participant_sid").asText()).isEqualTo(typist.sid());
        assertThat(alice.types()).containsExactly("message");
        assertThat(aliceOtherTab.types()).containsExactly("message");
    }

    @Test
    void joiningAndLeavingChangeTheIdentitysConversations() {
        Sink alice = attach("alice");
        Conversation c = conversation("bob");
        message(c, "bob", "before alice");
        message(c, "bob", "also before");
        Sink bob = attach("bob");
        Participant joined = insertParticipant(c, "alice");
        feed.emit(LiveEvent.participantJoined(joined));
        await().atMost(BOUND).until(() -> alice.types().contains("participant_joined"));
        JsonNode own = alice.frames().getFirst();
        assertThat(own.get("participant").get("identity").asText()).isEqualTo("alice");
        assertThat(own.get("conversation").get("sid").asText()).isEqualTo(c.sid());
        assertThat(own.get("conversation").get("last_message_index").asLong()).isEqualTo(1);
        assertThat(own.get("conversation").get("participant_sid").asText()).isEqualTo(joined.sid());

        ConversationMessage m2 = message(c, "bob", "welcome");
        feed.emit(LiveEvent.messageAdded(m2));
        await().atMost(BOUND).until(() -> alice.indexes(c).contains(2L));
        assertThat(alice.indexes(c)).containsExactly(2L);
        await().atMost(BOUND).until(() -> bob.types().contains("message"));
        assertThat(bob.types()).containsExactly("participant_joined", "message");
        assertThat(bob.frames().getFirst().has("conversation")).isFalse();

        storage.writeVoid(tx -> tx.conversations().deleteParticipant(account, c.sid(), joined.sid()));
        feed.emit(LiveEvent.participantLeft(joined));
        feed.emit(LiveEvent.messageAdded(message(c, "bob", "after alice")));
        await().atMost(BOUND).until(() -> bob.indexes(c).size() == 2);
        assertThat(alice.types()).containsExactly("participant_joined", "message", "participant_left");
        assertThat(bob.types()).containsExactly("participant_joined", "message", "participant_left", "message");
    }

    @Test
    void editsRemovalsAndReceiptsGoOnlyToClientsThatHadTheMessage() {
        Conversation c = conversation("alice");
        ConversationMessage old = message(c, "bob", "old");
        // Attached after message 0: it has it (through history), so it hears of its changes.
        Sink alice = attach("alice");
        ConversationMessage m = message(c, "alice", "hello");
        ConversationMessage edited = new ConversationMessage(m.sid(), account, c.sid(), service, m.index(), "alice",
                "hello, edited", List.of(), "{}", m.participantSid(), m.dateCreated(), T0.plusSeconds(5));
        storage.writeVoid(tx -> tx.conversationMessages().update(edited));
        // The edit's event overtakes the message's: not sent, the message is sent as it now stands.
        feed.emit(LiveEvent.messageUpdated(edited));
        feed.emit(LiveEvent.messageAdded(m));
        await().atMost(BOUND).until(() -> alice.indexes(c).contains(m.index()));
        DeliveryReceipt receipt = receipt(c, m, ReceiptStatus.DELIVERED);
        feed.emit(LiveEvent.deliveryUpdated(receipt, m.index()));
        feed.emit(LiveEvent.messageUpdated(old));
        feed.emit(LiveEvent.messageRemoved(m));
        ConversationMessage marker = message(c, "bob", "marker");
        feed.emit(LiveEvent.messageAdded(marker));
        await().atMost(BOUND).until(() -> alice.indexes(c).contains(marker.index()));
        assertThat(alice.types()).containsExactly("message", "delivery", "message_updated", "message_removed",
                "message");
        assertThat(alice.frames().getFirst().get("message").get("body").asText()).isEqualTo("hello, edited");
        JsonNode delivery = alice.frames().get(1);
        assertThat(delivery.get("message_sid").asText()).isEqualTo(m.sid());
        assertThat(delivery.get("participant_sid").asText()).isEqualTo(receipt.participantSid());
        assertThat(delivery.get("status").asText()).isEqualTo("delivered");
        assertThat(delivery.get("delivery").get("total").asInt()).isEqualTo(1);
        assertThat(delivery.get("delivery").get("delivered").asText()).isEqualTo("all");
        assertThat(alice.frames().get(2).get("message").get("body").asText()).isEqualTo("old");
        assertThat(alice.frames().get(3).get("message_sid").asText()).isEqualTo(m.sid());
        assertThat(alice.frames().get(3).get("index").asLong()).isEqualTo(m.index());
    }

    @Test
    void readHorizonsAndConversationChangesArriveWithTheClientsOwnView() {
        Conversation c = conversation("alice", "bob");
        Conversation other = conversation("alice");
        Sink alice = attach("alice");
        message(c, "bob", "one");
        message(c, "bob", "two");
        Participant bob = participant(c, "bob");
        Participant bobRead = new Participant(bob.sid(), account, c.sid(), service, "bob", bob.binding(), "{}", null,
                1L, null, T0, T0.plusSeconds(1));
        storage.writeVoid(tx -> tx.conversations().updateParticipant(bobRead));
        LiveEvent.participantChanged(bob, bobRead).forEach(feed::emit);
        Participant alicePart = participant(c, "alice");
        Participant aliceRead = new Participant(alicePart.sid(), account, c.sid(), service, "alice",
                alicePart.binding(), "{}", null, 0L, null, T0, T0.plusSeconds(1));
        storage.writeVoid(tx -> tx.conversations().updateParticipant(aliceRead));
        Conversation closed = c.with(ConversationState.CLOSED, Conversation.Timers.NONE, T0.plusSeconds(2));
        storage.writeVoid(tx -> tx.conversations().update(closed));
        feed.emit(LiveEvent.conversationUpdated(closed));
        await().atMost(BOUND).until(() -> alice.types().contains("conversation_updated"));
        assertThat(alice.types()).containsExactly("read", "conversation_updated");
        JsonNode read = alice.frames().getFirst();
        assertThat(read.get("identity").asText()).isEqualTo("bob");
        assertThat(read.get("last_read_message_index").asLong()).isEqualTo(1);
        JsonNode conv = alice.frames().get(1).get("conversation");
        assertThat(conv.get("state").asText()).isEqualTo("closed");
        assertThat(conv.get("participant_sid").asText()).isEqualTo(alicePart.sid());
        assertThat(conv.get("last_read_message_index").asLong()).isEqualTo(0);
        assertThat(conv.get("unread_messages_count").asLong()).isEqualTo(1);
        assertThat(conv.get("last_message_index").asLong()).isEqualTo(1);

        feed.emit(LiveEvent.conversationRemoved(closed));
        feed.emit(LiveEvent.messageAdded(message(c, "bob", "after removal")));
        feed.emit(LiveEvent.messageAdded(message(other, "bob", "marker")));
        await().atMost(BOUND).until(() -> alice.indexes(other).size() == 1);
        assertThat(alice.types()).containsExactly("read", "conversation_updated", "conversation_removed",
                "message");
    }

    @Test
    void aDetachedClientGetsNothingAndAFailingSinkIsDetachedWithoutHarmingOthers() {
        Conversation c = conversation("alice", "bob", "carol");
        Sink alice = attach("alice");
        Sink bob = attach("bob");
        Sink carol = new Sink() {
            @Override
            public void send(String frame) {
                throw new IllegalStateException("connection gone");
            }
        };
        ChatHub.Attachment carolAttachment = hub.attach(identity("carol"), carol, Map.of());
        await().atMost(BOUND).until(() -> hub.attached() == 3);
        ChatHub.Attachment aliceAttachment = alice.attachment;
        aliceAttachment.detach();
        feed.emit(LiveEvent.messageAdded(message(c, "bob", "hi")));
        await().atMost(BOUND).until(() -> bob.indexes(c).size() == 1);
        await().atMost(BOUND).until(() -> hub.attached() == 1);
        assertThat(alice.frames()).isEmpty();
        carolAttachment.detach();
        assertThat(hub.attached()).isEqualTo(1);
    }

    @Test
    void aResyncCatchesUpMessagesAndMembershipMissedWhileTheFeedWasAway() {
        Conversation c = conversation("alice");
        Sink alice = attach("alice");
        feed.emit(LiveEvent.messageAdded(message(c, "bob", "seen")));
        await().atMost(BOUND).until(() -> alice.indexes(c).size() == 1);
        // Missed: two messages and a join, no events.
        message(c, "bob", "missed 1");
        message(c, "bob", "missed 2");
        Conversation joined = conversation("alice");
        feed.emit(LiveEvent.resync());
        await().atMost(BOUND).until(() -> alice.indexes(c).size() == 3 && alice.types().contains("participant_joined"));
        assertThat(alice.indexes(c)).containsExactly(0L, 1L, 2L);
        assertThat(alice.frames().stream().filter(f -> f.get("type").asText().equals("participant_joined"))
                .findFirst().orElseThrow().get("conversation").get("sid").asText()).isEqualTo(joined.sid());
    }

    @Test
    void tenThousandClientsCostOneStoreReadPerEvent() throws Exception {
        // 100 conversations of 10 identities, each connected 10 times (tabs): 10,000 clients.
        int conversations = 100;
        int identities = 10;
        int tabs = 10;
        List<Conversation> all = new ArrayList<>();
        storage.writeVoid(tx -> {
            for (int i = 0; i < conversations; i++) {
                Conversation c = newConversation();
                tx.conversations().insert(c);
                for (int j = 0; j < identities; j++) {
                    tx.conversations().insertParticipant(newParticipant(c, "user-" + i + "-" + j));
                }
                all.add(c);
            }
        });
        Map<String, List<Sink>> sinks = new HashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> attached = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                for (int j = 0; j < identities; j++) {
                    for (int k = 0; k < tabs; k++) {
                        Sink s = new Sink();
                        sinks.computeIfAbsent(all.get(i).sid(), key -> new ArrayList<>()).add(s);
                        ChatIdentity who = identity("user-" + i + "-" + j);
                        attached.add(threads.submit(() -> s.attachment = hub.attach(who, s, Map.of())));
                    }
                }
            }
            for (Future<?> f : attached) {
                f.get();
            }
        }
        int clients = conversations * identities * tabs;
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.attached() == clients);
        List<ConversationMessage> posted = storage.write(tx -> {
            List<ConversationMessage> out = new ArrayList<>();
            for (Conversation c : all) {
                long index = tx.conversations().takeIndex(account, c.sid());
                ConversationMessage m = new ConversationMessage(Fixtures.sid("IM"), account, c.sid(), service, index,
                        "user-x", "hello", List.of(), "{}", null, T0, T0);
                tx.conversationMessages().insert(m);
                out.add(m);
            }
            return out;
        });
        int readsBefore = storage.reads();
        posted.forEach(m -> feed.emit(LiveEvent.messageAdded(m)));
        await().atMost(Duration.ofSeconds(60)).until(() -> sinks.values().stream()
                .allMatch(list -> list.stream().allMatch(s -> s.received() == 1)));
        assertThat(storage.reads() - readsBefore).isEqualTo(conversations);
        Sink one = sinks.get(all.get(7).sid()).get(33);
        assertThat(one.indexes(all.get(7))).containsExactly(0L);
        assertThat(one.messages(all.get(7)).getFirst().get("sid").asText()).isEqualTo(posted.get(7).sid());
    }

    // The world.

    private ChatIdentity identity(String name) {
        return new ChatIdentity(account, service, name, Fixtures.sid("SK"), T0.plusSeconds(3600));
    }

    private Sink attach(String name) {
        return attach(name, Map.of());
    }

    private Sink attach(String name, Map<String, Long> resumeFrom) {
        int before = hub.attached();
        Sink sink = new Sink();
        sink.attachment = hub.attach(identity(name), sink, resumeFrom);
        await().atMost(BOUND).until(() -> hub.attached() == before + 1);
        return sink;
    }

    private Conversation newConversation() {
        return new Conversation(Fixtures.sid("CH"), account, service, null, "Help", null, "{}",
                ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T0);
    }

    private Participant newParticipant(Conversation c, String identity) {
        return new Participant(Fixtures.sid("MB"), account, c.sid(), service, identity, Participant.Binding.NONE,
                "{}", null, null, null, T0, T0);
    }

    private Conversation conversation(String... identities) {
        Conversation c = newConversation();
        storage.writeVoid(tx -> {
            tx.conversations().insert(c);
            for (String identity : identities) {
                tx.conversations().insertParticipant(newParticipant(c, identity));
            }
        });
        return c;
    }

    private Participant insertParticipant(Conversation c, String identity) {
        Participant p = newParticipant(c, identity);
        storage.writeVoid(tx -> tx.conversations().insertParticipant(p));
        return p;
    }

    private Participant participant(Conversation c, String identity) {
        return storage.read(tx -> tx.conversations().findParticipantByIdentity(account, c.sid(), identity))
                .orElseThrow();
    }

    private ConversationMessage message(Conversation c, String author, String body) {
        return storage.write(tx -> {
            long index = tx.conversations().takeIndex(account, c.sid());
            Instant at = T0.plusMillis(index);
            ConversationMessage m = new ConversationMessage(Fixtures.sid("IM"), account, c.sid(), service, index,
                    author, body, List.of(), "{}", null, at, at);
            tx.conversationMessages().insert(m);
            return m;
        });
    }

    private DeliveryReceipt receipt(Conversation c, ConversationMessage m, ReceiptStatus status) {
        String handset = Fixtures.sid("MB");
        DeliveryReceipt r = new DeliveryReceipt(Fixtures.sid("DY"), account, c.sid(), m.sid(), handset,
                Fixtures.sid("SM"), status, 0, T0, T0);
        storage.writeVoid(tx -> {
            tx.conversationMessages().recordDelivery(new dev.parley.core.conversation.ConversationMessageStore
                    .Delivery(account, m.sid(), handset, c.sid(), r.channelMessageSid(), null, T0));
            tx.conversationReceipts().open(r);
        });
        return r;
    }

    /** A feed the test drives: each event goes to the listeners when the test emits it. */
    static final class FakeFeed implements LiveFeed {
        private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void subscribe(Consumer<LiveEvent> listener) {
            listeners.add(listener);
        }

        @Override
        public void publishNow(LiveEvent event) {
            emit(event);
        }

        void emit(LiveEvent event) {
            listeners.forEach(l -> l.accept(event));
        }
    }

    /** A client that keeps every frame it is sent. */
    static class Sink implements ChatSink {
        private final List<String> frames = new CopyOnWriteArrayList<>();
        ChatHub.Attachment attachment;

        @Override
        public void send(String frame) {
            frames.add(frame);
        }

        @Override
        public void close(int code, String reason) {
        }

        int received() {
            return frames.size();
        }

        List<JsonNode> frames() {
            return frames.stream().map(f -> {
                try {
                    return JSON.readTree(f);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }

        List<String> types() {
            return frames().stream().map(f -> f.get("type").asText()).toList();
        }

        List<JsonNode> messages(Conversation c) {
            return frames().stream().filter(f -> f.get("type").asText().equals("message")
                    && f.get("conversation_sid").asText().equals(c.sid())).map(f -> f.get("message")).toList();
        }

        List<Long> indexes(Conversation c) {
            return messages(c).stream().map(m -> m.get("index").asLong()).toList();
        }
    }
}
