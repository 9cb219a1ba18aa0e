package dev.parley.core.message.channel;

import java.time.Instant;

/**
 * What a connected channel reports of itself, for {@code /parley/v1/Channels/{Name}} and {@code /metrics}. An SMPP
 * connection fills every field; a channel that calls a provider's HTTP API (a WhatsApp Cloud API number, an upstream
 * Twilio account) has no binds, window or receipts of its own and reports only its status, its request rate and its
 * last error ({@link #http}, built by {@link HttpChannelHealth}).
 *
 * @param status           SMPP: {@code bound} (every bind up), {@code partial}, {@code connecting} (none up yet,
 *                         trying), or {@code stopped}; HTTP API: {@code ready}, {@code failing}, {@code unauthorized}
 *                         or {@code stopped} (see {@link HttpChannelHealth})
 * @param bindsUp          binds up now (0 for an HTTP API channel)
 * @param bindsWanted      binds configured (0 for an HTTP API channel)
 * @param windowInUse      requests awaiting their response, over all binds
 * @param windowSize       the most that may await, over all binds
 * @param submitsPerSecond requests sent per second, averaged over the last few seconds
 * @param receiptsPending  message segments sent that await a delivery receipt
 * @param lastError        the last error, with the state it happened in (null: none yet); never a secret
 * @param lastErrorAt      when it happened (null: none yet)
 */
public record ChannelState(String status, int bindsUp, int bindsWanted, int windowInUse, int windowSize,
        double submitsPerSecond, long receiptsPending, String lastError, Instant lastErrorAt) {

    /** The state of a channel that calls a provider's HTTP API: no binds, no window, no receipts of its own. */
    public static ChannelState http(String status, double requestsPerSecond, String lastError, Instant lastErrorAt) {
        return new ChannelState(status, 0, 0, 0, 0, requestsPerSecond, 0, lastError, lastErrorAt);
    }

    /** Requests made per second, averaged over the last few seconds (SMPP: {@code submit_sm}; HTTP: API calls). */
    public double requestsPerSecond() {
        return submitsPerSecond;
    }
}
