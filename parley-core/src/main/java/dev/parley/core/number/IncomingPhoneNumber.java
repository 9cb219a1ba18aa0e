package dev.parley.core.number;

import dev.parley.core.address.ChannelAddress;
import dev.parley.core.address.PhoneNumber;
import java.time.Instant;

/**
 * A number an account owns and sends from; inbound messages to it go to its webhook. {@code messagesPerSecond} is
 * its own send rate in message segments per second (Parley's {@code MessagesPerSecond}): null takes its channel's
 * default, 0 means unlimited. {@code whatsAppChannel} (Parley's {@code WhatsAppChannel}) makes it a WhatsApp sender
 * too: the channel its {@code whatsapp:} messages leave on; null when it is not one.
 */
public record IncomingPhoneNumber(
        String sid,
        String accountSid,
        PhoneNumber phoneNumber,
        String friendlyName,
        Webhooks webhooks,
        String channel,
        Instant dateCreated,
        Instant dateUpdated,
        Double messagesPerSecond,
        String whatsAppChannel) {

    /** A number that is not a WhatsApp sender. */
    public IncomingPhoneNumber(String sid, String accountSid, PhoneNumber phoneNumber, String friendlyName,
            Webhooks webhooks, String channel, Instant dateCreated, Instant dateUpdated, Double messagesPerSecond) {
        this(sid, accountSid, phoneNumber, friendlyName, webhooks, channel, dateCreated, dateUpdated,
                messagesPerSecond, null);
    }

    /** The messaging webhooks of a number. URLs may be null; methods are GET or POST. */
    public record Webhooks(String smsUrl, String smsMethod, String smsFallbackUrl, String smsFallbackMethod,
            String statusCallback, String statusCallbackMethod) {
        public static final Webhooks NONE = new Webhooks(null, "POST", null, "POST", null, "POST");
    }

    public IncomingPhoneNumber with(String newFriendlyName, Webhooks newWebhooks, String newChannel, Instant now) {
        return new IncomingPhoneNumber(sid, accountSid, phoneNumber, newFriendlyName, newWebhooks, newChannel,
                dateCreated, now, messagesPerSecond, whatsAppChannel);
    }

    public IncomingPhoneNumber withMessagesPerSecond(Double rate) {
        return new IncomingPhoneNumber(sid, accountSid, phoneNumber, friendlyName, webhooks, channel, dateCreated,
                dateUpdated, rate, whatsAppChannel);
    }

    public IncomingPhoneNumber withWhatsAppChannel(String newWhatsAppChannel) {
        return new IncomingPhoneNumber(sid, accountSid, phoneNumber, friendlyName, webhooks, channel, dateCreated,
                dateUpdated, messagesPerSecond, newWhatsAppChannel);
    }

    /** Local, mobile or toll-free: what the number is, by its country's numbering plan. */
    public NumberType type() {
        return NumberType.of(phoneNumber);
    }

    /** Whether this number sends and receives on {@code kind}: always SMS, WhatsApp once it has a channel for it. */
    public boolean serves(ChannelAddress.Kind kind) {
        return kind == ChannelAddress.Kind.SMS || whatsAppChannel != null;
    }

    /** The channel a message of {@code kind} from or to this number travels on. */
    public String channelFor(ChannelAddress.Kind kind) {
        return kind == ChannelAddress.Kind.WHATSAPP ? whatsAppChannel : channel;
    }
}
