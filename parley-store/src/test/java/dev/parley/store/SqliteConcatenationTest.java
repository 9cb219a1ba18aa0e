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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reassembly over a real SQLite store, with the timeout driven by an adjustable clock. */
class SqliteConcatenationTest {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(Fixtures.T0, java.time.ZoneOffset.UTC));
    private final List<Assembled> delivered = new CopyOnWriteArrayList<>();
    private final List<Assembled> submitted = new CopyOnWriteArrayList<>();
    private final Concatenation concatenation = new Concatenation(new RandomIdGenerator(), clock,
            Duration.ofSeconds(60), List.of(recorder("MO", delivered), recorder("submit", submitted)));
    private final ConcatKey key = new ConcatKey(Fixtures.sid("AC"), "smpp:carrier-a", "+447700900123",
            "+14155550100", 42, 3);

    private static Concatenation.Completion recorder(String purpose, List<Assembled> into) {
        return new Concatenation.Completion() {
            @Override
            public String purpose() {
                return purpose;
            }

            @Override
            public void complete(Tx tx, Assembled message) {
                into.add(message);
            }
        };
    }

    private Added add(int seq, String text) {
        return db.database().write(tx -> concatenation.add(tx, key, seq, "MO", text, null));
    }

    @Test
    void partsInAnyOrderCompleteTheMessageInSeqOrderOnce() {
        assertThat(add(3, "c").status()).isEqualTo(Status.STORED);
        assertThat(add(1, "a").status()).isEqualTo(Status.STORED);
        assertThat(delivered).isEmpty();

        Added last = add(2, "b");

        assertThat(last.status()).isEqualTo(Status.COMPLETED);
        assertThat(last.message()).isEqualTo(new Assembled(key, "MO", "abc", List.of(), null));
        assertThat(delivered).containsExactly(last.message());
        assertThat(submitted).isEmpty();
        assertThat(parts((key))).extracting(ConcatPart::seq)
                .as("only the completion mark is left").containsExactly(0);
        assertThat(timeoutJobs()).as("one timeout job for the message").hasSize(1);
    }

    @Test
    void aRepeatedPartIsIgnoredBeforeAndAfterCompletion() {
        add(1, "a");
        assertThat(add(1, "a").status()).isEqualTo(Status.DUPLICATE);
        add(2, "b");
        add(3, "c");

        assertThat(add(3, "c").status()).isEqualTo(Status.DUPLICATE);
        assertThat(add(1, "a").status()).isEqualTo(Status.DUPLICATE);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void theTimeoutDeliversWhatCameWithAMarkForEachGap() {
        add(3, "c");
        add(1, "a");
        clock.advance(Duration.ofSeconds(59));
        assertThat(runDueTimeouts()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(runDueTimeouts()).isEqualTo(1);

        assertThat(delivered).containsExactly(new Assembled(key, "MO", "a" + Concatenation.GAP + "c", List.of(2),
                null));
        assertThat(parts((key))).isEmpty();
        assertThat(add(2, "b").status()).as("a part after the timeout starts over").isEqualTo(Status.STORED);
    }

    @Test
    void theTimeoutOfACompletedMessageClearsItsMarkAndDeliversNothing() {
        add(1, "a");
        add(2, "b");
        add(3, "c");
        clock.advance(Duration.ofSeconds(60));

        assertThat(runDueTimeouts()).isEqualTo(1);

        assertThat(delivered).hasSize(1);
        assertThat(parts((key))).isEmpty();
    }

    @Test
    void eachPurposeGoesToItsOwnCompletionWithItsContext() {
        ConcatKey submitKey = new ConcatKey(key.accountSid(), "client-1", "+14155550100", "+447700900123", 5, 2);
        db.database().writeVoid(tx -> concatenation.add(tx, submitKey, 2, "submit", "world", "{\"p\":2}"));
        db.database().writeVoid(tx -> concatenation.add(tx, submitKey, 1, "submit", "hello ", "{\"p\":1}"));

        assertThat(submitted).containsExactly(new Assembled(submitKey, "submit", "hello world", List.of(),
                "{\"p\":1}"));
        assertThat(delivered).isEmpty();
    }

    @Test
    void aPartWithoutACompletionForItsPurposeOrOutOfRangeIsRefused() {
        assertThatThrownBy(() -> db.database().write(tx -> concatenation.add(tx, key, 1, "fax", "a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fax");
        assertThatThrownBy(() -> db.database().write(tx -> concatenation.add(tx, key, 4, "MO", "a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Part 4");
        assertThat(parts((key))).isEmpty();
    }

    @Test
    void aCompletionThatThrowsUndoesTheLastPart() {
        Concatenation failing = new Concatenation(new RandomIdGenerator(), clock, Duration.ofSeconds(60),
                List.of(new Concatenation.Completion() {
                    @Override
                    public String purpose() {
                        return "MO";
                    }

                    @Override
                    public void complete(Tx tx, Assembled message) {
                        throw new IllegalStateException("store down");
                    }
                }));
        ConcatKey two = new ConcatKey(key.accountSid(), key.channel(), key.from(), key.to(), 1, 2);
        db.database().writeVoid(tx -> failing.add(tx, two, 1, "MO", "a", null));

        assertThatThrownBy(() -> db.database().write(tx -> failing.add(tx, two, 2, "MO", "b", null)))
                .hasMessageContaining("store down");

        assertThat(parts((two))).extracting(ConcatPart::text)
                .containsExactly("a");
    }

    private List<ConcatPart> parts(ConcatKey k) {
        return db.database().read(tx -> tx.concatParts().parts(k));
    }

    private List<Job> timeoutJobs() {
        return db.database().read(tx -> tx.jobs().due(clock.instant().plus(Duration.ofDays(1)), 100)).stream()
                .filter(j -> j.kind().equals(Concatenation.KIND)).toList();
    }

    /** Applies the timeout jobs due now, as the runner's claim would; returns how many ran. */
    private int runDueTimeouts() {
        return db.database().write(tx -> {
            int ran = 0;
            for (Job job : tx.jobs().due(clock.instant(), 100)) {
                if (job.kind().equals(Concatenation.KIND)) {
                    assertThat(concatenation.apply(tx, job)).isEqualTo(JobOutcome.DONE);
                    tx.jobs().complete(job.id());
                    ran++;
                }
            }
            return ran;
        });
    }
}
