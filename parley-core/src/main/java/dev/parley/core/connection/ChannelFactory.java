package dev.parley.core.connection;

import dev.parley.core.message.channel.Channel;

/**
 * Opens the {@link Channel} of a {@link ChannelConnection.Type#SMPP} connection (the SMPP adapter in
 * parley-channels). {@link ChannelSupervisor} calls it when a connection appears or changes, registers what it
 * returns under {@link ChannelConnection#channelName()}, and {@link Channel#close() closes} it when the connection
 * changes again or goes. {@code open} must not block on the network: the channel binds in the background and
 * reports how far it got through {@link Channel#state()}.
 */
public interface ChannelFactory {

    Channel open(ChannelConnection connection);
}
