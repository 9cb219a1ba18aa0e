package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFeedback;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

interface MessageStoreContract extends UsesDatabase {

    private void insert(Message... messages) {
        storage().writeVoid(tx -> {
            for (Message m : messages) {
                tx.messages().insert(m);
            }
        });
    }

    private Optional<Message> find(String account, String sid) {
        return storage().read(tx -> tx.messages().find(account, sid));
    }

    private boolean delete(String account, String sid) {
        return storage().write(tx -> tx.messages().delete(account, sid));
    }

    private Page<Message> list(String account, MessageFilter filter, PageRequest page) {
        return storage().read(tx -> tx.messages().list(account, filter, page));
    }

    @Test
    default void everyFieldRoundTrips() {
        String account = Fixtures.sid("AC");
        Message full = Fixtures.fullMessage(account);
        Message bare = Fixtures.message(account, T0.plusSeconds(1));
        insert(full, bare);

        Message found = find(account, full.sid()).orElseThrow();
        assertThat(found).isEqualTo(full);
        assertThat(found.price()).isEqualTo(new BigDecimal("-0.00790")).hasToString("-0.00790");
        assertThat(find(account, bare.sid())).contains(bare);
    }

    @Test
    default void numMediaCountsTheMessagesMediaRowsOnFetchAndInPages() {
        String account = Fixtures.sid("AC");
        Message mms = Fixtures.fullMessage(account);
        Message text = Fixtures.message(account, T0.plusSeconds(1));
        insert(mms, text);
        // Created with two MediaUrls, none stored yet: Twilio's num_media is 0 until they are.
        assertThat(find(account, mms.sid()).orElseThrow().numMedia()).isZero();
        assertThat(find(account, mms.sid()).orElseThrow().mms()).isTrue();
        List<dev.parley.core.media.Media> stored = List.of(
                new dev.parley.core.media.Media(Fixtures.sid("ME"), account, mms.sid(), 0, "image/png", 10, T0),
                new dev.parley.core.media.Media(Fixtures.sid("ME"), account, mms.sid(), 1, "image/jpeg", 20, T0));
        storage().writeVoid(tx -> {
            stored.forEach(tx.media()::insert);
            // Another account's media under the same message SID are not this message's.
            tx.media().insert(new dev.parley.core.media.Media(Fixtures.sid("ME"), Fixtures.sid("AC"), mms.sid(), 0,
                    "image/png", 1, T0));
        });
        assertThat(find(account, mms.sid()).orElseThrow()).isEqualTo(mms.withNumMedia(2));
        assertThat(list(account, MessageFilter.ALL, PageRequest.first(5)).items())
                .extracting(Message::sid, Message::numMedia)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(text.sid(), 0),
                        org.assertj.core.groups.Tuple.tuple(mms.sid(), 2));
        storage().writeVoid(tx -> tx.media().delete(account, mms.sid(), stored.getFirst().sid()));
        assertThat(find(account, mms.sid()).orElseThrow().numMedia()).isEqualTo(1);
    }

    @Test
    default void aGroupCopyKeepsItsOtherRecipientsThroughUpdatesAndLists() {
        String account = Fixtures.sid("AC");
        Message copy = Fixtures.message(account, "+14155550100", "+12025550101", T0)
                .withGroupRecipients(List.of("+12025550102", "+14155550103"));
        insert(copy);
        assertThat(find(account, copy.sid())).contains(copy);
        Message queued = copy.moveTo(MessageStatus.QUEUED, T0.plusMillis(1));
        storage().writeVoid(tx -> tx.messages().update(queued));
        assertThat(find(account, copy.sid()).orElseThrow().groupRecipients())
                .containsExactly("+12025550102", "+14155550103");
        assertThat(list(account, new MessageFilter("+12025550101", null, null, null), PageRequest.first(5)).items())
                .singleElement().satisfies(m -> assertThat(m.groupRecipients())
                        .containsExactly("+12025550102", "+14155550103"));
        assertThat(Fixtures.message(account, T0).group()).isFalse();
    }

    @Test
    default void aStatusChangeWritesItsColumnsAndLeavesARedactedBodyAlone() {
        String account = Fixtures.sid("AC");
        Message m = Fixtures.message(account, T0).moveTo(MessageStatus.QUEUED, T0).moveTo(MessageStatus.SENDING, T0)
                .moveTo(MessageStatus.SENT, T0.plusMillis(1));
        insert(m);
        Message seen = find(account, m.sid()).orElseThrow();
        storage().writeVoid(tx -> tx.messages().update(seen.redacted(T0.plusMillis(2))));

        Message delivered = storage().write(tx -> {
            Message current = tx.messages().current(seen).orElseThrow();
            Message next = current.moveTo(MessageStatus.DELIVERED, T0.plusMillis(3)).withError(30003, "unreachable")
                    .withPrice(new BigDecimal("-0.0079"), "USD").withProviderId("p-1");
            tx.messages().updateStatus(next);
            return next;
        });

        Message stored = find(account, m.sid()).orElseThrow();
        assertThat(stored.body()).isEmpty();
        assertThat(stored.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(stored.errorCode()).isEqualTo(30003);
        assertThat(stored.errorMessage()).isEqualTo("unreachable");
        assertThat(stored.price()).isEqualByComparingTo("-0.0079");
        assertThat(stored.priceUnit()).isEqualTo("USD");
        assertThat(stored.providerId()).isEqualTo("p-1");
        assertThat(stored.dateUpdated()).isEqualTo(delivered.dateUpdated());
        assertThat(stored.dateSent()).isEqualTo(m.dateSent());
        Optional<MessageStatus> status = storage().read(tx -> tx.messages().findStatus(account, m.sid()));
        Optional<MessageStatus> none = storage().read(tx -> tx.messages().findStatus(account, "SM" + "0".repeat(32)));
        assertThat(status).contains(MessageStatus.DELIVERED);
        assertThat(none).isEmpty();
        // A copy whose status is behind the stored one is read again; one that is current is taken as it is.
        Optional<Message> behind = storage().read(tx -> tx.messages().current(seen));
        Optional<Message> current = storage().read(tx -> tx.messages().current(stored));
        assertThat(behind).contains(stored);
        assertThat(current).containsSame(stored);
    }

    @Test
    default void updateReplacesTheStoredState() {
        String account = Fixtures.sid("AC");
        Message m = Fixtures.message(account, T0);
        insert(m);
        Message sent = m.moveTo(MessageStatus.QUEUED, T0.plusMillis(5))
                .moveTo(MessageStatus.SENDING, T0.plusMillis(6))
                .moveTo(MessageStatus.SENT, T0.plusMillis(7))
                .withProviderId("smpp-1")
                .withPrice(new BigDecimal("-0.0075"), "USD")
                .withError(30003, "Unreachable");
        storage().writeVoid(tx -> tx.messages().update(sent));
        assertThat(find(account, m.sid())).contains(sent);
    }

    @Test
    default void anotherAccountNeverSeesTheMessages() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        Message m = Fixtures.message(a, T0);
        insert(m);
        assertThat(find(b, m.sid())).isEmpty();
        assertThat(list(b, MessageFilter.ALL, PageRequest.first(50)).items()).isEmpty();
        assertThat(delete(b, m.sid())).isFalse();
        Message hijacked = new Message(m.sid(), b, null, m.from(), m.to(), "changed", List.of(), 1, m.direction(),
                m.status(), null, null, null, null, m.channel(), null, m.statusCallback(), m.dateCreated(),
                m.dateUpdated(), null);
        storage().writeVoid(tx -> tx.messages().update(hijacked));
        assertThat(find(a, m.sid())).contains(m);
    }

    @Test
    default void cursorsWalkEveryRowNewestFirstWithoutGapsOrDuplicates() {
        String account = Fixtures.sid("AC");
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Groups of three share a creation time: the SID breaks the tie.
            all.add(Fixtures.message(account, T0.plusMillis(i / 3)));
        }
        insert(all.toArray(Message[]::new));
        insert(Fixtures.message(Fixtures.sid("AC"), T0));
        List<String> expected = all.stream()
                .sorted(Comparator.comparing(Message::dateCreated).thenComparing(Message::sid).reversed())
                .map(Message::sid).toList();

        List<String> walked = new ArrayList<>();
        Cursor cursor = null;
        int pages = 0;
        do {
            Page<Message> page = list(account, MessageFilter.ALL, new PageRequest(5, 0, cursor));
            walked.addAll(page.items().stream().map(Message::sid).toList());
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    default void aFullLastPageHasNoNextCursor() {
        String account = Fixtures.sid("AC");
        for (int i = 0; i < 10; i++) {
            insert(Fixtures.message(account, T0.plusMillis(i)));
        }
        Page<Message> first = list(account, MessageFilter.ALL, PageRequest.first(5));
        assertThat(first.next()).isNotNull();
        Page<Message> second = list(account, MessageFilter.ALL, new PageRequest(5, 0, first.next()));
        assertThat(second.items()).hasSize(5);
        assertThat(second.next()).isNull();
    }

    @Test
    default void aPageNumberWithoutCursorSkipsThatManyPages() {
        String account = Fixtures.sid("AC");
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(Fixtures.message(account, T0.plusMillis(i)));
        }
        insert(all.toArray(Message[]::new));
        Page<Message> third = list(account, MessageFilter.ALL, new PageRequest(5, 2, null));
        assertThat(third.items()).extracting(Message::sid).containsExactly(all.get(1).sid(), all.get(0).sid());
        assertThat(third.next()).isNull();
        Page<Message> second = list(account, MessageFilter.ALL, new PageRequest(5, 1, null));
        assertThat(second.items()).extracting(Message::sid)
                .containsExactly(all.get(6).sid(), all.get(5).sid(), all.get(4).sid(), all.get(3).sid(),
                        all.get(2).sid());
    }

    @Test
    default void filtersByToFromAndSentDateWithInclusiveStartAndExclusiveEnd() {
        String account = Fixtures.sid("AC");
        Message toAlice = sentAt(Fixtures.message(account, "+14155550100", "+14155550001", T0), T0.plusSeconds(10));
        Message toBob = sentAt(Fixtures.message(account, "+14155550100", "+14155550002", T0), T0.plusSeconds(20));
        Message fromOther = sentAt(Fixtures.message(account, "+14155550111", "+14155550001", T0), T0.plusSeconds(30));
        Message unsent = Fixtures.message(account, "+14155550100", "+14155550001", T0);
        insert(toAlice, toBob, fromOther, unsent);

        assertThat(list(account, new MessageFilter("+14155550001", null, null, null), PageRequest.first(50)).items())
                .extracting(Message::sid).containsExactlyInAnyOrder(toAlice.sid(), fromOther.sid(), unsent.sid());
        assertThat(list(account, new MessageFilter(null, "+14155550111", null, null), PageRequest.first(50)).items())
                .extracting(Message::sid).containsExactly(fromOther.sid());
        assertThat(list(account, new MessageFilter("+14155550001", "+14155550100", null, null),
                PageRequest.first(50)).items())
                .extracting(Message::sid).containsExactlyInAnyOrder(toAlice.sid(), unsent.sid());
        assertThat(list(account, new MessageFilter(null, null, T0.plusSeconds(10), T0.plusSeconds(30)),
                PageRequest.first(50)).items())
                .extracting(Message::sid).containsExactlyInAnyOrder(toAlice.sid(), toBob.sid());
        assertThat(list(account, new MessageFilter(null, null, T0.plusSeconds(20), null), PageRequest.first(50))
                .items()).extracting(Message::sid).containsExactlyInAnyOrder(toBob.sid(), fromOther.sid());
    }

    @Test
    default void deleteRemovesOnlyThatMessage() {
        String account = Fixtures.sid("AC");
        Message gone = Fixtures.message(account, T0);
        Message kept = Fixtures.message(account, T0);
        insert(gone, kept);
        assertThat(delete(account, gone.sid())).isTrue();
        assertThat(delete(account, gone.sid())).isFalse();
        assertThat(list(account, MessageFilter.ALL, PageRequest.first(50)).items()).containsExactly(kept);
    }

    @Test
    default void theFeedbackFlagRoundTripsAndFeedbackIsSavedReplacedAndDeletedWithItsMessage() {
        String account = Fixtures.sid("AC");
        Message asked = Fixtures.message(account, T0).withProvideFeedback(true);
        Message plain = Fixtures.message(account, T0);
        insert(asked, plain);
        assertThat(find(account, asked.sid())).get().extracting(Message::provideFeedback).isEqualTo(true);
        assertThat(find(account, plain.sid())).get().extracting(Message::provideFeedback).isEqualTo(false);
        assertThat(list(account, MessageFilter.ALL, PageRequest.first(50)).items())
                .containsExactlyInAnyOrder(asked, plain);

        assertThat(feedback(account, asked.sid())).isEmpty();
        MessageFeedback confirmed = new MessageFeedback(account, asked.sid(), MessageFeedback.Outcome.CONFIRMED, T0,
                T0.plusSeconds(5));
        storage().writeVoid(tx -> tx.messages().saveFeedback(confirmed));
        assertThat(feedback(account, asked.sid())).contains(confirmed);
        MessageFeedback again = new MessageFeedback(account, asked.sid(), MessageFeedback.Outcome.UNCONFIRMED, T0,
                T0.plusSeconds(9));
        storage().writeVoid(tx -> tx.messages().saveFeedback(again));
        assertThat(feedback(account, asked.sid())).contains(again);
        assertThat(feedback(Fixtures.sid("AC"), asked.sid())).isEmpty();

        assertThat(delete(account, asked.sid())).isTrue();
        assertThat(feedback(account, asked.sid())).isEmpty();
    }

    private Optional<MessageFeedback> feedback(String account, String sid) {
        return storage().read(tx -> tx.messages().feedback(account, sid));
    }

    private static Message sentAt(Message m, java.time.Instant sent) {
        return new Message(m.sid(), m.accountSid(), m.messagingServiceSid(), m.from(), m.to(), m.body(),
                m.mediaUrls(), m.numSegments(), m.direction(), MessageStatus.SENT, null, null, null, null, m.channel(),
                null, m.statusCallback(), m.dateCreated(), sent, sent);
    }

    @Test
    default void aProviderWebhookFindsItsMessageByTheIdItsChannelGaveIt() {
        String account = Fixtures.sid("AC");
        Message upstream = Fixtures.sentOn(account, "twilio:upstream", "SM" + "1".repeat(32));
        Message whatsapp = Fixtures.sentOn(account, "whatsapp:+14155550100", "wamid.1");
        Message smpp = Fixtures.sentOn(account, "smpp:carrier", "4711");
        insert(upstream, whatsapp, smpp);

        assertThat(findByProviderId("twilio:upstream", "SM" + "1".repeat(32))).contains(upstream.sid());
        assertThat(findByProviderId("whatsapp:+14155550100", "wamid.1")).contains(whatsapp.sid());
        // The id is the channel's own: the same id on another channel names another message, or none.
        assertThat(findByProviderId("twilio:other", "SM" + "1".repeat(32))).isEmpty();
        // Receipts find an SMPP message through its segments' SMSC ids, never this way.
        assertThat(findByProviderId("smpp:carrier", "4711")).isEmpty();
    }

    @Test
    default void aLookupByProviderIdIsAnsweredByItsIndex() throws SQLException {
        try (Connection c = DriverManager.getConnection(db().url())) {
            StringBuilder plan = new StringBuilder();
            boolean sqlite = db().url().startsWith("jdbc:sqlite:");
            if (!sqlite) {
                // On a table this small PostgreSQL would rather scan; what matters is that it can use the index.
                try (Statement s = c.createStatement()) {
                    s.execute("SET enable_seqscan = off");
                }
            }
            try (PreparedStatement s = c.prepareStatement((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ")
                    + SqlMessageStore.FIND_BY_PROVIDER_ID)) {
                s.setString(1, "twilio:upstream");
                s.setString(2, "SM" + "1".repeat(32));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        plan.append(r.getString(sqlite ? 4 : 1)).append('\n');
                    }
                }
            }
            assertThat(plan.toString()).contains("messages_by_provider_id");
        }
    }

    private Optional<String> findByProviderId(String channel, String providerId) {
        return storage().read(tx -> tx.messages().findByProviderId(channel, providerId)).map(Message::sid);
    }
}
