package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.chat.ChatConversation;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatMessage;
import dev.parley.core.chat.ChatReads;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.core.conversation.user.UserConversation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the chat frames show, read from a real store. */
class ChatReadsTest {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    private final String account = Fixtures.sid("AC");
    private final String service = Fixtures.sid("IS");

    private Conversation conversation() {
        Conversation c = new Conversation(Fixtures.sid("CH"), account, service, null, "Help", null, "{}",
                ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T0);
        db.database().writeVoid(tx -> tx.conversations().insert(c));
        return c;
    }

    private Participant participant(Conversation c, String identity, Long lastRead) {
        Participant p = new Participant(Fixtures.sid("MB"), account, c.sid(), service, identity,
                Participant.Binding.NONE, "{}", null, lastRead, null, T0, T0);
        db.database().writeVoid(tx -> tx.conversations().insertParticipant(p));
        return p;
    }

    private ConversationMessage message(Conversation c, String body, List<String> media) {
        return db.database().write(tx -> {
            long index = tx.conversations().takeIndex(account, c.sid());
            Instant at = T0.plusMillis(index);
            ConversationMessage m = new ConversationMessage(Fixtures.sid("IM"), account, c.sid(), service, index,
                    "alice", body, media, "{}", null, at, at);
            tx.conversationMessages().insert(m);
            return m;
        });
    }

    @Test
    void aMessageComesWithItsClientMessageIdDeliverySummaryAndMediaInOrder() {
        Conversation c = conversation();
        ConversationMedia first = media(c, "b.png");
        ConversationMedia second = media(c, "a.png");
        ConversationMessage m = message(c, "look", List.of(first.sid(), second.sid()));
        ConversationMessage plain = message(c, "plain", List.of());
        db.database().writeVoid(tx -> {
            tx.conversationMessages().recordClientMessageId(account, c.sid(), "alice", "c-1", m.sid(), T0);
            for (ReceiptStatus status : List.of(ReceiptStatus.DELIVERED, ReceiptStatus.FAILED)) {
                String handset = Fixtures.sid("MB");
                tx.conversationMessages().recordDelivery(new ConversationMessageStore.Delivery(account, m.sid(),
                        handset, c.sid(), null, null, T0));
                tx.conversationReceipts().open(new DeliveryReceipt(Fixtures.sid("DY"), account, c.sid(), m.sid(),
                        handset, null, status, 0, T0, T0));
            }
        });
        ChatReads reads = new ChatReads(db.database());
        List<ChatMessage> both = reads.messages(account, List.of(m, plain));
        ChatMessage shown = both.getFirst();
        assertThat(shown.message()).isEqualTo(m);
        assertThat(shown.clientMessageId()).isEqualTo("c-1");
        assertThat(shown.delivery().total()).isEqualTo(2);
        assertThat(shown.delivery().delivered()).isEqualTo("some");
        assertThat(shown.delivery().failed()).isEqualTo("some");
        assertThat(shown.media()).extracting(ConversationMedia::filename).containsExactly("b.png", "a.png");
        ChatMessage other = both.get(1);
        assertThat(other.clientMessageId()).isNull();
        assertThat(other.delivery()).isNull();
        assertThat(other.media()).isEmpty();
        assertThat(reads.message(plain)).isEqualTo(other);
    }

    @Test
    void messagesAfterAnIndexSkipTheDeletedAndStopAtTheMaximum() {
        Conversation c = conversation();
        List<ConversationMessage> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(message(c, "m" + i, List.of()));
        }
        db.database().writeVoid(tx -> tx.conversationMessages().delete(account, c.sid(), all.get(3).sid()));
        db.database().read(tx -> {
            assertThat(ChatReads.after(tx, account, c.sid(), -1, 100)).extracting(ConversationMessage::index)
                    .containsExactly(0L, 1L, 2L, 4L, 5L, 6L);
            assertThat(ChatReads.after(tx, account, c.sid(), 1, 3)).extracting(ConversationMessage::index)
                    .containsExactly(2L, 4L, 5L);
            assertThat(ChatReads.after(tx, account, c.sid(), 6, 100)).isEmpty();
            assertThat(ChatReads.at(tx, account, c.sid(), 4)).contains(all.get(4));
            assertThat(ChatReads.at(tx, account, c.sid(), 3)).isEmpty();
            assertThat(ChatReads.lastIndex(tx, account, c.sid())).isEqualTo(6L);
            assertThat(ChatReads.lastIndex(tx, account, conversation().sid())).isNull();
            return null;
        });
    }

    @Test
    void anIdentitysConversationsCarryItsParticipantUnreadCountAndLastIndex() {
        Conversation read = conversation();
        Conversation fresh = conversation();
        conversation();
        Participant reader = participant(read, "alice", 0L);
        Participant newcomer = participant(fresh, "alice", null);
        participant(read, "bob", null);
        message(read, "zero", List.of());
        message(read, "one", List.of());
        message(read, "two", List.of());
        ChatIdentity alice = new ChatIdentity(account, service, "alice", Fixtures.sid("SK"), T0);
        List<ChatConversation> mine = db.database().read(tx -> ChatReads.conversationsOf(tx, alice));
        assertThat(mine).extracting(v -> v.conversation().sid()).containsExactly(read.sid(), fresh.sid());
        ChatConversation first = mine.getFirst();
        assertThat(first.participant()).isEqualTo(reader);
        assertThat(first.unreadMessagesCount()).isEqualTo(2L);
        assertThat(first.lastMessageIndex()).isEqualTo(2L);
        ChatConversation second = mine.get(1);
        assertThat(second.participant().sid()).isEqualTo(newcomer.sid());
        assertThat(second.unreadMessagesCount()).isNull();
        assertThat(second.lastMessageIndex()).isNull();

        ChatReads reads = new ChatReads(db.database());
        assertThat(reads.conversation(alice, read)).isEqualTo(first);
        assertThat(reads.conversations(List.of(new UserConversation(reader, null, read, 2L, "default"))))
                .containsExactly(first);
    }

    private ConversationMedia media(Conversation c, String filename) {
        ConversationMedia d = new ConversationMedia(Fixtures.sid("ME"), account, service, "image/png", filename, 10,
                "alice", null, null, T0, T0);
        db.database().writeVoid(tx -> tx.conversationMedia().insert(d));
        return d;
    }
}
