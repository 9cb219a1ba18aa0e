package dev.parley.core.throughput;

import java.util.Map;

/**
 * How fast each sender may send, in message segments per second, as carriers count throughput: a number's own rate
 * when it has one, else its channel's default, else unlimited. 0 means unlimited. The simulator channel has no
 * default unless the operator sets one, so that it sends as fast as Parley can.
 */
public record SendRates(Map<String, Double> channelDefaults) {
    public static final SendRates UNLIMITED = new SendRates(Map.of());

    public SendRates {
        channelDefaults = Map.copyOf(channelDefaults);
        channelDefaults.forEach((channel, rate) -> {
            if (!(rate >= 0) || rate.isInfinite()) {
                throw new IllegalArgumentException("rate of channel " + channel + " must be >= 0, got " + rate);
            }
        });
    }

    /** The rate of a sender on {@code channel} whose own rate is {@code override} (null: none); 0 = unlimited. */
    public double rateOf(String channel, Double override) {
        if (override != null) {
            return override;
        }
        Double channelDefault = channel == null ? null : channelDefaults.get(channel);
        return channelDefault == null ? 0 : channelDefault;
    }
}
