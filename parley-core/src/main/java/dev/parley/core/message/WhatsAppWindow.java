package dev.parley.core.message;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.tx.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * WhatsApp's 24-hour customer-service window (ADR 34). A user's message to one of the account's WhatsApp senders
 * opens it for 24 hours ({@link #recordInbound}, in the inbound transaction); within it the sender may write to the
 * user freely, outside it only with a template: a free-form message is refused when it is handed to its channel,
 * whatever the channel (the simulator too), with Twilio's {@link #OUTSIDE_WINDOW}. A message created from a Content
 * template approved for WhatsApp goes through at any time; one from a content not approved is free-form. SMS is not
 * concerned.
 */
public final class WhatsAppWindow {
    /** Twilio's code for a free-form message outside the window. */
    public static final int OUTSIDE_WINDOW = 63016;
    /** How long a user's message keeps the window open. */
    public static final Duration LENGTH = Duration.ofHours(24);

    private WhatsAppWindow() {
    }

    /**
     * Records, in the inbound transaction, that the WhatsApp user {@code from} wrote to the account's sender {@code to}
     * at {@code at}; nothing for SMS.
     */
    public static void recordInbound(Tx tx, String accountSid, ChannelAddress from, ChannelAddress to, Instant at) {
        if (to.isWhatsApp()) {
            tx.whatsAppWindows().recordInbound(accountSid, to.number().e164(), from.number().e164(), at);
        }
    }

    /** Whether the window concerns {@code message} at all: a message to a WhatsApp user. */
    public static boolean concerns(Message message) {
        return ChannelAddress.isWhatsApp(message.to());
    }

    /**
     * Whether {@code message} may be handed to its channel at {@code now}: anything but a WhatsApp message does, and
     * so does an approved template; a free-form WhatsApp message only while its recipient's last message to its
     * sender is less than {@link #LENGTH} old.
     */
    public static boolean allows(Tx tx, Message message, Instant now, MessageTemplates templates) {
        Optional<ChannelAddress> to = ChannelAddress.parse(message.to()).filter(ChannelAddress::isWhatsApp);
        Optional<ChannelAddress> from = ChannelAddress.parse(message.from()).filter(ChannelAddress::isWhatsApp);
        if (to.isEmpty() || from.isEmpty()) {
            return true;
        }
        if (message.content() != null
                && templates.approvedForWhatsApp(tx, message.accountSid(), message.content().contentSid())) {
            return true;
        }
        return tx.whatsAppWindows().lastInbound(message.accountSid(), from.get().number().e164(),
                to.get().number().e164()).map(last -> now.isBefore(last.plus(LENGTH))).orElse(false);
    }
}
