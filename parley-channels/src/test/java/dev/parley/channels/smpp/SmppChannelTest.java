package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.connection.SmppSegmentStore;
import dev.parley.core.connection.SmppSettings;
import dev.parley.core.connection.SmppSettings.DataCoding;
import dev.parley.core.connection.SmppSettings.Split;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.SendResult;
import dev.parley.testing.smpp.TestSmsc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sending through a test SMSC: what arrives there, byte for byte, and what the channel answers and stores. */
class SmppChannelTest {
    private static final String GSM_LONG = "Parley's long GSM text with an extension € and [brackets] ".repeat(4);
    private static final String UCS2_LONG = "Привет, мир! 你好 🌍 ".repeat(6);
    private final SmppHarness h = new SmppHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aShortMessageArrivesAtTheSmscAndItsIdIsTheProviderId() {
        SmppChannel channel = h.bound(h.tune());

        SendResult result = h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "Hello"));

        assertThat(SmppHarness.acceptedId(result)).isEqualTo("1");
        TestSmsc.Submitted s = h.smsc.submits().getFirst();
        assertThat(s.pdu().getSourceAddr()).isEqualTo("14155550100");
        assertThat(s.pdu().getSourceAddrTon()).isEqualTo((byte) 1);
        assertThat(s.destination()).isEqualTo("447700900123");
        assertThat(s.shortMessage()).containsExactly('H', 'e', 'l', 'l', 'o');
        assertThat(s.pdu().getRegisteredDelivery()).as("a receipt is always asked for").isEqualTo((byte) 1);
    }

    @Test
    void aResponseFreesTheWindowSlotAndTheUnstoredRoomBoundsTheAcknowledgedIdsAwaitingTheirCommit() throws Exception {
        SmppHarness.Settings settings = h.tune();
        settings.window = 1;
        SmppChannel channel = h.bound(settings);
        int room = BindLink.unstoredRoom(1);
        assertThat(room).as("at least 200 whatever the window").isEqualTo(200);
        List<Message> sent = new ArrayList<>();
        List<SendResult.Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < room; i++) {
            sent.add(SmppHarness.message("+14155550100", "+4477009" + String.format("%05d", i), "message " + i));
            accepted.add((SendResult.Accepted) channel.send(sent.get(i)));
        }
        assertThat(h.smsc.submits()).as("the window of one counts only the submit awaiting its response")
                .hasSize(room);
        assertThat(segments(sent.getFirst())).as("the last segment's id is the dispatcher's to store").isEmpty();
        CompletableFuture<SendResult> next = CompletableFuture.supplyAsync(() -> h.send(channel,
                SmppHarness.message("+14155550100", "+447700999999", "one more")));
        Thread.sleep(300);
        assertThat(h.smsc.submits()).as("the room's worth acknowledged and not stored: the next one waits")
                .hasSize(room);

        h.db.writeVoid(accepted.getFirst().storeWithOutcome());
        accepted.getFirst().afterStored().run();

        assertThat(SmppHarness.acceptedId(next.get(10, TimeUnit.SECONDS))).isEqualTo(String.valueOf(room + 1));
        assertThat(segments(sent.getFirst())).extracting(SmppSegmentStore.Segment::smscId).containsExactly("1");
        assertThat(segments(sent.get(1))).as("not committed yet").isEmpty();
        assertThat(accepted.get(1).providerId()).isEqualTo("2");
    }

    @Test
    void aWindowSlotIsFreeOnceTheResponseIsReadWhileJsmppsPoolIsBusy() throws Exception {
        // A response read while the pool is held waits in its queue before its submitting thread hears of it.
        try (HeldPool held = holdEveryJsmppThread(1)) {
            Future<SendResult> first = held.tasks.submit(() -> h.send(held.channel,
                    SmppHarness.message("+14155550100", "+447700900123", "first")));
            Future<SendResult> second = held.tasks.submit(() -> h.send(held.channel,
                    SmppHarness.message("+14155550100", "+447700900124", "second")));

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> h.smsc.submits().size() == 2);
            assertThat(h.smsc.acknowledged(2)).as("both answered by the SMSC").hasSize(2);
            assertThat(first.isDone() || second.isDone()).as("neither submitting thread has its response yet").isFalse();

            held.resume.countDown();
            assertThat(List.of(SmppHarness.acceptedId(first.get(10, TimeUnit.SECONDS)),
                    SmppHarness.acceptedId(second.get(10, TimeUnit.SECONDS)))).containsExactlyInAnyOrder("1", "2");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100})
    void jsmppHoldsTheResponsesOfEveryUnstoredSegmentAndTheSmscsHandsetMessagesWithoutThrottling(int window)
            throws Exception {
        try (HeldPool held = holdEveryJsmppThread(window)) {
            int unstored = BindLink.unstoredRoom(window);
            List<Future<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < unstored; i++) {
                String to = "+4477009" + String.format("%05d", i);
                sends.add(held.tasks.submit(() -> h.send(held.channel,
                        SmppHarness.message("+14155550100", to, "hi"))));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> h.smsc.submits().size() == unstored);
            // Every response is read and waits for a thread; the SMSC then sends two windows of handset messages, or
            // 100 (an SMSC's window for deliver_sm is its own).
            List<Future<?>> handsets = new ArrayList<>(held.handsets);
            for (int i = 0; i < Math.max(100, 2 * window); i++) {
                handsets.add(held.handset("queued " + i));
            }
            Thread.sleep(500);

            held.resume.countDown();
            for (Future<?> handset : handsets) {
                assertThat(handset.get(10, TimeUnit.SECONDS)).as("answered ESME_ROK, not throttled").isNull();
            }
            for (Future<SendResult> send : sends) {
                assertThat(SmppHarness.acceptedId(send.get(10, TimeUnit.SECONDS))).isNotBlank();
            }
        }
    }

    /**
     * A bound channel whose handling of handsets' messages waits for {@code resume}, with one such message (among
     * {@code handsets}) holding each of jSMPP's threads for the bind; {@code tasks} runs what the test sends meanwhile.
     */
    private record HeldPool(TestSmsc smsc, SmppChannel channel, ExecutorService tasks, List<Future<?>> handsets,
            CountDownLatch resume) implements AutoCloseable {
        /** A handset's message sent by the SMSC; it ends once the bind answered it, or with what it answered. */
        Future<?> handset(String body) {
            return tasks.submit(() -> {
                smsc.deliver("447700900123", "14155550100", new ESMClass(0), (byte) 0, body.getBytes());
                return null;
            });
        }

        @Override
        public void close() {
            resume.countDown();
            tasks.close();
        }
    }

    private HeldPool holdEveryJsmppThread(int window) throws InterruptedException {
        SmppHarness.Settings settings = h.tune();
        settings.window = window;
        int threads = SmppBind.pduThreads(window);
        CountDownLatch handling = new CountDownLatch(threads);
        CountDownLatch resume = new CountDownLatch(1);
        SmppChannel channel = h.bound(settings, (name, pdu) -> {
            handling.countDown();
            try {
                resume.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        HeldPool held = new HeldPool(h.smsc, channel, Executors.newVirtualThreadPerTaskExecutor(), new ArrayList<>(),
                resume);
        for (int i = 0; i < threads; i++) {
            held.handsets.add(held.handset("held " + i));
        }
        assertThat(handling.await(10, TimeUnit.SECONDS)).as("all of jSMPP's threads are busy").isTrue();
        return held;
    }

    private List<SmppSegmentStore.Segment> segments(Message m) {
        return h.db.read(tx -> tx.smppSegments().forMessage("carrier-a", m.sid()));
    }

    @Test
    void anAlphanumericSenderGoesWithTon5AndNpi0() {
        SmppChannel channel = h.bound(h.tune());

        h.send(channel, SmppHarness.message("Parley", "+447700900123", "Hi"));

        TestSmsc.Submitted s = h.smsc.submits().getFirst();
        assertThat(s.pdu().getSourceAddr()).isEqualTo("Parley");
        assertThat(s.pdu().getSourceAddrTon()).isEqualTo((byte) 5);
        assertThat(s.pdu().getSourceAddrNpi()).isEqualTo((byte) 0);
    }

    @Test
    void longMessagesInEveryCodingAndSplitArriveByteExactAndReassembleToTheBody() {
        for (Split split : Split.values()) {
            for (DataCoding coding : DataCoding.values()) {
                for (boolean packed : new boolean[] {false, true}) {
                    for (String body : List.of(GSM_LONG, UCS2_LONG)) {
                        sendAndCheck(split, coding, packed, body);
                    }
                }
            }
        }
    }

    private void sendAndCheck(Split split, DataCoding coding, boolean packed, String body) {
        SmppHarness.Settings tune = h.tune();
        tune.split = split;
        tune.coding = coding;
        tune.packed = packed;
        SmppSettings settings = tune.build();
        SmppChannel channel = h.bound(tune);
        Message m = SmppHarness.message("+14155550100", "+447700900123", body);
        int before = h.smsc.submits().size();
        String what = split + "/" + coding + (packed ? "/packed" : "") + "/" + (body == GSM_LONG ? "gsm" : "ucs2");

        assertThat(h.send(channel, m)).as(what).isInstanceOf(SendResult.Accepted.class);

        List<TestSmsc.Submitted> sent = h.smsc.submits().subList(before, h.smsc.submits().size());
        List<ShortMessage> expected = SmppCodec.encode(body, settings, SmppChannel.reference(m.sid()));
        assertThat(sent).as(what).hasSize(expected.size());
        if (coding == DataCoding.SMSC_DEFAULT) {
            // Parley's own segment count (what the message's num_segments says); IA5 and Latin-1 send the euro sign
            // as UCS-2, which splits differently.
            assertThat(expected.size()).as(what).isEqualTo(split == Split.PAYLOAD ? 1 : expectedSegments(body));
        }
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sent.get(i).shortMessage()).as(what + " #" + i).isEqualTo(expected.get(i).bytes());
            assertThat(sent.get(i).pdu().getDataCoding()).as(what).isEqualTo(expected.get(i).dataCoding());
            assertThat(sent.get(i).pdu().getEsmClass()).as(what).isEqualTo(expected.get(i).esmClass());
        }
        String reassembled = sent.stream()
                .map(s -> SmppCodec.decode(s.pdu().getDataCoding(), s.pdu().getEsmClass(), s.shortMessage(),
                        s.pdu().getOptionalParameters(), packed))
                .sorted(Comparator.comparingInt(p -> p.concat() == null ? 0 : p.concat().seq()))
                .map(DecodedPart::text).collect(Collectors.joining());
        assertThat(reassembled).as(what).isEqualTo(body);
        List<SmppSegmentStore.Segment> stored = h.db.read(tx -> tx.smppSegments().forMessage("carrier-a", m.sid()));
        assertThat(stored).as(what).extracting(SmppSegmentStore.Segment::smscId)
                .containsExactlyElementsOf(sent.stream().map(TestSmsc.Submitted::messageId).toList());
        channel.close();
    }

    private static int expectedSegments(String body) {
        return dev.parley.core.message.encoding.SmsSegmenter.analyze(body, false).numSegments();
    }

    @Test
    void anInvalidDestinationFailsTheMessageWith21211() {
        h.smsc.answer(s -> new TestSmsc.Answer.Error(SmppStatus.ESME_RINVDSTADR));
        SmppChannel channel = h.bound(h.tune());

        SendResult result = h.send(channel, SmppHarness.message("+14155550100", "+999", "Hi"));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(r.errorCode()).isEqualTo(21211);
            assertThat(r.reason()).contains("ESME_RINVDSTADR");
        });
    }

    @Test
    void aSystemErrorRetriesWithTheRunnersBackoffAndOnlyUnacknowledgedSegmentsAreSubmittedAgain() {
        SmppChannel channel = h.bound(h.tune());
        Message m = SmppHarness.message("+14155550100", "+447700900123", GSM_LONG);
        h.smsc.answer(s -> s.messageId().equals("2") ? new TestSmsc.Answer.Error(SmppStatus.ESME_RSYSERR)
                : TestSmsc.Answer.OK);

        SendResult first = h.send(channel, m);

        assertThat(first).isInstanceOfSatisfying(SendResult.RetryLater.class, r -> {
            assertThat(r.after()).as("the job runner's exponential backoff").isNull();
            assertThat(r.reason()).contains("ESME_RSYSERR", "segment 2 of");
        });
        SendResult second = h.send(channel, m);

        assertThat(SmppHarness.acceptedId(second)).isEqualTo("1");
        List<TestSmsc.Submitted> sent = h.smsc.submits();
        int total = expectedSegments(GSM_LONG);
        assertThat(sent).hasSize(total + 1);
        assertThat(h.smsc.acknowledged(total)).hasSize(total).doesNotHaveDuplicates();
        assertThat(sent.get(0).shortMessage()).as("segment 1 went once").isNotEqualTo(sent.get(2).shortMessage());
        assertThat(sent.get(1).shortMessage()).as("segment 2 again").isEqualTo(sent.get(2).shortMessage());
    }

    @Test
    void aDeliverSmThatIsNoReceiptGoesToTheMoHandler() throws Exception {
        h.bound(h.tune());

        h.smsc.deliver("447700900123", "14155550100", new ESMClass(0), (byte) 0, "STOP".getBytes());

        assertThat(h.mo).singleElement().extracting(DeliverSm::getSourceAddr).isEqualTo("447700900123");
        assertThat(h.receipts).isEmpty();
    }

    @Test
    void tcpNoDelayIsSetOnTheSocketsParleyOpens() throws Exception {
        SmppSockets sockets = SmppSockets.of(false, java.time.Duration.ofSeconds(2));
        try (java.net.Socket socket = sockets.open("127.0.0.1", h.smsc.port())) {
            assertThat(socket.getTcpNoDelay()).isTrue();
            assertThat(socket.getKeepAlive()).isTrue();
        }
    }
}
