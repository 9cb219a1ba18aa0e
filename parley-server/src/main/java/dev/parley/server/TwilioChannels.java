package dev.parley.server;

import dev.parley.channels.twilio.TwilioUpstreamChannel;
import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelFactory;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.message.ReceiptHandler;
import dev.parley.core.message.channel.Channel;
import dev.parley.core.tx.Storage;
import dev.parley.core.webhook.HttpTransport;
import java.time.Clock;

/**
 * Opens an upstream Twilio connection's channel: parley-channels' {@link TwilioUpstreamChannel}, named
 * {@code twilio:<Name>}, calling the upstream through Parley's outbound HTTP client (the webhooks' pool and address
 * policy), its status callbacks handed to the {@link ReceiptHandler}, its inbound messages to the
 * {@link InboundService} and their media fetched through Parley's media fetcher.
 */
final class TwilioChannels implements ChannelFactory {
    private final TwilioUpstreamChannel.Parts parts;

    TwilioChannels(HttpTransport http, MediaFetcher media, TwilioUpstreamChannel.MediaLinks links, Storage storage,
            InboundService inbound, ReceiptHandler receipts, Clock clock, String publicUrl) {
        this.parts = new TwilioUpstreamChannel.Parts(http, media, links, storage, inbound, receipts::enqueue, clock,
                publicUrl);
    }

    @Override
    public Channel open(ChannelConnection connection) {
        return new TwilioUpstreamChannel(connection.channelName(), connection.accountSid(), connection.twilio(), parts);
    }
}
