package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.ReceiptHandler;
import dev.parley.core.message.StatusCallbacks;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.queue.Job;
import dev.parley.core.webhook.WebhookJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A receipt due now for a message that can take it moves the message in the transaction that reports it, its callback
 * due no sooner than 50 ms after the message became {@code sent} ({@code sent}'s callbacks go out first, ADR 0019).
 * Any other receipt is stored as a {@code message.receipt} job, applied where the job runner claims it. Within
 * {@link StatusCallbacks#together}, the callback goes in {@code sent}'s job instead (ADR 0038).
 */
class SqliteReceiptHandlerTest {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();
    private final Clock clock = Clock.systemUTC();
    private final StatusCallbacks callbacks = new StatusCallbacks(new RandomIdGenerator(), clock, 3);
    private final ReceiptHandler receipts = new ReceiptHandler(null, callbacks, new RandomIdGenerator(), clock);

    /** A message with a status callback, moved to {@code status} at {@code at}. */
    private Message stored(MessageStatus status, Instant at) {
        Message m = new Message(Fixtures.sid("SM"), "AC" + "a".repeat(32), null, "+14155550100", "+14155550199",
                "Hello", List.of(), 1, Direction.OUTBOUND_API, MessageStatus.ACCEPTED, null, null, null, null, "sms",
                null, new Message.StatusCallback("https://example.com/status", "POST"), at, at, null)
                .moveTo(MessageStatus.QUEUED, at).moveTo(MessageStatus.SENDING, at);
        Message moved = m;
        for (MessageStatus next : List.of(MessageStatus.SENT, MessageStatus.DELIVERED)) {
            if (moved.status() == status) {
                break;
            }
            moved = moved.moveTo(next, at);
        }
        Message row = moved;
        db.database().writeVoid(tx -> tx.messages().insert(row));
        return row;
    }

    private void report(Message m, MessageStatus status, Instant applyAt) {
        db.database().writeVoid(tx -> receipts.enqueue(tx, new ReceiptSink.Receipt(m.accountSid(), m.sid(), status,
                null, clock.instant(), applyAt)));
    }

    private MessageStatus status(Message m) {
        return db.database().read(tx -> tx.messages().find(m.accountSid(), m.sid())).orElseThrow().status();
    }

    private List<Job> jobs(String kind) {
        return db.database().read(tx -> tx.jobs().due(Instant.now().plus(Duration.ofDays(1)), 100)).stream()
                .filter(j -> j.kind().equals(kind)).toList();
    }

    @Test
    void aReceiptDueNowForAMessageJustSentMovesItAtOnceAndItsCallbackWaitsForSentsHeadStart() {
        Message m = stored(MessageStatus.SENT, clock.instant());

        report(m, MessageStatus.DELIVERED, clock.instant());

        assertThat(status(m)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(jobs(ReceiptHandler.KIND)).isEmpty();
        assertThat(jobs(WebhookJob.KIND)).singleElement().satisfies(j -> {
            assertThat(j.payload()).contains(m.sid(), "delivered");
            assertThat(j.runAt()).isAfterOrEqualTo(m.dateUpdated().truncatedTo(ChronoUnit.MICROS).plusMillis(50));
        });
    }

    @Test
    void aReceiptAppliedWhereSentIsStoredGoesOutInSentsJobAfterIt() {
        Message sending = stored(MessageStatus.SENDING, clock.instant());
        Instant before = clock.instant();

        // As the dispatcher stores an SMPP send whose receipt overtook the segment's commit (ADR 0038).
        db.database().writeVoid(tx -> callbacks.together(tx, sending.sid(), () -> {
            Message sent = sending.moveTo(MessageStatus.SENT, clock.instant());
            tx.messages().updateStatus(sent);
            callbacks.enqueue(tx, List.of(sending, sent), null);
            receipts.enqueue(tx, new ReceiptSink.Receipt(sending.accountSid(), sending.sid(), MessageStatus.DELIVERED,
                    null, clock.instant(), clock.instant()));
        }));

        assertThat(status(sending)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(jobs(ReceiptHandler.KIND)).isEmpty();
        assertThat(jobs(WebhookJob.KIND)).singleElement().satisfies(j -> {
            List<String> posted = new ArrayList<>();
            for (WebhookJob hook = WebhookJob.fromJson(j.payload()); hook != null; hook = hook.then()) {
                posted.add(hook.params().get("MessageStatus").getFirst());
            }
            assertThat(posted).containsExactly("sending", "sent", "delivered");
            assertThat(j.runAt()).as("due at once: the chain keeps the order")
                    .isBetween(before.truncatedTo(ChronoUnit.MICROS), clock.instant());
        });
    }

    @Test
    void aReceiptAppliedWhereSentIsStoredKeepsWhatSentWrote() {
        Message sending = stored(MessageStatus.SENDING, clock.instant());

        db.database().writeVoid(tx -> callbacks.together(tx, sending.sid(), () -> {
            Message sent = sending.moveTo(MessageStatus.SENT, clock.instant()).withProviderId("4711")
                    .withPrice(new BigDecimal("-0.00790"), "USD");
            tx.messages().updateStatus(sent);
            callbacks.enqueue(tx, List.of(sending, sent), null);
            receipts.enqueue(tx, new ReceiptSink.Receipt(sending.accountSid(), sending.sid(), MessageStatus.DELIVERED,
                    null, clock.instant(), clock.instant()));
        }));

        Message delivered = db.database().read(tx -> tx.messages().find(sending.accountSid(), sending.sid()))
                .orElseThrow();
        assertThat(delivered.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(delivered.providerId()).isEqualTo("4711");
        assertThat(delivered.price()).isEqualByComparingTo("-0.00790");
        assertThat(delivered.body()).isEqualTo("Hello");
    }

    @Test
    void aReceiptNamingAnotherAccountChangesNothingWhereSentIsStored() {
        Message sending = stored(MessageStatus.SENDING, clock.instant());

        db.database().writeVoid(tx -> callbacks.together(tx, sending.sid(), () -> {
            Message sent = sending.moveTo(MessageStatus.SENT, clock.instant());
            tx.messages().updateStatus(sent);
            callbacks.enqueue(tx, List.of(sending, sent), null);
            receipts.enqueue(tx, new ReceiptSink.Receipt("AC" + "b".repeat(32), sending.sid(),
                    MessageStatus.DELIVERED, null, clock.instant(), clock.instant()));
        }));

        assertThat(status(sending)).isEqualTo(MessageStatus.SENT);
        assertThat(jobs(WebhookJob.KIND)).singleElement().satisfies(j -> assertThat(j.payload())
                .doesNotContain("delivered"));
    }

    @Test
    void aReceiptForAMessageSentLongAgoMovesItWithItsCallbackDueNow() {
        Message m = stored(MessageStatus.SENT, clock.instant().minusSeconds(600));
        Instant before = clock.instant();

        report(m, MessageStatus.UNDELIVERED, before);

        assertThat(status(m)).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(jobs(ReceiptHandler.KIND)).isEmpty();
        assertThat(jobs(WebhookJob.KIND)).singleElement().satisfies(j -> {
            assertThat(j.payload()).contains("undelivered");
            assertThat(j.runAt()).isBetween(before.truncatedTo(ChronoUnit.MICROS), clock.instant());
        });
    }

    @Test
    void aReceiptForAMessageStillSendingWaitsAsAJob() {
        Message m = stored(MessageStatus.SENDING, clock.instant());
        Instant now = clock.instant();

        report(m, MessageStatus.DELIVERED, now);

        assertThat(status(m)).isEqualTo(MessageStatus.SENDING);
        assertThat(jobs(WebhookJob.KIND)).isEmpty();
        assertThat(jobs(ReceiptHandler.KIND)).singleElement().satisfies(j -> assertThat(j.runAt())
                .isEqualTo(now.truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void aReceiptDueLaterIsAJobDueThen() {
        Message m = stored(MessageStatus.SENT, clock.instant().minusSeconds(600));
        Instant later = clock.instant().plusSeconds(30);

        report(m, MessageStatus.DELIVERED, later);

        assertThat(status(m)).isEqualTo(MessageStatus.SENT);
        assertThat(jobs(ReceiptHandler.KIND)).singleElement().satisfies(j -> assertThat(j.runAt())
                .isEqualTo(later.truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void aRepeatedOrLateReceiptChangesNothingAndLeavesNoJob() {
        Message m = stored(MessageStatus.DELIVERED, clock.instant().minusSeconds(600));

        report(m, MessageStatus.DELIVERED, clock.instant());
        report(m, MessageStatus.SENT, clock.instant());

        assertThat(status(m)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(jobs(ReceiptHandler.KIND)).isEmpty();
        assertThat(jobs(WebhookJob.KIND)).isEmpty();
    }
}
