package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.connection.SmppSegmentStore;
import dev.parley.core.message.Message;
import dev.parley.core.message.channel.ChannelState;
import dev.parley.core.message.channel.SendResult;
import dev.parley.testing.smpp.TestSmsc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Throttling, lost and refused binds, missing responses and shutdown, against the test SMSC. */
class SmppResilienceTest {
    private final SmppHarness h = new SmppHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private CompletableFuture<SendResult> sendAsync(SmppChannel channel, Message m) {
        CompletableFuture<SendResult> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> f.complete(h.send(channel, m)));
        return f;
    }

    private static String body(TestSmsc.Submitted s) {
        return new String(s.shortMessage(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void throttlingSlowsTheConnectionAndNeverFailsTheMessage() {
        h.smsc.answer(s -> Integer.parseInt(s.messageId()) <= 3 ? new TestSmsc.Answer.Error(SmppStatus.ESME_RTHROTTLED)
                : TestSmsc.Answer.OK);
        SmppHarness.Settings tune = h.tune();
        tune.maxPerSecond = 200;
        SmppChannel channel = h.bound(tune);

        SendResult result = h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "Hi"));

        assertThat(SmppHarness.acceptedId(result)).isEqualTo("4");
        List<TestSmsc.Submitted> sent = h.smsc.submits();
        assertThat(sent).hasSize(4).extracting(SmppResilienceTest::body).containsOnly("Hi");
        // 200/s halved three times is 25/s: the fourth submit waits about 40 ms after the third.
        assertThat(Duration.between(sent.get(2).at(), sent.get(3).at())).isGreaterThanOrEqualTo(Duration.ofMillis(30));
        ChannelState state = channel.state().orElseThrow();
        assertThat(state.lastError()).contains("ESME_RTHROTTLED", "rate now");
        assertThat(state.lastErrorAt()).isNotNull();
    }

    @Test
    void aGenericNackSlowsTheConnectionAndTheSegmentGoesAgain() {
        h.smsc.answer(s -> s.messageId().equals("1") ? new TestSmsc.Answer.Nack(0x14) : TestSmsc.Answer.OK);
        SmppHarness.Settings tune = h.tune();
        tune.maxPerSecond = 20;
        SmppChannel channel = h.bound(tune);

        SendResult result = h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "Hi"));

        assertThat(SmppHarness.acceptedId(result)).isEqualTo("2");
        List<TestSmsc.Submitted> sent = h.smsc.submits();
        assertThat(Duration.between(sent.get(0).at(), sent.get(1).at())).as("20/s halved: 100 ms apart")
                .isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(channel.state().orElseThrow().lastError()).contains("generic_nack", "ESME_RMSGQFUL");
    }

    @Test
    void aBindLostMidWindowLosesNothingAndAcknowledgesNothingTwice() {
        h.smsc.answer(s -> Integer.parseInt(s.messageId()) <= 10 ? new TestSmsc.Answer.Withhold()
                : TestSmsc.Answer.OK);
        SmppHarness.Settings tune = h.tune();
        // Far beyond the test's wait: the submits awaiting a response must be answered when the bind is lost.
        tune.responseTimeout = Duration.ofMinutes(2);
        SmppChannel channel = h.bound(tune);
        List<Message> messages = new ArrayList<>();
        List<CompletableFuture<SendResult>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Message m = SmppHarness.message("+14155550100", "+447700900123", "msg-" + i);
            messages.add(m);
            results.add(sendAsync(channel, m));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> h.smsc.submits().size() == 10);
        assertThat(channel.state().orElseThrow().windowInUse()).isEqualTo(10);

        h.smsc.dropAll();

        await().atMost(Duration.ofSeconds(20)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        results.forEach(f -> assertThat(f.join()).isInstanceOf(SendResult.Accepted.class));
        Map<String, TestSmsc.Submitted> byId = h.smsc.submits().stream()
                .collect(Collectors.toMap(TestSmsc.Submitted::messageId, Function.identity()));
        List<String> acknowledgedBodies = h.smsc.acknowledged(10).stream().map(id -> body(byId.get(id))).toList();
        assertThat(acknowledgedBodies).hasSize(10).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(messages.stream().map(Message::body).toList());
        for (Message m : messages) {
            List<SmppSegmentStore.Segment> stored = h.db.read(tx -> tx.smppSegments().forMessage("carrier-a",
                    m.sid()));
            assertThat(stored).singleElement().satisfies(s -> {
                assertThat(h.smsc.acknowledged()).contains(s.smscId());
                assertThat(body(byId.get(s.smscId()))).isEqualTo(m.body());
            });
        }
    }

    @Test
    void aSendInterruptedAwaitingItsResponseRetriesLaterAndLeavesTheBindUp() throws Exception {
        h.smsc.answer(s -> new TestSmsc.Answer.Withhold());
        SmppHarness.Settings tune = h.tune();
        tune.responseTimeout = Duration.ofMinutes(2);
        SmppChannel channel = h.bound(tune);
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        Thread sending = Thread.ofVirtual().start(() -> result.complete(
                h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "Hi"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> h.smsc.submits().size() == 1);

        sending.interrupt();

        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(SendResult.RetryLater.class,
                r -> assertThat(r.reason()).startsWith("interrupted awaiting the response on carrier-a#1"));
        ChannelState state = channel.state().orElseThrow();
        assertThat(state.bindsUp()).isEqualTo(1);
        assertThat(state.windowInUse()).isZero();
        assertThat(h.smsc.bindAttempts()).hasSize(1);
    }

    @Test
    void aResponseThatNeverComesBreaksTheBindAndTheSegmentGoesAgainAfterReconnect() {
        h.smsc.answer(s -> s.messageId().equals("1") ? new TestSmsc.Answer.Withhold() : TestSmsc.Answer.OK);
        SmppHarness.Settings tune = h.tune();
        tune.responseTimeout = Duration.ofMillis(300);
        SmppChannel channel = h.bound(tune);

        SendResult result = h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "Hi"));

        assertThat(SmppHarness.acceptedId(result)).isEqualTo("2");
        assertThat(h.smsc.acknowledged(1)).containsExactly("2");
        assertThat(h.smsc.bindAttempts()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(channel.state().orElseThrow().lastError()).contains("no submit_sm_resp within 300 ms");
    }

    @Test
    void aRefusedBindReconnectsWithBackoffAndStateSaysWhy() {
        h.smsc.refuseBinds(0x0E);
        SmppHarness.Settings tune = h.tune();
        tune.reconnectMin = Duration.ofMillis(100);
        tune.reconnectMax = Duration.ofMillis(400);
        SmppChannel channel = h.open(tune);

        await().atMost(Duration.ofSeconds(10)).until(() -> h.smsc.bindAttempts().size() >= 5);

        List<Instant> at = h.smsc.bindAttempts();
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            gaps.add(Duration.between(at.get(i - 1), at.get(i)));
        }
        // 100, 200, 400, 400 ms, each less up to a fifth; uncapped, the fourth would be at least 640 ms.
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(75));
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(155));
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(315));
        assertThat(gaps.get(3)).as("capped at the maximum").isBetween(Duration.ofMillis(315), Duration.ofMillis(639));
        ChannelState state = channel.state().orElseThrow();
        assertThat(state.status()).isEqualTo("connecting");
        assertThat(state.bindsUp()).isZero();
        assertThat(state.bindsWanted()).isEqualTo(1);
        assertThat(state.lastError()).contains("carrier-a#1", "127.0.0.1:" + h.smsc.port(), "ESME_RINVPASWD");

        h.smsc.refuseBinds(null);

        await().atMost(Duration.ofSeconds(5)).until(() -> channel.state().orElseThrow().status().equals("bound"));
    }

    @Test
    void anIdleBindSendsEnquireLinkAtTheInterval() {
        SmppHarness.Settings tune = h.tune();
        tune.enquireLink = Duration.ofMillis(100);
        SmppChannel channel = h.bound(tune);
        long before = h.smsc.enquireLinks();

        await().atMost(Duration.ofSeconds(5)).until(() -> h.smsc.enquireLinks() >= before + 3);

        assertThat(channel.state().orElseThrow().status()).isEqualTo("bound");
        assertThat(h.smsc.bindAttempts()).hasSize(1);
    }

    @Test
    void closeDrainsTheWindowThenUnbinds() {
        h.smsc.answer(s -> new TestSmsc.Answer.Ok(Duration.ofMillis(300)));
        SmppChannel channel = h.bound(h.tune());
        CompletableFuture<SendResult> inFlight = sendAsync(channel,
                SmppHarness.message("+14155550100", "+447700900123", "Hi"));
        await().atMost(Duration.ofSeconds(5)).until(() -> h.smsc.submits().size() == 1);

        channel.close();

        assertThat(SmppHarness.acceptedId(inFlight.join())).isEqualTo("1");
        assertThat(h.smsc.acknowledged(1)).containsExactly("1");
        await().atMost(Duration.ofSeconds(5)).until(() -> h.smsc.boundSessions() == 0);
        assertThat(channel.state().orElseThrow().status()).isEqualTo("stopped");
        assertThat(h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "late")))
                .isInstanceOf(SendResult.RetryLater.class);
        assertThat(h.smsc.submits()).hasSize(1);
    }

    @Test
    void closeSendsNothingMoreWhileTheWindowDrains() {
        h.smsc.answer(s -> new TestSmsc.Answer.Ok(Duration.ofMillis(300)));
        SmppHarness.Settings tune = h.tune();
        tune.window = 1;
        SmppChannel channel = h.bound(tune);
        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sends.add(sendAsync(channel, SmppHarness.message("+14155550100", "+447700900123", "queued " + i)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> h.smsc.submits().size() == 1);

        channel.close();

        List<SendResult> results = sends.stream().map(CompletableFuture::join).toList();
        assertThat(results).filteredOn(r -> r instanceof SendResult.Accepted).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof SendResult.RetryLater).hasSize(2);
        assertThat(h.smsc.submits()).hasSize(1);
        assertThat(h.smsc.acknowledged(1)).containsExactly("1");
    }

    @Test
    void stateReportsBindsWindowAndRate() {
        SmppHarness.Settings tune = h.tune();
        tune.binds = 3;
        tune.window = 5;
        SmppChannel channel = h.bound(tune);

        for (int i = 0; i < 20; i++) {
            h.send(channel, SmppHarness.message("+14155550100", "+447700900123", "m" + i));
        }

        ChannelState state = channel.state().orElseThrow();
        assertThat(state.status()).isEqualTo("bound");
        assertThat(state.bindsUp()).isEqualTo(3);
        assertThat(state.bindsWanted()).isEqualTo(3);
        assertThat(state.windowSize()).isEqualTo(15);
        assertThat(state.windowInUse()).isZero();
        assertThat(state.receiptsPending()).isEqualTo(20);
        await().atMost(Duration.ofSeconds(3)).until(() -> channel.state().orElseThrow().submitsPerSecond() > 0);
        assertThat(h.smsc.submits().stream().map(TestSmsc.Submitted::sessionId).distinct().count())
                .as("spread over the binds, the roomiest first").isEqualTo(3);
    }
}
