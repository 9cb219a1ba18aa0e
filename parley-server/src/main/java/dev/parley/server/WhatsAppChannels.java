package dev.parley.server;

import dev.parley.channels.whatsapp.WhatsAppCloudChannel;
import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelFactory;
import dev.parley.core.message.channel.Channel;

/**
 * Opens a WhatsApp Cloud API connection's channel: parley-channels' {@link WhatsAppCloudChannel}, named
 * {@code whatsapp:<Name>}, calling the Graph API through Parley's outbound HTTP client (the webhooks' pool and address
 * policy), downloading received media through the media fetcher, its statuses handed to the {@code ReceiptHandler},
 * its received messages to the {@code InboundService}, its templates read from and reported to the Content API.
 */
final class WhatsAppChannels implements ChannelFactory {
    private final WhatsAppCloudChannel.Parts parts;

    WhatsAppChannels(WhatsAppCloudChannel.Parts parts) {
        this.parts = parts;
    }

    @Override
    public Channel open(ChannelConnection connection) {
        return new WhatsAppCloudChannel(connection.channelName(), connection.whatsApp(), parts);
    }
}
