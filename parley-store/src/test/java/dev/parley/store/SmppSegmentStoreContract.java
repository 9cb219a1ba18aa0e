package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.connection.SmppSegmentStore.EarlyReceipt;
import dev.parley.core.connection.SmppSegmentStore.Segment;
import dev.parley.core.connection.SmppSegmentStore.SegmentReceipt;
import dev.parley.core.message.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

interface SmppSegmentStoreContract extends UsesDatabase {
    Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");

    private static Segment segment(String message, int seq, int total, String smscId) {
        return new Segment("carrier-a", "AC" + "1".repeat(32), message, seq, total, smscId, T0.plusMillis(seq), null);
    }

    private boolean insert(Segment s) {
        Boolean inserted = storage().write(tx -> tx.smppSegments().insert(s));
        return inserted;
    }

    private boolean record(String sm, int seq, SegmentReceipt r) {
        Boolean recorded = storage().write(tx -> tx.smppSegments().recordReceipt("carrier-a", sm, seq, r));
        return recorded;
    }

    private List<Segment> forMessage(String connection, String sm) {
        return storage().read(tx -> tx.smppSegments().forMessage(connection, sm));
    }

    private Optional<Segment> bySmscId(String connection, String id) {
        return storage().read(tx -> tx.smppSegments().findBySmscId(connection, id));
    }

    private Optional<EarlyReceipt> take(String connection, String id) {
        return storage().write(tx -> tx.smppSegments().takeEarlyReceipt(connection, id, Instant.EPOCH));
    }

    private void put(EarlyReceipt r) {
        storage().writeVoid(tx -> tx.smppSegments().putEarlyReceipt(r));
    }

    private long awaiting() {
        Long n = storage().read(tx -> tx.smppSegments().countAwaitingReceipt("carrier-a"));
        return n;
    }

    @Test
    default void aSegmentIsStoredOnceAndReadBackByMessageAndBySmscId() {
        String sm = Fixtures.sid("SM");
        assertThat(insert(segment(sm, 1, 2, "42"))).isTrue();
        assertThat(insert(segment(sm, 0, 2, "41"))).isTrue();
        assertThat(insert(segment(sm, 0, 2, "99"))).isFalse();

        assertThat(forMessage("carrier-a", sm))
                .containsExactly(segment(sm, 0, 2, "41"), segment(sm, 1, 2, "42"));
        assertThat(bySmscId("carrier-a", "42"))
                .contains(segment(sm, 1, 2, "42"));
        assertThat(bySmscId("carrier-b", "42")).isEmpty();
        assertThat(forMessage("carrier-b", sm)).isEmpty();
    }

    @Test
    default void aReceiptIsRecordedOnceAndCountsAsNoLongerAwaiting() {
        String sm = Fixtures.sid("SM");
        storage().writeVoid(tx -> {
            tx.smppSegments().insert(segment(sm, 0, 2, "7"));
            tx.smppSegments().insert(segment(sm, 1, 2, "8"));
        });
        long before = awaiting();
        SegmentReceipt undelivered = new SegmentReceipt(MessageStatus.UNDELIVERED, 30005, T0.plusSeconds(3));

        assertThat(record(sm, 1, undelivered)).isTrue();
        assertThat(record(sm, 1, new SegmentReceipt(MessageStatus.DELIVERED, null, T0))).isFalse();

        List<Segment> stored = forMessage("carrier-a", sm);
        assertThat(stored.get(0).receipt()).isNull();
        assertThat(stored.get(1).receipt()).isEqualTo(undelivered);
        assertThat(awaiting()).isEqualTo(before - 1);
    }

    @Test
    default void anEarlyReceiptIsKeptReplacedByARepeatAndTakenOnce() {
        String id = Fixtures.sid("X");
        EarlyReceipt first = new EarlyReceipt("carrier-a", id,
                new SegmentReceipt(MessageStatus.UNDELIVERED, 30003, T0), T0.plusSeconds(1));
        EarlyReceipt repeat = new EarlyReceipt("carrier-a", id,
                new SegmentReceipt(MessageStatus.DELIVERED, null, T0), T0.plusSeconds(2));
        put(first);
        put(repeat);

        assertThat(take("carrier-b", id)).isEmpty();
        assertThat(take("carrier-a", id)).contains(repeat);
        assertThat(take("carrier-a", id)).isEmpty();
    }

    @Test
    default void anEarlyReceiptReceivedBeforeTheTakersLimitIsRemovedButNotReturned() {
        String id = Fixtures.sid("X");
        SegmentReceipt delivered = new SegmentReceipt(MessageStatus.DELIVERED, null, T0);
        put(new EarlyReceipt("carrier-a", id, delivered, T0));

        Optional<EarlyReceipt> stale = storage().write(tx -> tx.smppSegments()
                .takeEarlyReceipt("carrier-a", id, T0.plusMillis(1)));

        assertThat(stale).as("kept for an earlier segment under the same id").isEmpty();
        assertThat(take("carrier-a", id)).as("and gone").isEmpty();

        EarlyReceipt recent = new EarlyReceipt("carrier-a", id, delivered, T0.plusSeconds(5));
        put(recent);
        Optional<EarlyReceipt> taken = storage().write(tx -> tx.smppSegments()
                .takeEarlyReceipt("carrier-a", id, T0.plusSeconds(5)));
        assertThat(taken).contains(recent);
    }

    @Test
    default void forgettingEarlyReceiptsTakesOnlyTheConnectionsOlderOnes() {
        String old = Fixtures.sid("X");
        String otherConnection = Fixtures.sid("X");
        String fresh = Fixtures.sid("X");
        SegmentReceipt delivered = new SegmentReceipt(MessageStatus.DELIVERED, null, T0);
        put(new EarlyReceipt("carrier-a", old, delivered, T0));
        put(new EarlyReceipt("carrier-b", otherConnection, delivered, T0));
        EarlyReceipt kept = new EarlyReceipt("carrier-a", fresh, delivered, T0.plusSeconds(120));
        put(kept);

        Integer forgotten = storage().write(tx -> tx.smppSegments().forgetEarlyReceipts("carrier-a",
                T0.plusSeconds(60)));

        assertThat(forgotten).isEqualTo(1);
        assertThat(take("carrier-a", old)).as("older than the limit").isEmpty();
        assertThat(take("carrier-b", otherConnection)).as("another connection's").isPresent();
        assertThat(take("carrier-a", fresh)).contains(kept);
    }
}
