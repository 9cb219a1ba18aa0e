package dev.parley.core.message.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpChannelHealthTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private long nanos = 1_000 * SECOND;
    private Instant now = T0;
    private final HttpChannelHealth health = new HttpChannelHealth("whatsapp:acme", new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, () -> nanos);

    private ChannelState state() {
        return health.state().orElseThrow();
    }

    @Test
    void aChannelNoCallHasFailedOnIsReadyWithNoErrorAndNoBinds() {
        ChannelState s = state();

        assertThat(s.status()).isEqualTo("ready");
        assertThat(s.lastError()).isNull();
        assertThat(s.lastErrorAt()).isNull();
        assertThat(s.requestsPerSecond()).isZero();
        assertThat(s.bindsUp()).isZero();
        assertThat(s.bindsWanted()).isZero();
    }

    @Test
    void aFailedCallMakesItFailingUntilACallSucceedsAndTheErrorStays() {
        health.failed("Graph API answered 503 (phoneNumberId=1055)");
        now = T0.plusSeconds(7);
        assertThat(state().status()).isEqualTo("failing");
        assertThat(state().lastError()).isEqualTo("Graph API answered 503 (phoneNumberId=1055)");
        assertThat(state().lastErrorAt()).isEqualTo(T0);

        health.succeeded();

        assertThat(state().status()).isEqualTo("ready");
        assertThat(state().lastError()).isEqualTo("Graph API answered 503 (phoneNumberId=1055)");
        assertThat(state().lastErrorAt()).isEqualTo(T0);
    }

    @Test
    void refusedCredentialsMakeItUnauthorizedUntilACallIsAnswered() {
        health.unauthorized("Graph API refused the access token (code 190)");
        assertThat(state().status()).isEqualTo("unauthorized");

        health.failed("connect timed out");
        assertThat(state().status()).isEqualTo("failing");

        health.refused("recipient not a WhatsApp user (code 131026)");
        assertThat(state().status()).isEqualTo("ready");
        assertThat(state().lastError()).isEqualTo("recipient not a WhatsApp user (code 131026)");
    }

    @Test
    void aRefusedWebhookIsTheLastErrorButNeitherACallNorAChangeOfStatus() {
        health.unauthorized("401 from upstream");
        now = T0.plusSeconds(3);

        health.webhookRefused("X-Twilio-Signature does not match");
        nanos += 2 * SECOND;

        assertThat(state().status()).isEqualTo("unauthorized");
        assertThat(state().lastError()).isEqualTo("X-Twilio-Signature does not match");
        assertThat(state().lastErrorAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(state().requestsPerSecond()).isEqualTo(1 / 5.0);
    }

    @Test
    void requestsPerSecondIsTheAverageOfTheLastFiveWholeSeconds() {
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 4; i++) {
                health.succeeded();
            }
            health.failed("HTTP 500");
            nanos += SECOND;
        }
        assertThat(state().requestsPerSecond()).isEqualTo(5.0);

        health.succeeded(); // in the current second: not counted until it is over
        assertThat(state().requestsPerSecond()).isEqualTo(5.0);

        nanos += 10 * SECOND;
        assertThat(state().requestsPerSecond()).isZero();
    }

    @Test
    void aClosedChannelStaysStoppedWhateverIsRecordedAfter() {
        health.close();
        health.succeeded();
        health.failed("late answer");

        assertThat(state().status()).isEqualTo("stopped");
        assertThat(state().lastError()).isNull();
    }
}
