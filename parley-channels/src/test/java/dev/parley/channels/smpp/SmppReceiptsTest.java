package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.connection.SmppSegmentStore;
import dev.parley.core.connection.SmppSettings;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.testing.CountingStorage;
import dev.parley.testing.smpp.TestSmsc;
import dev.parley.testing.smpp.TestSmsc.ReceiptTiming;
import dev.parley.testing.smpp.TestSmsc.Receipts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery receipts from the test SMSC, as the channel hands them to Parley's receipt path. */
class SmppReceiptsTest {
    private static final String TWO_SEGMENTS = "A message long enough to need two segments at the carrier. ".repeat(3);
    private final SmppHarness h = new SmppHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private List<ReceiptSink.Receipt> receiptsOf(Message m) {
        return h.receipts.stream().filter(r -> r.messageSid().equals(m.sid())).toList();
    }

    private void awaitReceipt(Message m) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiptsOf(m).isEmpty());
    }

    @Test
    void aReceiptAfterTheResponseMakesTheMessageDelivered() {
        h.smsc.receipts(Receipts.delivered(ReceiptTiming.AFTER_RESPONSE));
        SmppChannel channel = h.bound(h.tune());
        Message m = SmppHarness.message("+14155550100", "+447700900123", "Hi");

        assertThat(h.send(channel, m)).isInstanceOf(SendResult.Accepted.class);

        awaitReceipt(m);
        assertThat(receiptsOf(m)).singleElement().satisfies(r -> {
            assertThat(r.accountSid()).isEqualTo(m.accountSid());
            assertThat(r.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(r.errorCode()).isNull();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> channel.state().orElseThrow().receiptsPending() == 0);
    }

    @Test
    void aReceiptBeforeItsResponseIsKeptAndAppliedWhenTheSegmentIsStored() {
        h.smsc.receipts(Receipts.delivered(ReceiptTiming.BEFORE_RESPONSE));
        SmppChannel channel = h.bound(h.tune());
        Message m = SmppHarness.message("+14155550100", "+447700900123", TWO_SEGMENTS);

        assertThat(SmppHarness.acceptedId(h.send(channel, m))).isEqualTo("1");

        assertThat(receiptsOf(m)).as("applied in the transaction that stored the last segment").singleElement()
                .extracting(ReceiptSink.Receipt::status).isEqualTo(MessageStatus.DELIVERED);
        java.util.Optional<?> early = h.db.write(tx -> tx.smppSegments().takeEarlyReceipt("carrier-a", "1",
                java.time.Instant.EPOCH));
        assertThat(early).as("no early receipt left behind").isEmpty();
        assertThat(channel.state().orElseThrow().receiptsPending()).isZero();
    }

    @Test
    void aReceiptWhileItsSegmentIsCommittedIsAppliedByThatCommitAndAnsweredAfterItWithoutReadingItBack()
            throws Exception {
        h.smsc.receipts(Receipts.NONE);
        CountingStorage storage = new CountingStorage(h.db);
        SmppChannel channel = h.bound(h.tune(), storage);
        Message m = SmppHarness.message("+14155550100", "+447700900123", "Hi");
        SendResult.Accepted accepted = (SendResult.Accepted) channel.send(m); // acknowledged, its id not committed
        TestSmsc.Submitted submitted = h.smsc.submits().getFirst();

        CompletableFuture<Void> answered = answer(submitted, "DELIVRD");

        Thread.sleep(300);
        assertThat(answered).as("not answered before the segment's transaction").isNotDone();
        int readsBefore = storage.reads();
        h.db.writeVoid(accepted.storeWithOutcome());
        accepted.afterStored().run();

        answered.get(5, TimeUnit.SECONDS);
        assertThat(storage.reads()).as("reads after the commit: the transaction said it applied the receipt")
                .isEqualTo(readsBefore);
        assertThat(receiptsOf(m)).singleElement().extracting(ReceiptSink.Receipt::status)
                .isEqualTo(MessageStatus.DELIVERED);
        Optional<SmppSegmentStore.EarlyReceipt> early = h.db.write(tx -> tx.smppSegments()
                .takeEarlyReceipt("carrier-a", "1", Instant.EPOCH));
        assertThat(early).as("no early receipt").isEmpty();
    }

    @Test
    void aReceiptHandedToATransactionThatRolledBackIsStoredAndAppliedWhenTheSegmentIs() throws Exception {
        h.smsc.receipts(Receipts.NONE);
        SmppChannel channel = h.bound(h.tune());
        Message m = SmppHarness.message("+14155550100", "+447700900123", "Hi");
        SendResult.Accepted accepted = (SendResult.Accepted) channel.send(m);
        CompletableFuture<Void> answered = answer(h.smsc.submits().getFirst(), "UNDELIV");
        Thread.sleep(300);

        assertThatThrownBy(() -> h.db.writeVoid(tx -> {
            accepted.storeWithOutcome().accept(tx);
            throw new IllegalStateException("the commit failed");
        })).hasMessage("the commit failed");
        accepted.afterStored().run();

        answered.get(5, TimeUnit.SECONDS);
        List<SmppSegmentStore.Segment> stored = h.db.read(tx -> tx.smppSegments().forMessage("carrier-a", m.sid()));
        assertThat(stored).as("rolled back").isEmpty();
        h.receipts.clear(); // what the rolled-back transaction reported went with it
        // The dispatcher's job runs again: the segment is stored, and takes the receipt kept meanwhile.
        h.db.writeVoid(accepted.storeWithOutcome());
        assertThat(receiptsOf(m)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MessageStatus.UNDELIVERED);
            assertThat(r.errorCode()).as("err:001, unknown subscriber").isEqualTo(30005);
        });
    }

    /** The SMSC sends {@code stat}'s receipt for {@code submitted}; completes once the ESME answered it. */
    private CompletableFuture<Void> answer(TestSmsc.Submitted submitted, String stat) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                h.smsc.sendReceipt(submitted, stat);
                answered.complete(null);
            } catch (Exception e) {
                answered.completeExceptionally(e);
            }
        });
        return answered;
    }

    @Test
    void aReceiptBeforeItsResponseIsNotLostWhenTheSmscReusesTheIdOfAFinishedSegment() {
        h.smsc.receipts(Receipts.delivered(ReceiptTiming.AFTER_RESPONSE));
        SmppChannel channel = h.bound(h.tune());
        Message first = SmppHarness.message("+14155550100", "+447700900123", "Hi");
        assertThat(SmppHarness.acceptedId(h.send(channel, first))).isEqualTo("1");
        awaitReceipt(first);

        h.smsc.restartIds(); // as an SMSC that restarts and counts its ids from 1 again
        h.smsc.receipts(new Receipts(ReceiptTiming.BEFORE_RESPONSE, true, false, false, s -> "UNDELIV"));
        Message second = SmppHarness.message("+14155550100", "+447700900124", "Hi again");

        assertThat(SmppHarness.acceptedId(h.send(channel, second))).isEqualTo("1");

        assertThat(receiptsOf(second)).as("the new segment's receipt, though id 1 was found finished")
                .singleElement().extracting(ReceiptSink.Receipt::status).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(receiptsOf(first)).as("the finished message is left alone").singleElement()
                .extracting(ReceiptSink.Receipt::status).isEqualTo(MessageStatus.DELIVERED);
        assertThat(channel.state().orElseThrow().receiptsPending()).isZero();
    }

    @Test
    void receiptsWithHexIdsInTlvsOnlyMatchDecimalResponses() {
        h.smsc.receipts(new Receipts(ReceiptTiming.AFTER_RESPONSE, false, true, true, s -> "DELIVRD"));
        SmppHarness.Settings tune = h.tune();
        tune.receiptIds = SmppSettings.IdFormat.HEX;
        SmppChannel channel = h.bound(tune);
        List<Message> messages = List.of(
                SmppHarness.message("+14155550100", "+447700900123", "one"),
                SmppHarness.message("+14155550100", "+447700900123", "two"));
        h.smsc.answer(s -> TestSmsc.Answer.OK);
        // Ids 1 to 9 read the same in both; burn them so the receipts carry ids where hex and decimal differ.
        for (int i = 0; i < 11; i++) {
            h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "warm-up " + i));
        }

        messages.forEach(m -> h.send(channel, m));

        messages.forEach(this::awaitReceipt);
        assertThat(h.smsc.submits().getLast().messageId()).isEqualTo("13");
        messages.forEach(m -> assertThat(receiptsOf(m)).singleElement().extracting(ReceiptSink.Receipt::status)
                .isEqualTo(MessageStatus.DELIVERED));
    }

    @Test
    void aMultiSegmentMessageIsDeliveredOnlyWhenEverySegmentIs() throws Exception {
        h.smsc.receipts(new Receipts(ReceiptTiming.NONE, true, false, false, s -> "DELIVRD"));
        SmppChannel channel = h.bound(h.tune());
        Message m = SmppHarness.message("+14155550100", "+447700900123", TWO_SEGMENTS);
        h.send(channel, m);
        List<TestSmsc.Submitted> segments = h.smsc.submits();
        assertThat(segments).hasSize(2);

        h.smsc.sendReceipt(segments.get(1), "DELIVRD");
        assertThat(receiptsOf(m)).as("one segment of two delivered").isEmpty();
        assertThat(channel.state().orElseThrow().receiptsPending()).isEqualTo(1);
        h.smsc.sendReceipt(segments.get(1), "DELIVRD");
        h.smsc.sendReceipt(segments.get(0), "ENROUTE");
        assertThat(receiptsOf(m)).as("a repeat and an intermediate state change nothing").isEmpty();
        h.smsc.sendReceipt(segments.get(0), "DELIVRD");

        assertThat(receiptsOf(m)).singleElement().extracting(ReceiptSink.Receipt::status)
                .isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void aMultiSegmentMessageIsUndeliveredAsSoonAsOneSegmentIsNot() throws Exception {
        h.smsc.receipts(new Receipts(ReceiptTiming.NONE, true, false, false, s -> "DELIVRD"));
        SmppChannel channel = h.bound(h.tune());
        Message m = SmppHarness.message("+14155550100", "+447700900123", TWO_SEGMENTS);
        h.send(channel, m);
        List<TestSmsc.Submitted> segments = h.smsc.submits();

        h.smsc.sendReceipt(segments.get(0), "UNDELIV");
        h.smsc.sendReceipt(segments.get(1), "DELIVRD");

        assertThat(receiptsOf(m)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MessageStatus.UNDELIVERED);
            assertThat(r.errorCode()).as("err:001, unknown subscriber").isEqualTo(30005);
        });
    }

    @Test
    void receiptsComeBackOnTheReceiverOfATransmitterReceiverPair() {
        h.smsc.receipts(Receipts.delivered(ReceiptTiming.AFTER_RESPONSE));
        SmppHarness.Settings tune = h.tune();
        tune.bindType = SmppSettings.BindType.TRANSMITTER_RECEIVER;
        tune.binds = 2;
        SmppChannel channel = h.bound(tune);
        assertThat(h.smsc.boundSessions()).isEqualTo(4);
        Message m = SmppHarness.message("+14155550100", "+447700900123", "Hi");

        h.send(channel, m);

        awaitReceipt(m);
        assertThat(receiptsOf(m)).singleElement().extracting(ReceiptSink.Receipt::status)
                .isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void anUnreadableReceiptIsAnsweredAndChangesNothing() throws Exception {
        SmppChannel channel = h.bound(h.tune());
        String tooLong = "9".repeat(100);

        h.smsc.deliver("447700900123", "14155550100", new org.jsmpp.bean.ESMClass(0x04), (byte) 0,
                ("id:" + tooLong + " stat:DELIVRD err:000").getBytes());
        h.smsc.deliver("447700900123", "14155550100", new org.jsmpp.bean.ESMClass(0x04), (byte) 0,
                "no id in here".getBytes());

        assertThat(h.receipts).isEmpty();
        assertThat(h.mo).as("a receipt by its esm_class, even unreadable, is no MO message").isEmpty();
        assertThat(channel.state().orElseThrow().lastError()).startsWith("receipt without a message id")
                .contains("no id in here");
        java.util.Optional<?> early = h.db.write(tx -> tx.smppSegments().takeEarlyReceipt("carrier-a", tooLong,
                java.time.Instant.EPOCH));
        assertThat(early).isEmpty();
    }

    @Test
    void segmentOutcomesFollowTheAdrTable() {
        java.time.Instant now = java.time.Instant.parse("2026-12-06T10:00:00Z");
        record Row(String text, MessageStatus status, Integer code) {
        }
        List<Row> table = List.of(
                new Row("id:1 stat:DELIVRD err:000", MessageStatus.DELIVERED, null),
                new Row("id:1 stat:EXPIRED err:000", MessageStatus.UNDELIVERED, 30003),
                new Row("id:1 stat:UNDELIV err:001", MessageStatus.UNDELIVERED, 30005),
                new Row("id:1 stat:UNDELIV err:013", MessageStatus.UNDELIVERED, 30004),
                new Row("id:1 stat:UNDELIV err:027", MessageStatus.UNDELIVERED, 30003),
                new Row("id:1 stat:REJECTD err:000", MessageStatus.UNDELIVERED, 30007),
                new Row("id:1 stat:DELETED err:000", MessageStatus.UNDELIVERED, 30008),
                new Row("id:1 stat:UNKNOWN err:000", MessageStatus.UNDELIVERED, 30008));
        for (Row row : table) {
            var outcome = SegmentReceipts.outcome(DeliveryReceipts.parse(row.text()).orElseThrow(), now).orElseThrow();
            assertThat(outcome.status()).as(row.text()).isEqualTo(row.status());
            assertThat(outcome.errorCode()).as(row.text()).isEqualTo(row.code());
        }
        assertThat(SegmentReceipts.outcome(DeliveryReceipts.parse("id:1 stat:ENROUTE").orElseThrow(), now)).isEmpty();
        assertThat(SegmentReceipts.outcome(DeliveryReceipts.parse("id:1 stat:ACCEPTD").orElseThrow(), now)).isEmpty();
        assertThat(SegmentReceipts.outcome(DeliveryReceipts.parse(
                "id:1 done date:2612060930 stat:DELIVRD").orElseThrow(), now).orElseThrow().doneAt())
                .isEqualTo(java.time.Instant.parse("2026-12-06T09:30:00Z"));
    }
}
