package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.live.LiveEvent;
import dev.parley.core.error.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Tx.liveEvents()} and {@link Database#liveFeed()}: listeners hear what committed, in commit order, and nothing
 * of what rolled back.
 */
interface LiveFeedContract extends UsesDatabase {
    Duration BOUND = Duration.ofSeconds(20);

    /** What a listener heard, in order. */
    final class Heard {
        final List<LiveEvent> events = new CopyOnWriteArrayList<>();

        List<LiveEvent> changes() {
            return events.stream().filter(e -> !e.type().equals(LiveEvent.RESYNC)).toList();
        }

        List<String> sids() {
            return changes().stream().map(LiveEvent::sid).toList();
        }

        /** Waits until {@code marker} (published last) arrives: everything committed before it has arrived too. */
        void awaitMarker(String marker) {
            await().atMost(BOUND).until(() -> sids().contains(marker));
        }
    }

    default Heard listen(Database database) {
        Heard heard = new Heard();
        database.liveFeed().subscribe(heard.events::add);
        return heard;
    }

    static LiveEvent event(String conversation, String sid, long index) {
        return new LiveEvent("AC" + "0".repeat(32), conversation, LiveEvent.MESSAGE_ADDED, sid, index, "alice|bob");
    }

    default Conversation conversation() {
        Conversation c = new Conversation(Fixtures.sid("CH"), Fixtures.sid("AC"), Fixtures.sid("IS"), null, "Help",
                null, "{}", ConversationState.ACTIVE, Conversation.Timers.NONE, T0, T0);
        storage().writeVoid(tx -> tx.conversations().insert(c));
        return c;
    }

    /** Publishes a marker in a write of its own and waits for it. */
    default void flush(Heard heard) {
        String marker = Fixtures.sid("IM");
        storage().writeVoid(tx -> tx.liveEvents().publish(event("CHmarker", marker, -1)));
        heard.awaitMarker(marker);
    }

    @Test
    default void anEventArrivesWhole() {
        Heard heard = listen(db().database());
        LiveEvent sent = new LiveEvent(Fixtures.sid("AC"), Fixtures.sid("CH"), LiveEvent.PARTICIPANT_JOINED,
                Fixtures.sid("MB"), -1, "alice | the | admin");
        storage().writeVoid(tx -> tx.liveEvents().publish(sent));
        await().atMost(BOUND).until(() -> !heard.changes().isEmpty());
        assertThat(heard.changes()).containsExactly(sent);
        LiveEvent noIdentity = new LiveEvent(sent.accountSid(), sent.conversationSid(),
                LiveEvent.CONVERSATION_UPDATED, sent.conversationSid(), -1, null);
        storage().writeVoid(tx -> tx.liveEvents().publish(noIdentity));
        await().atMost(BOUND).until(() -> heard.changes().size() == 2);
        assertThat(heard.changes().get(1)).isEqualTo(noIdentity);
    }

    @Test
    default void concurrentWritesArriveInCommitOrder() throws Exception {
        Conversation c = conversation();
        Heard heard = listen(db().database());
        int writes = 200;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                // Each unit takes the next index and publishes it twice: commit order is index order.
                done.add(threads.submit(() -> storage().writeVoid(tx -> {
                    long index = tx.conversations().takeIndex(c.accountSid(), c.sid());
                    tx.liveEvents().publish(event(c.sid(), "first", index));
                    tx.liveEvents().publish(event(c.sid(), "second", index));
                })));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        await().atMost(BOUND).until(() -> heard.changes().size() == 2 * writes);
        List<LiveEvent> got = heard.changes();
        for (int i = 0; i < writes; i++) {
            assertThat(got.get(2 * i)).isEqualTo(event(c.sid(), "first", i));
            assertThat(got.get(2 * i + 1)).isEqualTo(event(c.sid(), "second", i));
        }
    }

    @Test
    default void aUnitThatThrowsPublishesNothingAndItsBatchMatesStillDo() throws Exception {
        Heard heard = listen(db().database());
        CountDownLatch writerBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // Hold the writer so that the next three units run as one batch.
            Future<?> blocker = threads.submit(() -> storage().writeVoid(tx -> {
                writerBusy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> first = threads.submit(() -> storage().writeVoid(tx ->
                    tx.liveEvents().publish(event("CH1", "kept-before", 0))));
            await().atMost(BOUND).until(() -> db().database().queuedWrites() == 1);
            Future<?> failing = threads.submit(() -> storage().writeVoid(tx -> {
                tx.liveEvents().publish(event("CH1", "doomed", 1));
                throw ApiException.badRequest(20001, "refused");
            }));
            await().atMost(BOUND).until(() -> db().database().queuedWrites() == 2);
            Future<?> last = threads.submit(() -> storage().writeVoid(tx -> {
                tx.liveEvents().publish(event("CH1", "kept-after", 2));
                try {
                    storage().writeVoid(inner -> {
                        inner.liveEvents().publish(event("CH1", "nested-doomed", 3));
                        throw ApiException.badRequest(20001, "refused");
                    });
                } catch (ApiException expected) {
                    // The nested write is rolled back; the unit goes on.
                }
                storage().writeVoid(inner -> inner.liveEvents().publish(event("CH1", "nested-kept", 4)));
            }));
            await().atMost(BOUND).until(() -> db().database().queuedWrites() == 3);
            release.countDown();
            blocker.get();
            first.get();
            assertThatThrownBy(failing::get).hasCauseInstanceOf(ApiException.class);
            last.get();
        }
        flush(heard);
        assertThat(heard.sids()).containsExactly("kept-before", "kept-after", "nested-kept",
                heard.sids().getLast());
    }

    @Test
    default void aLoneUnitThatThrowsPublishesNothing() {
        Heard heard = listen(db().database());
        assertThatThrownBy(() -> storage().writeVoid(tx -> {
            tx.liveEvents().publish(event("CH1", "doomed", 0));
            throw ApiException.badRequest(20001, "refused");
        })).isInstanceOf(ApiException.class);
        flush(heard);
        assertThat(heard.sids()).hasSize(1).doesNotContain("doomed");
    }

    @Test
    default void publishNowArrivesWithoutAWrite() {
        Heard heard = listen(db().database());
        LiveEvent typing = new LiveEvent(Fixtures.sid("AC"), Fixtures.sid("CH"), LiveEvent.TYPING,
                Fixtures.sid("MB"), -1, "alice");
        db().database().liveFeed().publishNow(typing);
        await().atMost(BOUND).until(() -> heard.changes().contains(typing));
    }

    @Test
    default void aReadTransactionCannotPublish() {
        assertThatThrownBy(() -> storage().read(tx -> {
            tx.liveEvents().publish(event("CH1", "x", 0));
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void aListenerThatThrowsDoesNotStopTheOthers() {
        db().database().liveFeed().subscribe(e -> {
            throw new IllegalStateException("listener bug");
        });
        Heard heard = listen(db().database());
        flush(heard);
        flush(heard);
        assertThat(heard.sids()).hasSize(2);
    }
}
