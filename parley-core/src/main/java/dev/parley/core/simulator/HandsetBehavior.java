package dev.parley.core.simulator;

import java.time.Duration;
import java.util.Optional;

/**
 * How a simulated handset treats what is sent to it. {@code latency} null means the simulator's default;
 * {@code errorCode} is used by FAIL and UNDELIVER (Twilio's 30003–30008).
 */
public record HandsetBehavior(Mode mode, Integer errorCode, Duration latency) {
    public static final HandsetBehavior DEFAULT = new HandsetBehavior(Mode.DELIVER, null, null);

    public enum Mode {
        /** Receives the message: sent, then delivered. */
        DELIVER,
        /** The carrier refuses it at once: failed with the error code. */
        FAIL,
        /** Sent, then the carrier reports it undelivered with the error code. */
        UNDELIVER,
        /** Sent, and no receipt ever comes: the message stays sent. */
        SILENT,
        /** The carrier is busy: every send is retried later (after the latency), the message stays queued. */
        BUSY,
        /** A WhatsApp handset that reads what it receives: sent, delivered, then read one latency later. */
        READ;

        public String wire() {
            return name().toLowerCase();
        }

        public static Optional<Mode> fromWire(String value) {
            for (Mode m : values()) {
                if (m.wire().equalsIgnoreCase(value)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }
}
