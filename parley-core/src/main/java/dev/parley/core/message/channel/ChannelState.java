package dev.parley.core.message.channel;

import java.time.Instant;

/**
 * What a connected channel reports of itself, for {@code /parley/v1/Channels/{Name}} and {@code /metrics}.
 *
 * @param status           {@code bound} (every bind up), {@code partial}, {@code connecting} (none up yet, trying),
 *                         or {@code stopped}
 * @param bindsUp          binds up now
 * @param bindsWanted      binds configured
 * @param windowInUse      requests awaiting their response, over all binds
 * @param windowSize       the most that may await, over all binds
 * @param submitsPerSecond requests sent per second, averaged over the last few seconds
 * @param receiptsPending  message segments sent that await a delivery receipt
 * @param lastError        the last error, with the state it happened in (null: none yet)
 * @param lastErrorAt      when it happened (null: none yet)
 */
public record ChannelState(String status, int bindsUp, int bindsWanted, int windowInUse, int windowSize,
        double submitsPerSecond, long receiptsPending, String lastError, Instant lastErrorAt) {
}
