package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Participant;
import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversation Services, conversations, participants, messages and deliveries on one database. */
interface ConversationStoreContract extends UsesDatabase {

    private static Conversation conversation(String account, String service, String uniqueName, Instant at) {
        return new Conversation(Fixtures.sid("CH"), account, service, null, "Help", uniqueName, "{}",
                ConversationState.ACTIVE, Conversation.Timers.NONE, at, at);
    }

    private static Participant participant(Conversation c, String identity, String address, String proxy) {
        return new Participant(Fixtures.sid("MB"), c.accountSid(), c.sid(), c.chatServiceSid(), identity,
                new Participant.Binding(address, proxy, null), "{}", null, null, null, T0, T0);
    }

    private static ConversationMessage message(Conversation c, long index) {
        return new ConversationMessage(Fixtures.sid("IM"), c.accountSid(), c.sid(), c.chatServiceSid(), index,
                "author", "body " + index, List.of(), "{}", null, T0, T0);
    }

    private Conversation insert(Conversation c) {
        var v1 = storage().write(tx -> tx.conversations().insert(c));
        assertThat(v1).isTrue();
        return c;
    }

    @Test
    default void theDefaultServiceIsInsertedOncePerAccount() {
        String account = Fixtures.sid("AC");
        ChatService first = new ChatService(Fixtures.sid("IS"), account, "Default", true, T0, T0);
        ChatService second = new ChatService(Fixtures.sid("IS"), account, "Default", true, T0, T0);
        var v2 = storage().write(tx -> tx.chatServices().insert(first));
        assertThat(v2).isTrue();
        var v3 = storage().write(tx -> tx.chatServices().insert(second));
        assertThat(v3).isFalse();
        var v4 = storage().read(tx -> tx.chatServices().findDefault(account));
        assertThat(v4).contains(first);
        ChatService other = new ChatService(Fixtures.sid("IS"), account, "Other", false, T0, T0);
        var v5 = storage().write(tx -> tx.chatServices().insert(other));
        assertThat(v5).isTrue();
        var v6 = storage().read(tx -> tx.chatServices().list(account, PageRequest.first(10))).items();
        assertThat(v6)
                .containsExactlyInAnyOrder(first, other);
        var v7 = storage().read(tx -> tx.chatServices().findDefault(Fixtures.sid("AC")));
        assertThat(v7).isEmpty();
    }

    @Test
    default void conversationRoundTripsWithTimersAndUniqueNamesAreUniquePerService() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        Conversation c = new Conversation(Fixtures.sid("CH"), account, service, Fixtures.sid("MG"), "Help", "case-1",
                "{\"a\":1}", ConversationState.INACTIVE,
                new Conversation.Timers("PT5M", "PT1H", null, T0.plusSeconds(3600)), T0, T0.plusSeconds(1));
        insert(c);
        var v8 = storage().read(tx -> tx.conversations().find(account, c.sid()));
        assertThat(v8).contains(c);
        var v9 = storage().read(tx -> tx.conversations().findByUniqueName(account, service, "case-1"));
        assertThat(v9).contains(c);
        var v10 = storage().write(tx -> tx.conversations().insert(conversation(account, service, "case-1", T0)));
        assertThat(v10)
                .isFalse();
        insert(conversation(account, Fixtures.sid("IS"), "case-1", T0));
        var v11 = storage().read(tx -> tx.conversations().find(Fixtures.sid("AC"), c.sid()));
        assertThat(v11).isEmpty();
        Page<Conversation> inactive = storage().read(tx -> tx.conversations().list(account,
                new ConversationStore.Filter(service, null, null, ConversationState.INACTIVE), PageRequest.first(5)));
        assertThat(inactive.items()).containsExactly(c);
        Page<Conversation> later = storage().read(tx -> tx.conversations().list(account,
                new ConversationStore.Filter(service, T0.plusSeconds(1), null, null), PageRequest.first(5)));
        assertThat(later.items()).isEmpty();
    }

    @Test
    default void indexesAreTakenInOrder() {
        Conversation c = insert(conversation(Fixtures.sid("AC"), Fixtures.sid("IS"), null, T0));
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(storage().write(tx -> tx.conversations().takeIndex(c.accountSid(), c.sid())));
        }
        assertThat(taken).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    default void participantsAreFoundByIdentityAndOpenBindingsSkipClosedConversations() {
        String account = Fixtures.sid("AC");
        Conversation open = insert(conversation(account, Fixtures.sid("IS"), null, T0));
        Conversation closed = insert(conversation(account, open.chatServiceSid(), null, T0));
        Participant chat = participant(open, "alice", null, null);
        Participant sms = participant(open, null, "+14155550100", "+14155550199");
        Participant old = participant(closed, null, "+14155550100", "+14155550199");
        for (Participant p : List.of(chat, sms, old)) {
            var v12 = storage().write(tx -> tx.conversations().insertParticipant(p));
            assertThat(v12).isTrue();
        }
        var v13 = storage().write(tx -> tx.conversations().insertParticipant(participant(open, "alice", null, null)));
        assertThat(v13)
                .isFalse();
        storage().writeVoid(tx -> tx.conversations().update(closed.with(ConversationState.CLOSED,
                Conversation.Timers.NONE, T0)));
        var v14 = storage().read(tx -> tx.conversations().findParticipantByIdentity(account, open.sid(), "alice"));
        assertThat(v14)
                .contains(chat);
        var v15 = storage().read(tx -> tx.conversations().openBindings(account, "+14155550100", "+14155550199"));
        assertThat(v15)
                .containsExactly(sms);
        var v16 = storage().read(tx -> tx.conversations().openBindings(Fixtures.sid("AC"), "+14155550100",
                "+14155550199"));
        assertThat(v16).isEmpty();
        var v17 = storage().read(tx -> tx.conversations().participants(account, open.sid()));
        assertThat(v17)
                .containsExactlyInAnyOrder(chat, sms);
    }

    @Test
    default void messagesPageByIndexBothWaysAndDeleteCascades() {
        Conversation c = insert(conversation(Fixtures.sid("AC"), Fixtures.sid("IS"), null, T0));
        List<ConversationMessage> all = new ArrayList<>();
        for (long i = 0; i < 5; i++) {
            ConversationMessage m = message(c, i);
            storage().writeVoid(tx -> tx.conversationMessages().insert(m));
            all.add(m);
        }
        List<Long> ascending = new ArrayList<>();
        PageRequest req = PageRequest.first(2);
        while (req != null) {
            PageRequest r = req;
            Page<ConversationMessage> page = storage().read(tx -> tx.conversationMessages().list(c.accountSid(),
                    c.sid(), false, r));
            page.items().forEach(m -> ascending.add(m.index()));
            req = page.next() == null ? null : new PageRequest(2, r.page() + 1, page.next());
        }
        assertThat(ascending).containsExactly(0L, 1L, 2L, 3L, 4L);
        var v18 = storage().read(tx -> tx.conversationMessages().list(c.accountSid(), c.sid(), true,
                PageRequest.first(2))).items();
        assertThat(v18).extracting(ConversationMessage::index).containsExactly(4L, 3L);

        Participant p = participant(c, null, "+14155550101", "+14155550198");
        storage().writeVoid(tx -> tx.conversations().insertParticipant(p));
        var delivery = new ConversationMessageStore.Delivery(c.accountSid(), all.getFirst().sid(), p.sid(), c.sid(),
                Fixtures.sid("SM"), null, T0);
        var v19 = storage().write(tx -> tx.conversationMessages().recordDelivery(delivery));
        assertThat(v19).isTrue();
        var v20 = storage().write(tx -> tx.conversationMessages().recordDelivery(delivery));
        assertThat(v20).isFalse();
        var v21 = storage().read(tx -> tx.conversationMessages().findDelivery(c.accountSid(), all.getFirst().sid(),
                p.sid()));
        assertThat(v21).contains(delivery);

        var v22 = storage().write(tx -> tx.conversations().delete(c.accountSid(), c.sid()));
        assertThat(v22).isTrue();
        var v23 = storage().read(tx -> tx.conversationMessages().find(c.accountSid(), c.sid(), all.get(1).sid()));
        assertThat(v23)
                .isEmpty();
        var v24 = storage().read(tx -> tx.conversations().participants(c.accountSid(), c.sid()));
        assertThat(v24).isEmpty();
        var v25 = storage().read(tx -> tx.conversationMessages().findDelivery(c.accountSid(), all.getFirst().sid(),
                p.sid()));
        assertThat(v25).isEmpty();
    }
}
