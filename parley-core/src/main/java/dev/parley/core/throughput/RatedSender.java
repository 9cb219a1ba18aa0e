package dev.parley.core.throughput;

import dev.parley.core.number.IncomingPhoneNumber;

/**
 * A sender as the send schedule sees it: its owner, its address ({@code +14155550100}), the channel it sends on and
 * its own rate in message segments per second (null: the channel's default; 0: unlimited).
 */
public record RatedSender(String accountSid, String address, String channel, Double messagesPerSecond) {

    public static RatedSender of(IncomingPhoneNumber number) {
        return new RatedSender(number.accountSid(), number.phoneNumber().e164(), number.channel(),
                number.messagesPerSecond());
    }
}
