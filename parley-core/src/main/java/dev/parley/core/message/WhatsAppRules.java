package dev.parley.core.message;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.error.ApiException;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.throughput.RatedSender;
import dev.parley.core.tx.Tx;

/**
 * What the Messages API checks for {@code whatsapp:} addresses, with Twilio's codes and words: both addresses on one
 * channel (21910), a sender that is a WhatsApp sender of the account (63007), distinct addresses (63031; 21266 for
 * SMS). Used by {@link MessageService} for outbound messages and by the inbound path for what handsets send.
 */
public final class WhatsAppRules {
    public static final int MIXED_CHANNELS = 21910;
    public static final int NO_SUCH_SENDER = 63007;
    public static final int SAME_ADDRESS = 63031;

    private WhatsAppRules() {
    }

    /** Refuses a pair of addresses on different channels (an SMS number to a WhatsApp user, or the reverse). */
    public static void checkPair(ChannelAddress from, ChannelAddress to) {
        if (from.kind() != to.kind()) {
            throw ApiException.badRequest(MIXED_CHANNELS,
                    "Invalid 'From' and 'To' pair. 'From' and 'To' should be of the same channel");
        }
    }

    /** Refuses a message to its own sender, with the code Twilio gives on that channel. */
    static void checkDistinct(ChannelAddress.Kind kind, PhoneNumber from, PhoneNumber to) {
        if (from == null || !from.equals(to)) {
            return;
        }
        if (kind == ChannelAddress.Kind.WHATSAPP) {
            throw ApiException.badRequest(SAME_ADDRESS, "Channels message cannot have same 'From' and 'To'");
        }
        throw ApiException.badRequest(21266, "'To' and 'From' number cannot be the same: " + to);
    }

    /**
     * The account's number behind a {@code whatsapp:} From: one of its numbers with a WhatsApp channel. A number of
     * another account, or one that is not a WhatsApp sender, is refused alike, as Twilio does (63007).
     */
    static IncomingPhoneNumber sender(Tx tx, String accountSid, PhoneNumber from) {
        return tx.numbers().findByNumber(from)
                .filter(n -> n.accountSid().equals(accountSid) && n.serves(ChannelAddress.Kind.WHATSAPP))
                .orElseThrow(() -> ApiException.badRequest(NO_SUCH_SENDER,
                        "Twilio could not find a Channel with the specified From address"));
    }

    /**
     * A WhatsApp sender's place in the send schedule: its own queue, apart from the same number's SMS queue, at its
     * WhatsApp channel's rate (a number's {@code MessagesPerSecond} counts SMS segments).
     */
    static RatedSender rated(IncomingPhoneNumber number) {
        return new RatedSender(number.accountSid(), ChannelAddress.whatsApp(number.phoneNumber()).wire(),
                number.whatsAppChannel(), null);
    }
}
