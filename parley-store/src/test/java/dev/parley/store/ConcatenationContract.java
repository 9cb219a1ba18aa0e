package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.inbound.ConcatKey;
import dev.parley.core.inbound.ConcatPart;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.inbound.Concatenation.Added;
import dev.parley.core.inbound.Concatenation.Assembled;
import dev.parley.core.inbound.Concatenation.Status;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.tx.Tx;
import dev.parley.testing.AdjustableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Reassembly over a real store, the timeout driven by an adjustable clock; run on SQLite and PostgreSQL. */
interface ConcatenationContract extends UsesDatabase {

    /** What one test works with: its clock, its reassembly, what each purpose's completion received. */
    final class World {
        final AdjustableClock clock = new AdjustableClock(Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        final List<Assembled> delivered = new CopyOnWriteArrayList<>();
        final List<Assembled> submitted = new CopyOnWriteArrayList<>();
        final Concatenation concatenation = new Concatenation(new RandomIdGenerator(), clock, Duration.ofSeconds(60),
                List.of(recorder("MO", delivered), recorder("submit", submitted)));
        final ConcatKey key = new ConcatKey(Fixtures.sid("AC"), "smpp:carrier-a", "+447700900123", "+14155550100",
                42, 3);

        private static Concatenation.Completion recorder(String purpose, List<Assembled> into) {
            return completion(purpose, (tx, message) -> into.add(message));
        }
    }

    private static Concatenation.Completion completion(String purpose,
            java.util.function.BiConsumer<Tx, Assembled> action) {
        return new Concatenation.Completion() {
            @Override
            public String purpose() {
                return purpose;
            }

            @Override
            public void complete(Tx tx, Assembled message) {
                action.accept(tx, message);
            }
        };
    }

    private Added add(World w, int seq, String text) {
        return storage().write(tx -> w.concatenation.add(tx, w.key, seq, "MO", text, null));
    }

    private List<ConcatPart> parts(ConcatKey key) {
        return storage().read(tx -> tx.concatParts().parts(key));
    }

    /** Applies the timeout jobs due now, as the runner's claim would; returns how many ran. */
    private int runDueTimeouts(World w) {
        return storage().write(tx -> {
            int ran = 0;
            for (Job job : tx.jobs().due(w.clock.instant(), 100)) {
                if (job.kind().equals(Concatenation.KIND)) {
                    assertThat(w.concatenation.apply(tx, job)).isEqualTo(JobOutcome.DONE);
                    tx.jobs().complete(job.id());
                    ran++;
                }
            }
            return ran;
        });
    }

    @Test
    default void partsInAnyOrderCompleteTheMessageInSeqOrderOnce() {
        World w = new World();
        assertThat(add(w, 3, "c").status()).isEqualTo(Status.STORED);
        assertThat(add(w, 1, "a").status()).isEqualTo(Status.STORED);
        assertThat(w.delivered).isEmpty();

        Added last = add(w, 2, "b");

        assertThat(last.status()).isEqualTo(Status.COMPLETED);
        assertThat(last.message()).isEqualTo(new Assembled(w.key, "MO", "abc", List.of(), null));
        assertThat(w.delivered).containsExactly(last.message());
        assertThat(w.submitted).isEmpty();
        assertThat(parts(w.key)).extracting(ConcatPart::seq).as("only the completion mark is left")
                .containsExactly(0);
        List<Job> timeouts = storage().read(tx -> tx.jobs().due(w.clock.instant().plus(Duration.ofDays(1)), 100))
                .stream().filter(j -> j.kind().equals(Concatenation.KIND)).toList();
        assertThat(timeouts).as("one timeout job for the message, due after the timeout").singleElement()
                .satisfies(j -> assertThat(j.runAt()).isEqualTo(Fixtures.T0.plusSeconds(60)));
    }

    @Test
    default void aRepeatedPartIsIgnoredBeforeAndAfterCompletion() {
        World w = new World();
        add(w, 1, "a");
        assertThat(add(w, 1, "a").status()).isEqualTo(Status.DUPLICATE);
        add(w, 2, "b");
        add(w, 3, "c");

        assertThat(add(w, 3, "c").status()).isEqualTo(Status.DUPLICATE);
        assertThat(add(w, 1, "a").status()).isEqualTo(Status.DUPLICATE);
        assertThat(w.delivered).hasSize(1);
    }

    @Test
    default void theTimeoutDeliversWhatCameWithAMarkForEachGap() {
        World w = new World();
        add(w, 3, "c");
        add(w, 1, "a");
        w.clock.advance(Duration.ofSeconds(59));
        assertThat(runDueTimeouts(w)).isZero();

        w.clock.advance(Duration.ofSeconds(1));
        assertThat(runDueTimeouts(w)).isEqualTo(1);

        assertThat(w.delivered).containsExactly(new Assembled(w.key, "MO", "a" + Concatenation.GAP + "c",
                List.of(2), null));
        assertThat(parts(w.key)).isEmpty();
        assertThat(add(w, 2, "b").status()).as("a part after the timeout starts over").isEqualTo(Status.STORED);
    }

    @Test
    default void theTimeoutOfACompletedMessageClearsItsMarkAndDeliversNothing() {
        World w = new World();
        add(w, 1, "a");
        add(w, 2, "b");
        add(w, 3, "c");
        w.clock.advance(Duration.ofSeconds(60));

        assertThat(runDueTimeouts(w)).isEqualTo(1);

        assertThat(w.delivered).hasSize(1);
        assertThat(parts(w.key)).isEmpty();
    }

    @Test
    default void eachPurposeGoesToItsOwnCompletionWithItsContext() {
        World w = new World();
        ConcatKey submitKey = new ConcatKey(w.key.accountSid(), "client-1", "+14155550100", "+447700900123", 5, 2);
        storage().writeVoid(tx -> w.concatenation.add(tx, submitKey, 2, "submit", "world", "{\"p\":2}"));
        storage().writeVoid(tx -> w.concatenation.add(tx, submitKey, 1, "submit", "hello ", "{\"p\":1}"));

        assertThat(w.submitted).containsExactly(new Assembled(submitKey, "submit", "hello world", List.of(),
                "{\"p\":1}"));
        assertThat(w.delivered).isEmpty();
    }

    @Test
    default void aPartWithoutACompletionForItsPurposeOrOutOfRangeIsRefused() {
        World w = new World();
        assertThatThrownBy(() -> storage().write(tx -> w.concatenation.add(tx, w.key, 1, "fax", "a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fax");
        assertThatThrownBy(() -> storage().write(tx -> w.concatenation.add(tx, w.key, 4, "MO", "a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Part 4");
        assertThat(parts(w.key)).isEmpty();
    }

    @Test
    default void aCompletionThatThrowsUndoesTheLastPart() {
        World w = new World();
        Concatenation failing = new Concatenation(new RandomIdGenerator(), w.clock, Duration.ofSeconds(60),
                List.of(completion("MO", (tx, message) -> {
                    throw new IllegalStateException("store down");
                })));
        ConcatKey two = new ConcatKey(w.key.accountSid(), w.key.channel(), w.key.from(), w.key.to(), 1, 2);
        storage().writeVoid(tx -> failing.add(tx, two, 1, "MO", "a", null));

        assertThatThrownBy(() -> storage().write(tx -> failing.add(tx, two, 2, "MO", "b", null)))
                .hasMessageContaining("store down");

        assertThat(parts(two)).extracting(ConcatPart::text).containsExactly("a");
    }
}
