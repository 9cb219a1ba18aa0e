package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.message.MessageContent;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        var found1 = storage().write(tx -> tx.conversations().insert(c));
        assertThat(found1).isTrue();
        return c;
    }

    @Test
    default void theDefaultServiceIsInsertedOncePerAccount() {
        String account = Fixtures.sid("AC");
        ChatService first = new ChatService(Fixtures.sid("IS"), account, "Default", true, T0, T0);
        ChatService second = new ChatService(Fixtures.sid("IS"), account, "Default", true, T0, T0);
        var found2 = storage().write(tx -> tx.chatServices().insert(first));
        assertThat(found2).isTrue();
        var found3 = storage().write(tx -> tx.chatServices().insert(second));
        assertThat(found3).isFalse();
        var found4 = storage().read(tx -> tx.chatServices().findDefault(account));
        assertThat(found4).contains(first);
        ChatService other = new ChatService(Fixtures.sid("IS"), account, "Other", false, T0, T0);
        var found5 = storage().write(tx -> tx.chatServices().insert(other));
        assertThat(found5).isTrue();
        var found6 = storage().read(tx -> tx.chatServices().list(account, PageRequest.first(10))).items();
        assertThat(found6)
                .containsExactlyInAnyOrder(first, other);
        var found7 = storage().read(tx -> tx.chatServices().findDefault(Fixtures.sid("AC")));
        assertThat(found7).isEmpty();
    }

    @Test
    default void conversationRoundTripsWithTimersAndUniqueNamesAreUniquePerService() {
        String account = Fixtures.sid("AC");
        String service = Fixtures.sid("IS");
        Conversation c = new Conversation(Fixtures.sid("CH"), account, service, Fixtures.sid("MG"), "Help", "case-1",
                "{\"a\":1}", ConversationState.INACTIVE,
                new Conversation.Timers("PT5M", "PT1H", null, T0.plusSeconds(3600)), T0, T0.plusSeconds(1));
        insert(c);
        var found8 = storage().read(tx -> tx.conversations().find(account, c.sid()));
        assertThat(found8).contains(c);
        var found9 = storage().read(tx -> tx.conversations().findByUniqueName(account, service, "case-1"));
        assertThat(found9).contains(c);
        var found10 = storage().write(tx -> tx.conversations().insert(conversation(account, service, "case-1", T0)));
        assertThat(found10)
                .isFalse();
        insert(conversation(account, Fixtures.sid("IS"), "case-1", T0));
        var found11 = storage().read(tx -> tx.conversations().find(Fixtures.sid("AC"), c.sid()));
        assertThat(found11).isEmpty();
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
            var found12 = storage().write(tx -> tx.conversations().insertParticipant(p));
            assertThat(found12).isTrue();
        }
        var found13 = storage().write(tx -> tx.conversations().insertParticipant(participant(open, "alice", null, null)));
        assertThat(found13)
                .isFalse();
        storage().writeVoid(tx -> tx.conversations().update(closed.with(ConversationState.CLOSED,
                Conversation.Timers.NONE, T0)));
        var found14 = storage().read(tx -> tx.conversations().findParticipantByIdentity(account, open.sid(), "alice"));
        assertThat(found14)
                .contains(chat);
        var found15 = storage().read(tx -> tx.conversations().openBindings(account, "+14155550100", "+14155550199"));
        assertThat(found15)
                .containsExactly(sms);
        var found16 = storage().read(tx -> tx.conversations().openBindings(Fixtures.sid("AC"), "+14155550100",
                "+14155550199"));
        assertThat(found16).isEmpty();
        var found17 = storage().read(tx -> tx.conversations().participants(account, open.sid()));
        assertThat(found17)
                .containsExactlyInAnyOrder(chat, sms);
    }

    @Test
    default void openProjectionsFindProjectedAddressesOfOpenConversationsOfTheAccountOnly() {
        String account = Fixtures.sid("AC");
        Conversation open = insert(conversation(account, Fixtures.sid("IS"), null, T0));
        Conversation closed = insert(conversation(account, open.chatServiceSid(), null, T0));
        Participant agent = new Participant(Fixtures.sid("MB"), account, open.sid(), open.chatServiceSid(), "agent",
                new Participant.Binding(null, null, "+14155550123"), "{}", null, null, null, T0, T0);
        Participant alone = new Participant(Fixtures.sid("MB"), account, closed.sid(), closed.chatServiceSid(), null,
                new Participant.Binding(null, null, "+14155550123"), "{}", null, null, null, T0, T0);
        Participant handset = participant(open, null, "+12025550100", null);
        for (Participant p : List.of(agent, alone, handset)) {
            storage().writeVoid(tx -> tx.conversations().insertParticipant(p));
        }
        storage().writeVoid(tx -> tx.conversations().update(closed.with(ConversationState.CLOSED,
                Conversation.Timers.NONE, T0)));
        List<Participant> projected = storage().read(tx -> tx.conversations().openProjections(account,
                "+14155550123"));
        assertThat(projected).containsExactly(agent);
        List<Participant> otherAccount = storage().read(tx -> tx.conversations().openProjections(Fixtures.sid("AC"),
                "+14155550123"));
        assertThat(otherAccount).isEmpty();
        List<Participant> byAddress = storage().read(tx -> tx.conversations().openProjections(account,
                "+12025550100"));
        assertThat(byAddress).isEmpty();
    }

    @Test
    default void aMessageKeepsTheContentItWasCreatedFromThroughAnEdit() {
        Conversation c = insert(conversation(Fixtures.sid("AC"), Fixtures.sid("IS"), null, T0));
        ConversationMessage m = new ConversationMessage(Fixtures.sid("IM"), c.accountSid(), c.sid(),
                c.chatServiceSid(), 0, "agent", "Hi Ada", List.of(), "{}", null, T0, T0,
                new MessageContent(Fixtures.sid("HX"), Map.of("1", "Ada", "2", "é")));
        ConversationMessage plain = message(c, 1);
        storage().writeVoid(tx -> {
            tx.conversationMessages().insert(m);
            tx.conversationMessages().insert(plain);
        });
        var found = storage().read(tx -> tx.conversationMessages().find(c.accountSid(), c.sid(), m.sid()));
        assertThat(found).contains(m);
        ConversationMessage edited = new ConversationMessage(m.sid(), m.accountSid(), m.conversationSid(),
                m.chatServiceSid(), m.index(), m.author(), "edited", m.mediaSids(), m.attributes(), null, T0,
                T0.plusSeconds(1), m.content());
        storage().writeVoid(tx -> tx.conversationMessages().update(edited));
        var again = storage().read(tx -> tx.conversationMessages().find(c.accountSid(), c.sid(), m.sid()));
        assertThat(again).contains(edited);
        var other = storage().read(tx -> tx.conversationMessages().find(c.accountSid(), c.sid(), plain.sid()));
        assertThat(other.orElseThrow().content()).isNull();
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
        var found18 = storage().read(tx -> tx.conversationMessages().list(c.accountSid(), c.sid(), true,
                PageRequest.first(2))).items();
        assertThat(found18).extracting(ConversationMessage::index).containsExactly(4L, 3L);

        Participant p = participant(c, null, "+14155550101", "+14155550198");
        storage().writeVoid(tx -> tx.conversations().insertParticipant(p));
        var delivery = new ConversationMessageStore.Delivery(c.accountSid(), all.getFirst().sid(), p.sid(), c.sid(),
                Fixtures.sid("SM"), null, T0);
        var found19 = storage().write(tx -> tx.conversationMessages().recordDelivery(delivery));
        assertThat(found19).isTrue();
        var found20 = storage().write(tx -> tx.conversationMessages().recordDelivery(delivery));
        assertThat(found20).isFalse();
        var found21 = storage().read(tx -> tx.conversationMessages().findDelivery(c.accountSid(), all.getFirst().sid(),
                p.sid()));
        assertThat(found21).contains(delivery);

        var found22 = storage().write(tx -> tx.conversations().delete(c.accountSid(), c.sid()));
        assertThat(found22).isTrue();
        var found23 = storage().read(tx -> tx.conversationMessages().find(c.accountSid(), c.sid(), all.get(1).sid()));
        assertThat(found23)
                .isEmpty();
        var found24 = storage().read(tx -> tx.conversations().participants(c.accountSid(), c.sid()));
        assertThat(found24).isEmpty();
        var found25 = storage().read(tx -> tx.conversationMessages().findDelivery(c.accountSid(), all.getFirst().sid(),
                p.sid()));
        assertThat(found25).isEmpty();
    }
}
