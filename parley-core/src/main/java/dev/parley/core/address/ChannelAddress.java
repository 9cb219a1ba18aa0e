package dev.parley.core.address;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a message goes or comes from, as Twilio's Messages API writes it: a plain E.164 number (SMS/MMS) or a number
 * behind a channel prefix, {@code whatsapp:+14155550100}. Parsed once, at the edge; {@link #wire()} gives it back in
 * Twilio's form (prefix in lower case, number in E.164), the form stored on a message and posted to webhooks.
 * Other prefixes ({@code messenger:}, …) may join {@link Kind} later.
 */
public record ChannelAddress(Kind kind, PhoneNumber number) {

    /** The channels an address may name, with the prefix Twilio writes before the number. */
    public enum Kind {
        SMS(""), WHATSAPP("whatsapp:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        /** The name Twilio uses for this channel in parameters such as {@code ChannelPrefix}. */
        public String channelName() {
            return this == SMS ? "sms" : prefix.substring(0, prefix.length() - 1);
        }
    }

    public ChannelAddress {
        if (kind == null || number == null) {
            throw new IllegalArgumentException("a channel address needs a kind and a number");
        }
    }

    /**
     * Parses {@code +14155550100} or {@code whatsapp:+14155550100} (the prefix in any case, the number as
     * {@link PhoneNumber#parse} accepts it). Empty for anything else, including an unknown prefix.
     */
    public static Optional<ChannelAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String stripped = text.strip();
        for (Kind kind : Kind.values()) {
            if (kind != Kind.SMS && stripped.toLowerCase(Locale.ROOT).startsWith(kind.prefix())) {
                return PhoneNumber.parse(stripped.substring(kind.prefix().length()))
                        .map(n -> new ChannelAddress(kind, n));
            }
        }
        return PhoneNumber.parse(stripped).map(n -> new ChannelAddress(Kind.SMS, n));
    }

    public static ChannelAddress sms(PhoneNumber number) {
        return new ChannelAddress(Kind.SMS, number);
    }

    public static ChannelAddress whatsApp(PhoneNumber number) {
        return new ChannelAddress(Kind.WHATSAPP, number);
    }

    /** True when a stored or posted address ({@link #wire()} form) names a WhatsApp user or sender. */
    public static boolean isWhatsApp(String wire) {
        return wire != null && wire.startsWith(Kind.WHATSAPP.prefix());
    }

    public boolean isWhatsApp() {
        return kind == Kind.WHATSAPP;
    }

    /** The same number on another channel. */
    public ChannelAddress on(Kind other) {
        return new ChannelAddress(other, number);
    }

    /** Twilio's form: {@code +14155550100} or {@code whatsapp:+14155550100}. */
    public String wire() {
        return kind.prefix() + number.e164();
    }

    @Override
    public String toString() {
        return wire();
    }
}
