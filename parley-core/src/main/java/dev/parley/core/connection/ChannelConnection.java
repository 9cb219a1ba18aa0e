package dev.parley.core.connection;

import java.time.Instant;
import java.util.Locale;

/**
 * A channel an account created through {@code /parley/v1/Channels} or the operator declared in the configuration
 * file: an SMPP carrier connection ({@link Type#SMPP}, with its {@link SmppSettings}), a table routing each
 * destination to another channel by prefix ({@link Type#ROUTE}), a WhatsApp Cloud API number ({@link Type#WHATSAPP},
 * {@link WhatsAppSettings}) or a Twilio account as upstream ({@link Type#TWILIO}, {@link TwilioSettings}). Exactly the
 * settings of its type are present. Its {@code name} is unique across the installation; numbers, short codes and alpha
 * senders name it as {@link #channelName()} ({@code smpp:<name>}, {@code whatsapp:<name>}, {@code twilio:<name>}).
 * {@link #toString()} never shows a secret (each settings record's {@code toString()} hides them).
 *
 * @param sid         Parley's {@code CN…} identifier
 * @param accountSid  the owner: the account that created it (the main account for a declared one)
 * @param name        {@code Name}: lower-case letters, digits, {@code -} and {@code _}
 * @param type        what it is
 * @param smpp        the connection, for {@link Type#SMPP}; null otherwise
 * @param routes      the prefix table, for {@link Type#ROUTE}; null otherwise
 * @param whatsApp    the Cloud API number, for {@link Type#WHATSAPP}; null otherwise
 * @param twilio      the upstream account, for {@link Type#TWILIO}; null otherwise
 * @param source      where it was declared
 */
public record ChannelConnection(String sid, String accountSid, String name, Type type, SmppSettings smpp,
        RouteTable routes, WhatsAppSettings whatsApp, TwilioSettings twilio, Source source, Instant dateCreated,
        Instant dateUpdated) {

    public ChannelConnection {
        if ((type == Type.SMPP) != (smpp != null) || (type == Type.ROUTE) != (routes != null)
                || (type == Type.WHATSAPP) != (whatsApp != null) || (type == Type.TWILIO) != (twilio != null)) {
            throw new IllegalArgumentException("a " + type + " channel carries exactly its own settings: " + name);
        }
    }

    /** An SMPP connection or a route table. */
    public ChannelConnection(String sid, String accountSid, String name, Type type, SmppSettings smpp,
            RouteTable routes, Source source, Instant dateCreated, Instant dateUpdated) {
        this(sid, accountSid, name, type, smpp, routes, null, null, source, dateCreated, dateUpdated);
    }

    /** The name the channel registry, numbers and senders know it by: {@code smpp:<name>} or {@code route:<name>}. */
    public String channelName() {
        return type.prefix() + name;
    }

    public ChannelConnection with(SmppSettings newSmpp, RouteTable newRoutes, Instant now) {
        return new ChannelConnection(sid, accountSid, name, type, newSmpp, newRoutes, null, null, source, dateCreated,
                now);
    }

    public ChannelConnection with(WhatsAppSettings newWhatsApp, Instant now) {
        return new ChannelConnection(sid, accountSid, name, type, null, null, newWhatsApp, null, source, dateCreated,
                now);
    }

    public ChannelConnection with(TwilioSettings newTwilio, Instant now) {
        return new ChannelConnection(sid, accountSid, name, type, null, null, null, newTwilio, source, dateCreated,
                now);
    }

    /** {@code Type}: what the channel does. */
    public enum Type {
        /** An SMPP 3.4 connection to a carrier, Parley binding as ESME. */
        SMPP,
        /** Each message to the channel that the longest matching destination prefix names. */
        ROUTE,
        /** A WhatsApp Business phone number on Meta's Cloud API (Graph API). */
        WHATSAPP,
        /** A Twilio account used as an upstream carrier: its Messages API and its webhooks. */
        TWILIO;

        /** The registry name's prefix: {@code smpp:}. */
        public String prefix() {
            return wire() + ":";
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a channel was declared: through the API (changeable there) or the configuration file (read-only). */
    public enum Source {
        API, CONFIG;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
