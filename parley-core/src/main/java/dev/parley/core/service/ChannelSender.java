package dev.parley.core.service;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import java.time.Instant;

/**
 * A WhatsApp sender (a number of the account with a WhatsApp channel) among a Messaging Service's
 * {@code ChannelSenders}; in at most one service. Twilio names channel senders {@code XE…}: Parley's is
 * {@code XE} followed by the hex digits of the number's {@code PN} SID ({@link #sid()}).
 */
public record ChannelSender(
        String accountSid,
        String serviceSid,
        String phoneNumberSid,
        PhoneNumber phoneNumber,
        Instant dateCreated,
        Instant dateUpdated) {

    public static final String PREFIX = "XE";

    /** The channel sender's SID: {@code XE} and the number's hex digits. */
    public String sid() {
        return PREFIX + phoneNumberSid.substring(2);
    }

    /** The number SID behind a channel sender SID ({@code XE…}), or the number SID itself ({@code PN…}). */
    public static String phoneNumberSid(String sid) {
        return sid != null && sid.startsWith(PREFIX) ? "PN" + sid.substring(2) : sid;
    }

    /** The sender as messages name it: {@code whatsapp:+14155550100}. */
    public String sender() {
        return ChannelAddress.whatsApp(phoneNumber).wire();
    }
}
