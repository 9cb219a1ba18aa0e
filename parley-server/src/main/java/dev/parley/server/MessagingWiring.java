package dev.parley.server;

import dev.parley.channels.simulator.SimulatorChannel;
import dev.parley.core.billing.TablePricing;
import dev.parley.core.connection.ChannelAccess;
import dev.parley.core.content.ContentService;
import dev.parley.core.content.ContentTemplates;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.media.MediaService;
import dev.parley.core.media.StoredMediaUrls;
import dev.parley.core.message.MessageDispatcher;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.MessageStatusListener;
import dev.parley.core.message.OutboundMediaHandler;
import dev.parley.core.message.Pricing;
import dev.parley.core.message.ReceiptHandler;
import dev.parley.core.message.SendPacing;
import dev.parley.core.message.StatusCallbacks;
import dev.parley.core.message.channel.ChannelMediaFetcher;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.number.ChannelNames;
import dev.parley.core.number.NumberService;
import dev.parley.core.queue.FairShare;
import dev.parley.core.service.MessagingServiceService;
import dev.parley.core.throughput.SendRates;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.store.Database;
import java.time.Clock;
import java.util.List;

/**
 * The Messaging product: prices, status callbacks and receipts, the channels, pacing of rate-limited senders, the
 * message and number services, message media (fetched, or taken from this Parley's own media), and the Content API's
 * templates messages are created from ({@code contents}: also the {@code ContentDirectory} and
 * {@code TemplateStatusSink} WhatsApp channels use).
 */
record MessagingWiring(Pricing pricing, StatusCallbacks callbacks, ReceiptHandler receipts, Channels channels,
        SenderQueue senderQueue, SendPacing pacing, MessageService messages, NumberService numbers,
        MediaService media, ChannelNames channelNames, ContentService contents) {

    /** {@code statusListener} hears every status change in its transaction (Conversations' delivery receipts). */
    static MessagingWiring wire(Shared shared, MessageStatusListener statusListener, MediaFetcher mediaFetcher) {
        ParleyConfig config = shared.config();
        Database database = shared.database();
        IdGenerator ids = shared.ids();
        Clock clock = shared.clock();
        Pricing pricing = new TablePricing(shared.prices(), clock);
        StatusCallbacks callbacks = new StatusCallbacks(ids, clock, config.webhookMaxAttempts(), statusListener);
        ReceiptHandler receipts = new ReceiptHandler(database, callbacks, ids, clock);
        Channels channels = new Channels(List.of(new SimulatorChannel(database, clock, config.simulatorLatency())));
        SenderQueue senderQueue = new SenderQueue(new SendRates(config.sendRates()), clock);
        SendPacing pacing = new SendPacing(new SendPacing.Parts(senderQueue, new FairShare(FairShare.DEFAULT_SHARE),
                callbacks, pricing, ids, clock, config.sendMaxAttempts()));
        MessageService messages = new MessageService(database, clock, ids, pricing, config.sendMaxAttempts(), pacing,
                new ContentTemplates());
        // Numbers and senders may be routed to a channel their account may use (ADR 23).
        ChannelNames channelNames = new ChannelAccess(channels, database);
        ContentService contents = new ContentService(database, ids, clock, channels, channelNames);
        NumberService numbers = new NumberService(database, channelNames, ids, clock,
                MessagingServiceService.RELEASE_NUMBER);
        // Conversation media relayed as MMS name Parley's own copies: taken from the data directory, never fetched.
        // A provider's media (a WhatsApp Cloud API media id) are fetched by its channel, with its credentials.
        MediaService media = new MediaService(database, shared.mediaFiles(),
                new ChannelMediaFetcher(channels, mediaFetcher), ids, clock,
                new StoredMediaUrls(database, shared.mediaFiles(), shared.publicUrl()));
        return new MessagingWiring(pricing, callbacks, receipts, channels, senderQueue, pacing, messages, numbers,
                media, channelNames, contents);
    }

    MessageDispatcher dispatcher(Shared shared) {
        return new MessageDispatcher(shared.database(), shared.clock(),
                new MessageDispatcher.Parts(channels, callbacks, receipts, pricing, pacing, new ContentTemplates()));
    }

    OutboundMediaHandler outboundMedia(Shared shared) {
        return new OutboundMediaHandler(shared.database(), shared.ids(), shared.clock(),
                new OutboundMediaHandler.Parts(media, callbacks, pricing, shared.config().sendMaxAttempts()));
    }
}
