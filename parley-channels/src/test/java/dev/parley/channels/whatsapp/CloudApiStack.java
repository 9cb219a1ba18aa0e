package dev.parley.channels.whatsapp;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.parley.core.account.AccountService;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.billing.PriceTable;
import dev.parley.core.billing.TablePricing;
import dev.parley.core.connection.WhatsAppSettings;
import dev.parley.core.content.Content;
import dev.parley.core.content.ContentDirectory;
import dev.parley.core.content.TemplateStatusSink;
import dev.parley.core.content.WhatsAppApproval;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.inbound.ConversationRouter;
import dev.parley.core.inbound.InboundMediaHandler;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.inbound.InboundWebhookHandler;
import dev.parley.core.media.DenyList;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.media.MediaService;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageContent;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.ReceiptHandler;
import dev.parley.core.message.SendPacing;
import dev.parley.core.message.StatusCallbacks;
import dev.parley.core.message.channel.ChannelMediaFetcher;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.Backoff;
import dev.parley.core.queue.FairShare;
import dev.parley.core.queue.JobRunner;
import dev.parley.core.throughput.SendRates;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.outbound.FileSystemMediaFiles;
import dev.parley.outbound.Outbound;
import dev.parley.store.Database;
import dev.parley.testing.AdjustableClock;
import dev.parley.testing.WebhookReceiver;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link WhatsAppCloudChannel} as the server wires it, on a real SQLite database, against WireMock playing Meta's
 * Graph API: the inbound service, the receipt handler and the inbound media handler run by a job runner, a WhatsApp
 * number bound to the channel, and Content ports the test fills.
 */
final class CloudApiStack implements AutoCloseable {
    static final String NUMBER = "+14155550100";
    static final String HANDSET = "+14155550199";
    static final String CHANNEL = "whatsapp:meta";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String WABA = "102290129340398";
    static final String TOKEN = "EAAG-test-access-token";
    static final String APP_SECRET = "app-secret-of-the-test";
    static final String VERIFY_TOKEN = "verify-me";

    final AdjustableClock clock = new AdjustableClock();
    final IdGenerator ids = new RandomIdGenerator();
    final WebhookReceiver receiver = new WebhookReceiver();
    final WireMockServer graph = new WireMockServer(options().dynamicPort());
    final Path folder;
    final Database database;
    final FileSystemMediaFiles files;
    final Outbound outbound;
    final WhatsAppSettings settings;
    final WhatsAppCloudChannel channel;
    final JobRunner runner;
    final String accountSid;
    final Map<String, Content> contents = new HashMap<>();
    final Map<String, WhatsAppApproval> approvals = new HashMap<>();
    final List<List<String>> templateUpdates = Collections.synchronizedList(new ArrayList<>());

    CloudApiStack() throws IOException {
        graph.start();
        folder = Files.createTempDirectory("parley-whatsapp-");
        database = Database.open("jdbc:sqlite:" + folder.resolve("parley.db"));
        files = new FileSystemMediaFiles(folder.resolve("media"));
        DenyList none = DenyList.parse(List.of());
        outbound = Outbound.create(none, MediaFetcher.Settings.of(none, Duration.ofSeconds(5)));
        TablePricing pricing = new TablePricing(PriceTable.bundled(), clock);
        StatusCallbacks callbacks = new StatusCallbacks(ids, clock, 3);
        SendPacing pacing = new SendPacing(new SendPacing.Parts(new SenderQueue(SendRates.UNLIMITED, clock),
                new FairShare(FairShare.DEFAULT_SHARE), callbacks, pricing, ids, clock, 3));
        MessageService messages = new MessageService(database, clock, ids, pricing, 3, pacing);
        InboundService inbound = new InboundService(database, ids, clock, new InboundService.Parts(messages, pricing,
                3, ConversationRouter.NONE));
        ReceiptHandler receipts = new ReceiptHandler(database, callbacks, ids, clock);
        settings = new WhatsAppSettings(PHONE_NUMBER_ID, WABA, TOKEN, APP_SECRET, VERIFY_TOKEN,
                graph.baseUrl() + "/v21.0");
        channel = new WhatsAppCloudChannel(CHANNEL, settings, new WhatsAppCloudChannel.Parts(database, clock,
                outbound.webhooks(), outbound.media(), files, inbound, receipts::enqueue, new Directory(),
                this::templateUpdate));
        Channels channels = new Channels(List.of(channel));
        MediaService media = new MediaService(database, files, new ChannelMediaFetcher(channels, outbound.media()),
                ids, clock);
        runner = new JobRunner(database, clock, List.of(receipts,
                new InboundMediaHandler(database, media, ids, clock, "http://parley.test", 3),
                new InboundWebhookHandler(database, new WebhookClient(outbound.webhooks(), Duration.ofSeconds(5)),
                        messages, ids, clock)),
                new JobRunner.Settings(8, 32, Duration.ofMinutes(1), Duration.ofMillis(50),
                        new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), "test-node"));
        accountSid = new AccountService(database, ids, clock).ensureMainAccount(null, null).account().sid();
        IncomingPhoneNumber number = new IncomingPhoneNumber(ids.sid("PN"), accountSid, new PhoneNumber(NUMBER),
                "WhatsApp number", new IncomingPhoneNumber.Webhooks(receiver.url("/sms"), "POST", null, "POST", null,
                        "POST"),
                "simulator", clock.instant(), clock.instant(), null).withWhatsAppChannel(CHANNEL);
        database.writeVoid(tx -> tx.numbers().insert(number));
        receiver.respond("/sms", 200, "text/xml", WebhookReceiver.EMPTY_TWIML);
        runner.start();
    }

    /** A message of the account, stored as the dispatcher hands it to the channel ({@code sending}). */
    Message outgoing(String body, MessageContent content) {
        var now = clock.instant();
        Message m = new Message(ids.sid("SM"), accountSid, null, "whatsapp:" + NUMBER, "whatsapp:" + HANDSET, body,
                List.of(), 1, Direction.OUTBOUND_API, MessageStatus.SENDING, null, null, BigDecimal.ZERO, "USD",
                CHANNEL, null, Message.StatusCallback.NONE, now, now, null, List.of(), false, 0, content);
        database.writeVoid(tx -> tx.messages().insert(m));
        return m;
    }

    /** {@code m} as the dispatcher stores an accepted send: {@code sent}, with the provider's id. */
    Message sent(Message m, String wamid) {
        Message sent = m.moveTo(MessageStatus.SENT, clock.instant()).withProviderId(wamid);
        database.writeVoid(tx -> tx.messages().updateStatus(sent));
        return sent;
    }

    Message find(String sid) {
        return database.read(tx -> tx.messages().find(accountSid, sid)).orElseThrow();
    }

    /** The account's messages, oldest first. */
    List<Message> messages() {
        return database.read(tx -> tx.messages().list(accountSid, MessageFilter.ALL, PageRequest.first(100)))
                .items().stream().sorted(Comparator.comparing(Message::dateCreated)).toList();
    }

    List<Message> received() {
        return messages().stream().filter(m -> m.direction() == Direction.INBOUND).toList();
    }

    private void templateUpdate(String ch, String templateId, String name, String language, String status,
            String reason) {
        templateUpdates.add(List.of(ch, templateId, name, language, status, reason));
    }

    private final class Directory implements ContentDirectory {
        @Override
        public Optional<Content> find(String account, String contentSid) {
            return Optional.ofNullable(contents.get(contentSid)).filter(c -> c.accountSid().equals(account));
        }

        @Override
        public Optional<WhatsAppApproval> whatsAppApproval(String account, String contentSid) {
            return Optional.ofNullable(approvals.get(contentSid)).filter(a -> a.accountSid().equals(account));
        }
    }

    @Override
    public void close() throws IOException {
        runner.close();
        receiver.close();
        channel.close();
        graph.stop();
        outbound.close();
        database.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
