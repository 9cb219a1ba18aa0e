package dev.parley.core.message.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of a channel that calls a provider's HTTP API (a WhatsApp Cloud API number, an upstream Twilio account),
 * kept from the outcome of each call and reported through {@link Channel#state()}. The channel records every call it
 * makes with exactly one of {@link #succeeded}, {@link #refused}, {@link #failed} or {@link #unauthorized}; the status
 * is the last call's verdict:
 *
 * <ul>
 *   <li>{@code ready}: the provider answered the last call (or none was made yet). A refusal of one request (a bad
 *       recipient, a template not approved) leaves the channel {@code ready}: the connection works.</li>
 *   <li>{@code failing}: the last call did not get an answer the channel can use: a network error, a timeout, 429 or
 *       5xx. Sends are retried; the status stays until a call is answered.</li>
 *   <li>{@code unauthorized}: the provider refused the credentials (401/403, an expired or revoked token). Nothing
 *       will go through until they are updated.</li>
 *   <li>{@code stopped}: {@link #close} was called.</li>
 * </ul>
 *
 * <p>Errors are logged at WARN, at most one line per second per channel (with how many were not logged). An error
 * text must never contain a secret: it is shown in the Channels API and in the log. Thread-safe; cheap enough to call
 * on every request.
 */
public final class HttpChannelHealth {
    public static final String READY = "ready";
    public static final String FAILING = "failing";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String STOPPED = "stopped";

    private static final Logger LOG = LoggerFactory.getLogger(HttpChannelHealth.class);

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final RecentRate calls = new RecentRate();
    private final ThrottledLog errors;
    private String status = READY;
    private String lastError;
    private Instant lastErrorAt;

    /** @param channel the registered name ({@code whatsapp:<Name>}, {@code twilio:<Name>}), for the log */
    public HttpChannelHealth(String channel, Clock clock) {
        this(channel, clock, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock the request rate is counted on ({@link System#nanoTime()}; a test's own) */
    public HttpChannelHealth(String channel, Clock clock, LongSupplier nanoTime) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.errors = new ThrottledLog(LOG, channel, nanoTime);
    }

    /** The provider answered the call as asked (2xx). */
    public void succeeded() {
        record(READY, null);
    }

    /**
     * The provider answered the call and refused this one request for a reason of its own (an invalid recipient, a
     * template it does not know): the connection works, so the status is {@code ready}, and the error is kept.
     */
    public void refused(String error) {
        record(READY, error);
    }

    /** The call got no usable answer: a network error, a timeout, 429 or 5xx. The status is {@code failing}. */
    public void failed(String error) {
        record(FAILING, error);
    }

    /** The provider refused the channel's credentials. The status is {@code unauthorized} until a call succeeds. */
    public void unauthorized(String error) {
        record(UNAUTHORIZED, error);
    }

    /**
     * A webhook from the provider was refused (its signature does not check out, a verification with the wrong
     * token): kept as the last error, since a wrong app secret or auth token shows first here, but not a call made, so
     * neither the status nor the rate changes.
     */
    public void webhookRefused(String error) {
        synchronized (this) {
            if (STOPPED.equals(status)) {
                return;
            }
            error(error);
        }
        errors.warn(error);
    }

    /** The channel is closed: the status is {@code stopped} from now on, whatever is recorded after. */
    public synchronized void close() {
        status = STOPPED;
    }

    /** The status now: {@link #READY}, {@link #FAILING}, {@link #UNAUTHORIZED} or {@link #STOPPED}. */
    public synchronized String status() {
        return status;
    }

    /** What {@link Channel#state()} answers: status, calls per second over the last seconds, last error. */
    public synchronized Optional<ChannelState> state() {
        return Optional.of(ChannelState.http(status, calls.perSecond(nanoTime.getAsLong()), lastError, lastErrorAt));
    }

    private void record(String outcome, String error) {
        synchronized (this) {
            if (STOPPED.equals(status)) {
                return;
            }
            status = outcome;
            calls.count(nanoTime.getAsLong());
            if (error != null) {
                error(error);
            }
        }
        if (error != null) {
            errors.warn(error);
        }
    }

    private void error(String error) {
        lastError = error;
        lastErrorAt = clock.instant();
    }
}
