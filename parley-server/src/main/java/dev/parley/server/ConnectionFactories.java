package dev.parley.server;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelFactory;
import dev.parley.core.message.channel.Channel;

/** Opens each stored connection through the adapter of its type: SMPP, WhatsApp Cloud API, upstream Twilio. */
record ConnectionFactories(ChannelFactory smpp, ChannelFactory whatsApp, ChannelFactory twilio)
        implements ChannelFactory {

    @Override
    public Channel open(ChannelConnection connection) {
        return switch (connection.type()) {
            case SMPP -> smpp.open(connection);
            case WHATSAPP -> whatsApp.open(connection);
            case TWILIO -> twilio.open(connection);
            case ROUTE -> throw new IllegalArgumentException("a route table is no connection: " + connection.name());
        };
    }
}
