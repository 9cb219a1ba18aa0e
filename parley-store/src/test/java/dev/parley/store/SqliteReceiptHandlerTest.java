package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.ReceiptHandler;
import dev.parley.core.message.StatusCallbacks;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.queue.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receipt is stored as a {@code message.receipt} job, applied where the job runner claims it, never in the
 * transaction that reports it, and due no sooner than 50 ms after its message became {@code sent}: {@code sent}'s
 * callbacks go out before {@code delivered}'s (ADR 0019).
 */
class SqliteReceiptHandlerTest {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();
    private final Clock clock = Clock.systemUTC();
    private final ReceiptHandler receipts = new ReceiptHandler(null, new StatusCallbacks(new RandomIdGenerator(),
            clock, 3), new RandomIdGenerator(), clock);

    private Message stored(MessageStatus status) {
        Instant now = clock.instant();
        Message m = Fixtures.message("AC" + "a".repeat(32), now).moveTo(MessageStatus.QUEUED, now)
                .moveTo(MessageStatus.SENDING, now);
        Message at = status == MessageStatus.SENDING ? m : m.moveTo(status, now);
        db.database().writeVoid(tx -> tx.messages().insert(at));
        return at;
    }

    private void report(Message m, MessageStatus status, Instant applyAt) {
        db.database().writeVoid(tx -> receipts.enqueue(tx, new ReceiptSink.Receipt(m.accountSid(), m.sid(), status,
                null, clock.instant(), applyAt)));
    }

    private MessageStatus status(Message m) {
        return db.database().read(tx -> tx.messages().find(m.accountSid(), m.sid())).orElseThrow().status();
    }

    private List<Job> receiptJobs() {
        return db.database().read(tx -> tx.jobs().due(Instant.now().plus(Duration.ofDays(1)), 100)).stream()
                .filter(j -> j.kind().equals(ReceiptHandler.KIND)).toList();
    }

    @Test
    void aReceiptDueNowForAMessageJustSentWaitsAsAJobUntilSentHadItsHeadStart() {
        Message m = stored(MessageStatus.SENT);

        report(m, MessageStatus.DELIVERED, clock.instant());

        assertThat(status(m)).isEqualTo(MessageStatus.SENT);
        assertThat(receiptJobs()).singleElement().satisfies(j -> {
            assertThat(j.payload()).contains(m.sid(), "delivered");
            assertThat(j.runAt()).isAfterOrEqualTo(m.dateUpdated().truncatedTo(ChronoUnit.MICROS).plusMillis(50));
        });
    }

    @Test
    void aReceiptForAMessageSentLongAgoIsDueWhenItSays() {
        Instant now = clock.instant();
        Instant then = now.minusSeconds(600);
        Message m = Fixtures.message("AC" + "a".repeat(32), then).moveTo(MessageStatus.QUEUED, then)
                .moveTo(MessageStatus.SENDING, then).moveTo(MessageStatus.SENT, then);
        db.database().writeVoid(tx -> tx.messages().insert(m));

        report(m, MessageStatus.DELIVERED, now);

        assertThat(receiptJobs()).singleElement().satisfies(j -> assertThat(j.runAt()).isEqualTo(
                now.truncatedTo(ChronoUnit.MICROS)));
    }
}
