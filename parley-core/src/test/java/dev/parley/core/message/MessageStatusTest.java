package dev.parley.core.message;

import static dev.parley.core.message.MessageStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageStatusTest {

    private static final Set<String> ALLOWED = Set.of(
            "ACCEPTED>QUEUED", "ACCEPTED>FAILED", "ACCEPTED>SCHEDULED",
            "SCHEDULED>QUEUED", "SCHEDULED>CANCELED", "SCHEDULED>FAILED",
            "QUEUED>SENDING", "QUEUED>FAILED", "QUEUED>CANCELED",
            "SENDING>SENT", "SENDING>FAILED", "SENDING>UNDELIVERED", "SENDING>DELIVERED",
            "SENT>DELIVERED", "SENT>UNDELIVERED", "SENT>FAILED", "SENT>READ",
            "DELIVERED>READ",
            "RECEIVING>RECEIVED");

    @Test
    void everyPairOfStatusesFollowsTheLifecycle() {
        Set<String> allowed = new HashSet<>();
        for (MessageStatus from : values()) {
            for (MessageStatus to : values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(from + ">" + to);
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrderElementsOf(ALLOWED);
    }

    @Test
    void finalStatusesNeverMoveExceptDeliveredToRead() {
        for (MessageStatus s : EnumSet.of(FAILED, UNDELIVERED, RECEIVED, READ, CANCELED)) {
            assertThat(s.isFinal()).isTrue();
            assertThat(EnumSet.allOf(MessageStatus.class)).noneMatch(s::canMoveTo);
        }
        assertThat(DELIVERED.isFinal()).isTrue();
    }

    @Test
    void onlyMessagesOnTheirWayAreInFlight() {
        assertThat(EnumSet.allOf(MessageStatus.class).stream().filter(MessageStatus::inFlight))
                .containsExactlyInAnyOrder(ACCEPTED, QUEUED, SENDING, RECEIVING);
    }

    @Test
    void wireNamesAreTwiliosAndRoundTrip() {
        assertThat(PARTIALLY_DELIVERED.wire()).isEqualTo("partially_delivered");
        for (MessageStatus s : values()) {
            assertThat(fromWire(s.wire())).contains(s);
        }
        assertThat(fromWire("bogus")).isEmpty();
    }
}
