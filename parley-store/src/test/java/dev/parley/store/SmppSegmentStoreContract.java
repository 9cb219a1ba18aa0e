package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.connection.SmppSegmentStore.EarlyReceipt;
import dev.parley.core.connection.SmppSegmentStore.Segment;
import dev.parley.core.connection.SmppSegmentStore.SegmentReceipt;
import dev.parley.core.message.MessageStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

interface SmppSegmentStoreContract extends UsesDatabase {
    Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");

    private static Segment segment(String message, int seq, int total, String smscId) {
        return new Segment("carrier-a", "AC" + "1".repeat(32), message, seq, total, smscId, T0.plusMillis(seq), null);
    }

    @Test
    default void aSegmentIsStoredOnceAndReadBackByMessageAndBySmscId() {
        String sm = Fixtures.sid("SM");
        assertThat(storage().write(tx -> tx.smppSegments().insert(segment(sm, 1, 2, "42")))).isTrue();
        assertThat(storage().write(tx -> tx.smppSegments().insert(segment(sm, 0, 2, "41")))).isTrue();
        assertThat(storage().write(tx -> tx.smppSegments().insert(segment(sm, 0, 2, "99")))).isFalse();

        assertThat(storage().read(tx -> tx.smppSegments().forMessage("carrier-a", sm)))
                .containsExactly(segment(sm, 0, 2, "41"), segment(sm, 1, 2, "42"));
        assertThat(storage().read(tx -> tx.smppSegments().findBySmscId("carrier-a", "42")))
                .contains(segment(sm, 1, 2, "42"));
        assertThat(storage().read(tx -> tx.smppSegments().findBySmscId("carrier-b", "42"))).isEmpty();
        assertThat(storage().read(tx -> tx.smppSegments().forMessage("carrier-b", sm))).isEmpty();
    }

    @Test
    default void aReceiptIsRecordedOnceAndCountsAsNoLongerAwaiting() {
        String sm = Fixtures.sid("SM");
        storage().writeVoid(tx -> {
            tx.smppSegments().insert(segment(sm, 0, 2, "7"));
            tx.smppSegments().insert(segment(sm, 1, 2, "8"));
        });
        long before = storage().read(tx -> tx.smppSegments().countAwaitingReceipt("carrier-a"));
        SegmentReceipt undelivered = new SegmentReceipt(MessageStatus.UNDELIVERED, 30005, T0.plusSeconds(3));

        assertThat(storage().write(tx -> tx.smppSegments().recordReceipt("carrier-a", sm, 1, undelivered))).isTrue();
        assertThat(storage().write(tx -> tx.smppSegments().recordReceipt("carrier-a", sm, 1,
                new SegmentReceipt(MessageStatus.DELIVERED, null, T0)))).isFalse();

        List<Segment> stored = storage().read(tx -> tx.smppSegments().forMessage("carrier-a", sm));
        assertThat(stored.get(0).receipt()).isNull();
        assertThat(stored.get(1).receipt()).isEqualTo(undelivered);
        assertThat(storage().read(tx -> tx.smppSegments().countAwaitingReceipt("carrier-a"))).isEqualTo(before - 1);
    }

    @Test
    default void anEarlyReceiptIsKeptReplacedByARepeatAndTakenOnce() {
        String id = Fixtures.sid("X");
        EarlyReceipt first = new EarlyReceipt("carrier-a", id,
                new SegmentReceipt(MessageStatus.UNDELIVERED, 30003, T0), T0.plusSeconds(1));
        EarlyReceipt repeat = new EarlyReceipt("carrier-a", id,
                new SegmentReceipt(MessageStatus.DELIVERED, null, T0), T0.plusSeconds(2));
        storage().writeVoid(tx -> tx.smppSegments().putEarlyReceipt(first));
        storage().writeVoid(tx -> tx.smppSegments().putEarlyReceipt(repeat));

        assertThat(storage().read(tx -> tx.smppSegments().takeEarlyReceipt("carrier-b", id))).isEmpty();
        assertThat(storage().write(tx -> tx.smppSegments().takeEarlyReceipt("carrier-a", id))).contains(repeat);
        assertThat(storage().write(tx -> tx.smppSegments().takeEarlyReceipt("carrier-a", id))).isEmpty();
    }
}
