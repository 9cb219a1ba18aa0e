package dev.parley.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static SendRequest scheduled(String sendAt) {
        return new SendRequest("AC" + "0".repeat(32), "+12025550100", null, "MG" + "0".repeat(32), "hi", null, null,
                null, false, Direction.OUTBOUND_API, "fixed", sendAt, null);
    }

    private static int refusal(SendRequest r, boolean viaService) {
        try {
            Schedule.sendAt(r, viaService, NOW);
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("not refused: " + r);
    }

    @Test
    void windowIsInclusiveFrom300SecondsTo35Days() {
        assertThat(Schedule.sendAt(scheduled("2026-01-05T10:05:00Z"), true, NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(Schedule.sendAt(scheduled("2026-02-09T10:00:00Z"), true, NOW)).isEqualTo(NOW.plus(Duration.ofDays(35)));
        assertThat(refusal(scheduled("2026-01-05T10:04:59Z"), true)).isEqualTo(35115);
        assertThat(refusal(scheduled("2026-02-09T10:00:01Z"), true)).isEqualTo(35115);
    }

    @Test
    void offsetsAndZoneIdsAreUnderstoodAndNoOffsetMeansUtc() {
        assertThat(Schedule.sendAt(scheduled("2026-01-05T13:00:00+02:00"), true, NOW)).isEqualTo(NOW.plusSeconds(3600));
        assertThat(Schedule.sendAt(scheduled("2026-01-05T11:00:00Z[Etc/UTC]"), true, NOW))
                .isEqualTo(NOW.plusSeconds(3600));
        assertThat(Schedule.sendAt(scheduled("2026-01-05T11:00:00"), true, NOW)).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void refusalsCarryTwiliosCodes() {
        assertThat(refusal(scheduled("2026-01-05T11:00:00Z"), false)).isEqualTo(35118);
        assertThat(refusal(scheduled(null), true)).isEqualTo(35111);
        assertThat(refusal(scheduled("tomorrow"), true)).isEqualTo(35114);
        assertThatThrownBy(() -> Schedule.sendAt(new SendRequest("AC", "+1", null, "MG", "b", null, null, null, false,
                Direction.OUTBOUND_API, "later", "2026-01-05T11:00:00Z", null), true, NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(20001));
    }

    @Test
    void notScheduledMeansNow() {
        assertThat(Schedule.sendAt(new SendRequest("AC", "+1", "+2", null, "b", null, null, null, false,
                Direction.OUTBOUND_API), false, NOW)).isNull();
    }

    @Test
    void sendJobPayloadRoundTripsAndOldPayloadsHaveNoDeadline() {
        SendJob job = new SendJob("SM" + "1".repeat(32), NOW);
        assertThat(SendJob.parse(job.payload())).isEqualTo(job);
        assertThat(SendJob.parse("SM" + "1".repeat(32))).isEqualTo(new SendJob("SM" + "1".repeat(32), null));
        assertThat(job.expiredAt(NOW)).isFalse();
        assertThat(job.expiredAt(NOW.plusMillis(1))).isTrue();
        assertThat(new SendJob("SM1", null).expiredAt(Instant.MAX)).isFalse();
    }
}
