package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageStore.Delivery;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.receipt.DeliveryReceipt;
import dev.parley.core.conversation.receipt.ReceiptStatus;
import dev.parley.core.paging.PageRequest;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Delivery receipts, unread counts and active conversation-months on one database. */
interface ConversationReceiptStoreContract extends UsesDatabase {

    private Conversation conversation(String account) {
        Conversation c = new Conversation(Fixtures.sid("CH"), account, Fixtures.sid("IS"), null, "Help", null, "{}",
                ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T0);
        storage().writeVoid(tx -> tx.conversations().insert(c));
        return c;
    }

    private Participant participant(Conversation c, String identity, String address) {
        Participant p = new Participant(Fixtures.sid("MB"), c.accountSid(), c.sid(), c.chatServiceSid(), identity,
                new Participant.Binding(address, address == null ? null : "+15005550006", null), "{}", null, null,
                null, T0, T0);
        storage().writeVoid(tx -> tx.conversations().insertParticipant(p));
        return p;
    }

    private ConversationMessage message(Conversation c, long index) {
        ConversationMessage m = new ConversationMessage(Fixtures.sid("IM"), c.accountSid(), c.sid(),
                c.chatServiceSid(), index, "author", "body " + index, List.of(), "{}", null, T0, T0);
        storage().writeVoid(tx -> tx.conversationMessages().insert(m));
        return m;
    }

    /** The fan-out's delivery row and its receipt, as the fan-out writes them. */
    private DeliveryReceipt receipt(ConversationMessage m, Participant p, String channelMessageSid) {
        Delivery d = new Delivery(m.accountSid(), m.sid(), p.sid(), m.conversationSid(), channelMessageSid, null, T0);
        DeliveryReceipt r = new DeliveryReceipt(Fixtures.sid("DY"), m.accountSid(), m.conversationSid(), m.sid(),
                p.sid(), channelMessageSid, null, 0, T0, T0);
        storage().writeVoid(tx -> {
            tx.conversationMessages().recordDelivery(d);
            tx.conversationReceipts().open(r);
        });
        return r;
    }

    @Test
    default void receiptsFollowTheirChannelMessageOnlyAndRoundTrip() {
        Conversation c = conversation(Fixtures.sid("AC"));
        ConversationMessage m = message(c, 0);
        String sms1 = Fixtures.sid("SM");
        String sms2 = Fixtures.sid("SM");
        DeliveryReceipt first = receipt(m, participant(c, null, "+15551230001"), sms1);
        DeliveryReceipt second = receipt(m, participant(c, null, "+15551230002"), sms2);

        Integer moved = storage().write(tx -> tx.conversationReceipts().follow(c.accountSid(), sms1,
                ReceiptStatus.FAILED, 30004, T0.plusSeconds(5)));
        assertThat(moved).isEqualTo(1);
        Integer again = storage().write(tx -> tx.conversationReceipts().follow(c.accountSid(), sms1,
                ReceiptStatus.FAILED, 30004, T0.plusSeconds(6)));
        assertThat(again).as("a repeated status changes nothing").isZero();
        Integer otherAccount = storage().write(tx -> tx.conversationReceipts().follow(Fixtures.sid("AC"), sms2,
                ReceiptStatus.DELIVERED, 0, T0.plusSeconds(5)));
        assertThat(otherAccount).isZero();

        DeliveryReceipt failed = storage().read(tx -> tx.conversationReceipts().find(c.accountSid(), c.sid(),
                m.sid(), first.sid())).orElseThrow();
        Optional<DeliveryReceipt> byChannel = storage().read(tx -> tx.conversationReceipts()
                .findByChannelMessage(c.accountSid(), sms1));
        assertThat(byChannel).contains(failed);
        Optional<DeliveryReceipt> elsewhere = storage().read(tx -> tx.conversationReceipts()
                .findByChannelMessage(Fixtures.sid("AC"), sms1));
        assertThat(elsewhere).as("another account's").isEmpty();
        assertThat(failed).isEqualTo(new DeliveryReceipt(first.sid(), c.accountSid(), c.sid(), m.sid(),
                first.participantSid(), sms1, ReceiptStatus.FAILED, 30004, T0, T0.plusSeconds(5)));
        assertThat(storage().read(tx -> tx.conversationReceipts().find(c.accountSid(), c.sid(), m.sid(),
                second.sid())).orElseThrow().status()).isNull();

        Map<String, List<ReceiptStatus>> statuses = storage().read(tx -> tx.conversationReceipts()
                .statuses(c.accountSid(), List.of(m.sid(), Fixtures.sid("IM"))));
        assertThat(statuses).containsOnlyKeys(m.sid());
        assertThat(statuses.get(m.sid())).containsExactlyInAnyOrder(ReceiptStatus.FAILED, null);

        List<String> listed = new ArrayList<>();
        var page = storage().read(tx -> tx.conversationReceipts().list(c.accountSid(), c.sid(), m.sid(),
                PageRequest.first(1)));
        page.items().forEach(r -> listed.add(r.sid()));
        assertThat(page.next()).isNotNull();
        storage().read(tx -> tx.conversationReceipts().list(c.accountSid(), c.sid(), m.sid(),
                new PageRequest(1, 1, page.next()))).items().forEach(r -> listed.add(r.sid()));
        assertThat(listed).containsExactlyInAnyOrder(first.sid(), second.sid());
        assertThat(storage().read(tx -> tx.conversationReceipts().list(Fixtures.sid("AC"), c.sid(), m.sid(),
                PageRequest.first(10))).items()).isEmpty();
    }

    private boolean active(String account, String conversation, YearMonth month, java.time.Instant at) {
        return storage().write(tx -> tx.usage().markConversationActive(account, conversation, month, at));
    }

    @Test
    default void aConversationIsMarkedActiveOncePerMonth() {
        String account = Fixtures.sid("AC");
        String conversation = Fixtures.sid("CH");
        YearMonth march = YearMonth.of(2026, 3);
        assertThat(active(account, conversation, march, T0)).isTrue();
        assertThat(active(account, conversation, march, T0)).as("the same month again").isFalse();
        assertThat(active(account, conversation, march.plusMonths(1), T0)).isTrue();
        assertThat(active(Fixtures.sid("AC"), conversation, march, T0)).as("another account").isTrue();
    }
}
