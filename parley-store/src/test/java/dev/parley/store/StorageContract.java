package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.error.ApiException;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.tx.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Group commit, isolation of failing units, visibility and durability of {@link Database}. */
interface StorageContract extends UsesDatabase {

    private List<Message> messagesOf(String accountSid) {
        return storage().read(tx -> tx.messages().list(accountSid, MessageFilter.ALL, PageRequest.first(1000))).items();
    }

    @Test
    default void concurrentWritesFromVirtualThreadsAllCommit() throws Exception {
        String account = Fixtures.sid("AC");
        List<Future<Message>> writes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                Message m = Fixtures.message(account, T0.plusMillis(i));
                writes.add(threads.submit(() -> storage().write(tx -> {
                    tx.messages().insert(m);
                    return m;
                })));
            }
        }
        List<String> written = new ArrayList<>();
        for (Future<Message> w : writes) {
            written.add(w.get().sid());
        }
        assertThat(messagesOf(account)).extracting(Message::sid).containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    default void aFailingUnitRollsBackOnlyItselfAndItsCallerGetsItsException() throws Exception {
        String account = Fixtures.sid("AC");
        Message survivorBefore = Fixtures.message(account, T0);
        Message doomed = Fixtures.message(account, T0.plusMillis(1));
        Message survivorAfter = Fixtures.message(account, T0.plusMillis(2));
        ApiException refusal = ApiException.badRequest(21610, "Attempt to send to unsubscribed recipient");
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // Hold the writer so that the next three units are queued and run as one batch.
            Future<?> blocker = holdWriter(threads, release);
            Future<?> first = threads.submit(() -> storage().writeVoid(tx -> tx.messages().insert(survivorBefore)));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == 1);
            Future<?> failing = threads.submit(() -> storage().writeVoid(tx -> {
                tx.messages().insert(doomed);
                throw refusal;
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == 2);
            Future<?> last = threads.submit(() -> storage().writeVoid(tx -> tx.messages().insert(survivorAfter)));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == 3);
            release.countDown();

            blocker.get();
            first.get();
            last.get();
            assertThatThrownBy(failing::get).cause().isSameAs(refusal);
        }
        assertThat(messagesOf(account)).extracting(Message::sid)
                .containsExactlyInAnyOrder(survivorBefore.sid(), survivorAfter.sid());
    }

    @Test
    default void aUnitFailingInTheDatabaseLeavesTheOthersOfItsBatchCommitted() throws Exception {
        String account = Fixtures.sid("AC");
        Message existing = Fixtures.message(account, T0);
        storage().writeVoid(tx -> tx.messages().insert(existing));
        Message other = Fixtures.message(account, T0.plusMillis(1));
        Message later = Fixtures.message(account, T0.plusMillis(2));
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            holdWriter(threads, release);
            Future<?> duplicate = threads.submit(() -> storage().writeVoid(tx -> {
                tx.messages().insert(other);
                tx.messages().insert(existing);
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == 1);
            Future<?> fine = threads.submit(() -> storage().writeVoid(tx -> tx.messages().insert(later)));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == 2);
            release.countDown();
            fine.get();
            assertThatThrownBy(duplicate::get).cause().isInstanceOf(DataAccessException.class);
        }
        assertThat(messagesOf(account)).extracting(Message::sid)
                .containsExactlyInAnyOrder(existing.sid(), later.sid());
    }

    /**
     * The writer keeps its prepared statements (and its savepoint statements) for the life of its connection:
     * units that fail in the database, and nested writes that fail, inside batches, must leave them usable.
     */
    @Test
    default void cachedStatementsSurviveFailingAndNestedUnitsAcrossBatches() throws Exception {
        String account = Fixtures.sid("AC");
        Message existing = Fixtures.message(account, T0);
        Storage storage = storage();
        storage.writeVoid(tx -> tx.messages().insert(existing));
        List<Message> kept = new ArrayList<>(List.of(existing));
        List<Message> updated = new ArrayList<>();
        List<Message> dropped = new ArrayList<>();
        int jobs = 0;
        int units = 40;
        for (int round = 0; round < 3; round++) {
            CountDownLatch release = new CountDownLatch(1);
            List<Future<?>> fine = new ArrayList<>();
            List<Future<?>> duplicates = new ArrayList<>();
            List<Future<?>> refused = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                holdWriter(threads, release);
                for (int i = 0; i < units; i++) {
                    Message m = Fixtures.message(account, T0.plusMillis(round * 1000L + i + 1));
                    switch (i % 4) {
                        case 0 -> {
                            dropped.add(m);
                            duplicates.add(threads.submit(() -> storage.writeVoid(tx -> {
                                tx.messages().insert(m);
                                tx.messages().insert(existing);
                            })));
                        }
                        case 1 -> {
                            Message inner = Fixtures.message(account, T0.plusMillis(round * 1000L + i + 500));
                            kept.add(m);
                            dropped.add(inner);
                            jobs++;
                            fine.add(threads.submit(() -> storage.writeVoid(tx -> {
                                tx.messages().insert(m);
                                try {
                                    storage.writeVoid(nested -> {
                                        nested.messages().insert(inner);
                                        throw ApiException.badRequest(21211, "invalid");
                                    });
                                } catch (ApiException expected) {
                                    // Only the nested write is rolled back.
                                }
                                tx.jobs().enqueue(Fixtures.job(account, T0));
                            })));
                        }
                        case 2 -> {
                            Message inner = Fixtures.message(account, T0.plusMillis(round * 1000L + i + 500));
                            dropped.add(m);
                            dropped.add(inner);
                            refused.add(threads.submit(() -> storage.writeVoid(tx -> {
                                tx.messages().insert(m);
                                try {
                                    storage.writeVoid(nested -> {
                                        nested.messages().insert(inner);
                                        throw ApiException.badRequest(21211, "invalid");
                                    });
                                } catch (ApiException expected) {
                                    // The nested write is rolled back; then the unit fails too.
                                }
                                throw ApiException.forbidden("no");
                            })));
                        }
                        default -> {
                            Message queued = m.moveTo(MessageStatus.QUEUED, T0.plusSeconds(1));
                            updated.add(queued);
                            fine.add(threads.submit(() -> storage.writeVoid(tx -> {
                                tx.messages().insert(m);
                                tx.messages().update(queued);
                            })));
                        }
                    }
                }
                // Held back by the first unit, the others run as one batch once it returns.
                await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == units);
                release.countDown();
                for (Future<?> f : fine) {
                    f.get();
                }
                for (Future<?> f : duplicates) {
                    assertThatThrownBy(f::get).cause().isInstanceOf(DataAccessException.class);
                }
                for (Future<?> f : refused) {
                    assertThatThrownBy(f::get).cause().isInstanceOf(ApiException.class);
                }
            }
            // A lone unit failing in the database rolls back the whole transaction; the statements go on.
            assertThatThrownBy(() -> storage.writeVoid(tx -> tx.messages().insert(existing)))
                    .isInstanceOf(DataAccessException.class);
        }
        kept.addAll(updated);
        assertThat(messagesOf(account)).extracting(Message::sid)
                .containsExactlyInAnyOrderElementsOf(kept.stream().map(Message::sid).toList());
        for (Message m : updated) {
            Optional<Message> found = storage.read(tx -> tx.messages().find(account, m.sid()));
            assertThat(found).contains(m);
        }
        for (Message m : dropped) {
            Optional<Message> found = storage.read(tx -> tx.messages().find(account, m.sid()));
            assertThat(found).isEmpty();
        }
        long pending = storage.read(tx -> tx.jobs().countPending());
        assertThat(pending).isEqualTo(jobs);
    }

    @Test
    default void aLoneFailingUnitCommitsNothing() {
        String account = Fixtures.sid("AC");
        ApiException refusal = ApiException.notFound("/Messages/SMx.json");
        assertThatThrownBy(() -> storage().writeVoid(tx -> {
            tx.messages().insert(Fixtures.message(account, T0));
            tx.jobs().enqueue(Fixtures.job(account, T0));
            throw refusal;
        })).isSameAs(refusal);
        assertThat(messagesOf(account)).isEmpty();
        long pending = storage().read(tx -> tx.jobs().countPending());
        assertThat(pending).isZero();
    }

    @Test
    default void aWriteInsideAWriteRunsInlineInTheSameTransaction() {
        String account = Fixtures.sid("AC");
        Message outer = Fixtures.message(account, T0);
        Message inner = Fixtures.message(account, T0.plusMillis(1));
        Message abandoned = Fixtures.message(account, T0.plusMillis(2));
        Storage storage = storage();
        String seen = storage.write(tx -> {
            tx.messages().insert(outer);
            storage.writeVoid(nested -> nested.messages().insert(inner));
            try {
                storage.writeVoid(nested -> {
                    nested.messages().insert(abandoned);
                    throw ApiException.badRequest(21211, "invalid");
                });
            } catch (ApiException expected) {
                // The nested unit is rolled back; the outer one goes on.
            }
            return storage.read(r -> r.messages().find(account, inner.sid())).orElseThrow().sid();
        });
        assertThat(seen).isEqualTo(inner.sid());
        assertThat(messagesOf(account)).extracting(Message::sid).containsExactlyInAnyOrder(outer.sid(), inner.sid());
    }

    @Test
    default void aReadStartedAfterAWriteReturnedSeesIt() throws Exception {
        String account = Fixtures.sid("AC");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Message m = Fixtures.message(account, T0.plusMillis(i));
                checks.add(threads.submit(() -> {
                    storage().writeVoid(tx -> tx.messages().insert(m));
                    return storage().read(tx -> tx.messages().find(account, m.sid())).isPresent();
                }));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        }
    }

    /**
     * An after-commit action runs once its unit committed, before the write returns, and sees what it wrote; the
     * actions of a unit that fails in a batch, or of a nested write that fails, never run.
     */
    @Test
    default void afterCommitActionsRunOnceTheirUnitCommittedAndNeverForWorkRolledBack() throws Exception {
        String account = Fixtures.sid("AC");
        Message kept = Fixtures.message(account, T0);
        Message doomed = Fixtures.message(account, T0.plusMillis(1));
        Message alone = Fixtures.message(account, T0.plusMillis(2));
        List<String> ran = new CopyOnWriteArrayList<>();
        Storage storage = storage();
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // Hold the writer so that the next two units run as one batch.
            Future<?> blocker = holdWriter(threads, release);
            Future<?> committed = threads.submit(() -> storage.writeVoid(tx -> {
                tx.messages().insert(kept);
                tx.afterCommit(() -> ran.add("kept, visible: "
                        + storage.read(r -> r.messages().find(account, kept.sid())).isPresent()));
                try {
                    storage.writeVoid(nested -> {
                        nested.afterCommit(() -> ran.add("nested, rolled back"));
                        throw ApiException.badRequest(21211, "invalid");
                    });
                } catch (ApiException expected) {
                    // The nested write is rolled back with its action; the unit goes on.
                }
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == 1);
            Future<?> failing = threads.submit(() -> storage.writeVoid(tx -> {
                tx.messages().insert(doomed);
                tx.afterCommit(() -> ran.add("doomed"));
                throw ApiException.forbidden("no");
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().database().queuedWrites() == 2);
            release.countDown();
            blocker.get();
            committed.get();
            assertThat(ran).as("run before the write returned").containsExactly("kept, visible: true");
            assertThatThrownBy(failing::get).cause().isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> storage.writeVoid(tx -> {
            tx.messages().insert(alone);
            tx.afterCommit(() -> ran.add("alone"));
            throw ApiException.forbidden("no");
        })).isInstanceOf(ApiException.class);
        assertThat(ran).containsExactly("kept, visible: true");
        assertThat(messagesOf(account)).extracting(Message::sid).containsExactly(kept.sid());
    }

    @Test
    default void jobsCommittedListenersRunAfterCommitsThatEnqueued() {
        String account = Fixtures.sid("AC");
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger visibleAtCall = new AtomicInteger();
        storage().onJobsCommitted(() -> {
            calls.incrementAndGet();
            visibleAtCall.set((int) (long) storage().read(tx -> tx.jobs().countPending()));
        });
        storage().writeVoid(tx -> tx.messages().insert(Fixtures.message(account, T0)));
        assertThat(calls).hasValue(0);

        storage().writeVoid(tx -> tx.jobs().enqueue(Fixtures.job(account, T0)));
        assertThat(calls).hasValue(1);
        assertThat(visibleAtCall).hasValue(1);

        assertThatThrownBy(() -> storage().writeVoid(tx -> {
            tx.jobs().enqueue(Fixtures.job(account, T0));
            throw ApiException.forbidden("no");
        })).isInstanceOf(ApiException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    default void committedDataSurvivesCloseAndReopen() {
        String account = Fixtures.sid("AC");
        Message m = Fixtures.fullMessage(account);
        storage().writeVoid(tx -> {
            tx.messages().insert(m);
            tx.jobs().enqueue(Fixtures.job(account, T0));
        });
        Database reopened = db().reopen();
        Optional<Message> found = reopened.read(tx -> tx.messages().find(account, m.sid()));
        long pending = reopened.read(tx -> tx.jobs().countPending());
        assertThat(found).contains(m);
        assertThat(pending).isEqualTo(1);
    }

    @Test
    default void writesAfterCloseAreRefused() {
        Database database = db().database();
        database.close();
        assertThatThrownBy(() -> database.writeVoid(tx -> tx.jobs().countPending()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        database.close();
    }

    /**
     * Holds the writer in a unit of its own until {@code release} opens, so that the units queued meanwhile run as one
     * batch; returns once the writer is held, with the holding write.
     */
    private Future<?> holdWriter(ExecutorService threads, CountDownLatch release) throws InterruptedException {
        CountDownLatch writerBusy = new CountDownLatch(1);
        Future<?> holding = threads.submit(() -> storage().writeVoid(tx -> {
            writerBusy.countDown();
            awaitQuietly(release);
        }));
        assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
        return holding;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
