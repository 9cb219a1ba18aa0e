package dev.parley.server;

import dev.parley.channels.simulator.SimulatorChannel;
import dev.parley.core.account.AccountService;
import dev.parley.core.billing.ActiveConversationFee;
import dev.parley.core.billing.PriceTable;
import dev.parley.core.billing.PriceTableException;
import dev.parley.core.billing.TablePricing;
import dev.parley.core.billing.UsageService;
import dev.parley.core.channel.Channels;
import dev.parley.core.conversation.AddressAutoCreation;
import dev.parley.core.conversation.AutoCreationHookHandler;
import dev.parley.core.conversation.AddressConfigurationService;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.ConversationConfigurationService;
import dev.parley.core.conversation.ConversationEvents;
import dev.parley.core.conversation.InboundHookHandler;
import dev.parley.core.conversation.PreEventHooks;
import dev.parley.core.conversation.ConversationWebhookService;
import dev.parley.core.conversation.ServiceNotificationService;
import dev.parley.core.conversation.ScopedWebhookService;
import dev.parley.core.conversation.ConversationInboundMediaHandler;
import dev.parley.core.conversation.ConversationMediaService;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationReceiptService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationTimers;
import dev.parley.core.conversation.ConversationWithParticipantsService;
import dev.parley.core.conversation.FanOutHandler;
import dev.parley.core.conversation.ParticipantService;
import dev.parley.core.conversation.RoleService;
import dev.parley.core.conversation.UserConversationService;
import dev.parley.core.conversation.UserService;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.inbound.InboundMediaHandler;
import dev.parley.core.inbound.InboundWebhookHandler;
import dev.parley.core.media.MediaFiles;
import dev.parley.core.media.MediaService;
import dev.parley.core.media.StoredMediaUrls;
import dev.parley.core.media.OutboundMediaHandler;
import dev.parley.core.message.MessageDispatcher;
import dev.parley.core.message.MessageFeedbackService;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.Pricing;
import dev.parley.core.message.ReceiptHandler;
import dev.parley.core.message.SendPacing;
import dev.parley.core.message.StatusCallbacks;
import dev.parley.core.number.NumberService;
import dev.parley.core.number.ShortCodeService;
import dev.parley.core.queue.Backoff;
import dev.parley.core.queue.FairShare;
import dev.parley.core.queue.JobRunner;
import dev.parley.core.service.MessagingServiceService;
import dev.parley.core.service.ServiceSenderService;
import dev.parley.core.simulator.SimulatorService;
import dev.parley.core.throughput.SendRates;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.core.webhook.WebhookClient;
import dev.parley.core.webhook.WebhookDispatcher;
import dev.parley.http.HttpApi;
import dev.parley.outbound.Outbound;
import dev.parley.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that constructs infrastructure and wires services together. Start
 * order: database (migrated), then the work queue, then HTTP; close in reverse.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    private final Database database;
    private final Outbound outbound;
    private final JobRunner runner;
    private final HttpApi http;
    private final AccountService.MainAccount mainAccount;
    private final String publicUrl;

    private ParleyServer(Database database, Outbound outbound, JobRunner runner, HttpApi http,
            AccountService.MainAccount mainAccount, String publicUrl) {
        this.database = database;
        this.outbound = outbound;
        this.runner = runner;
        this.http = http;
        this.mainAccount = mainAccount;
        this.publicUrl = publicUrl;
    }

    public static ParleyServer start(ParleyConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts with the given clock: every timestamp, due time and timer reads it. Tests pass a clock they move
     * forward instead of sleeping; after moving it, {@link #wakeJobs()} makes newly due work run at once.
     */
    public static ParleyServer start(ParleyConfig config, Clock clock) {
        // A bad price table stops start-up before anything is opened.
        PriceTable prices = prices(config);
        int port = config.port() == 0 ? freePort() : config.port();
        // A public URL on port 0 (tests) means "the port bound": absolute URLs in answers must reach this server.
        String publicUrl = config.publicUrl() == null ? config.publicUrl(port)
                : config.publicUrl().endsWith(":0")
                        ? config.publicUrl().substring(0, config.publicUrl().length() - 1) + port
                        : config.publicUrl();
        if (config.databaseUrl().startsWith("jdbc:sqlite:")) {
            createDirectories(config.dataDir());
        }
        // Media files live in the data directory whatever the database.
        createDirectories(config.dataDir().resolve("media"));
        IdGenerator ids = new RandomIdGenerator();
        Database database = Database.open(config.databaseUrl());
        // A node is named by its host and port: stable across restarts, distinct for nodes sharing a PostgreSQL.
        String node = hostName() + ":" + port;
        // SQLite is one process (the writer holds the file's lock): every lease left is this node's own, from
        // before a crash. On PostgreSQL other nodes may hold live leases: release only this node's.
        int released = database.write(tx -> config.databaseUrl().startsWith("jdbc:sqlite:")
                ? tx.jobs().releaseLeases() : tx.jobs().releaseLeases(node));
        if (released > 0) {
            log.info("resuming {} jobs that were running when Parley last stopped", released);
        }

        Pricing pricing = new TablePricing(prices, clock);
        // Every webhook and media fetch goes out through parley-outbound, each under its deny list.
        Outbound outbound = Outbound.create(config.webhookDeny(), config.mediaFetch());
        WebhookClient webhooks = new WebhookClient(outbound.webhooks(), config.webhookTimeout());
        // Conversation delivery receipts follow every Messaging-layer status change, in its transaction.
        // Pre-event hooks answer within Twilio's 5 s budget; post-event hooks go through the dispatcher.
        PreEventHooks preEventHooks = new PreEventHooks(database, new WebhookClient(outbound.webhooks(),
                PreEventHooks.BUDGET), ids, clock);
        ConversationEvents conversationEvents = new ConversationEvents(ids, clock, config.webhookMaxAttempts(),
                preEventHooks);
        ConversationReceiptService conversationReceipts = new ConversationReceiptService(database, ids, clock,
                conversationEvents);
        StatusCallbacks callbacks = new StatusCallbacks(ids, clock, config.webhookMaxAttempts(),
                conversationReceipts);
        ReceiptHandler receipts = new ReceiptHandler(database, callbacks, ids, clock);
        Channels channels = new Channels(List.of(
                new SimulatorChannel(database, clock, config.simulatorLatency())));

        AccountService accounts = new AccountService(database, ids, clock);
        SenderQueue senderQueue = new SenderQueue(new SendRates(config.sendRates()), clock);
        SendPacing pacing = new SendPacing(new SendPacing.Parts(senderQueue, new FairShare(FairShare.DEFAULT_SHARE),
                callbacks, pricing, ids, clock, config.sendMaxAttempts()));
        MessageService messages = new MessageService(database, clock, ids, pricing, config.sendMaxAttempts(), pacing);
        NumberService numbers = new NumberService(database, channels, ids, clock);
        ConversationTimers conversationTimers = new ConversationTimers(database, ids, clock);
        MediaFiles mediaFiles = new MediaFiles(config.dataDir().resolve("media"));
        ConversationMediaService conversationMedia = new ConversationMediaService(database, mediaFiles, ids, clock);
        ConversationMessageService conversationMessages = new ConversationMessageService(database, ids, clock,
                conversationTimers, config.sendMaxAttempts(), new ActiveConversationFee(prices, clock),
                conversationEvents, conversationMedia);
        ConversationService conversationService = new ConversationService(database, ids, clock, conversationTimers,
                conversationEvents, conversationMedia);
        ParticipantService participants = new ParticipantService(database, ids, clock, conversationEvents);
        AddressAutoCreation autoCreation = new AddressAutoCreation(new AddressAutoCreation.Parts(conversationService,
                participants, conversationMessages), ids, clock, config.webhookMaxAttempts());
        InboundService inbound = new InboundService(database, messages, pricing, ids, clock,
                config.webhookMaxAttempts(), autoCreation);
        SimulatorService simulator = new SimulatorService(database, inbound, ids, clock);
        // Conversation media relayed as MMS name Parley's own copies: taken from the data directory, never fetched.
        MediaService media = new MediaService(database, mediaFiles, outbound.media(), ids, clock,
                new StoredMediaUrls(database, mediaFiles, publicUrl));

        Backoff backoff = JobRunner.Settings.DEFAULT.backoff();
        JobRunner runner = new JobRunner(database, clock, List.of(
                new MessageDispatcher(database, channels, callbacks, receipts, pricing, clock, pacing),
                receipts,
                new WebhookDispatcher(database, webhooks, ids, clock, backoff),
                new InboundWebhookHandler(database, webhooks, messages, ids, clock),
                new OutboundMediaHandler(database, media, callbacks, pricing, ids, clock, config.sendMaxAttempts()),
                new InboundMediaHandler(database, media, ids, clock, publicUrl, config.webhookMaxAttempts()),
                conversationTimers,
                new FanOutHandler(database, messages, conversationReceipts, clock, publicUrl),
                new ConversationInboundMediaHandler(database, media, conversationMedia, conversationMessages,
                        publicUrl),
                new InboundHookHandler(database, preEventHooks, conversationMessages),
                new AutoCreationHookHandler(database, preEventHooks, autoCreation, ids)),
                new JobRunner.Settings(config.jobConcurrency(), 128, Duration.ofMinutes(2), Duration.ofSeconds(1),
                        backoff, node));

        AccountService.MainAccount main = accounts.ensureMainAccount(config.accountSid(), config.authToken());
        if (main.created() && config.accountSid() == null) {
            writeCredentials(config.dataDir(), main);
        }

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("parley.jobs.pending", database, db -> db.read(tx -> tx.jobs().countPending()))
                .description("jobs waiting in the work queue").register(metrics);
        // Rate-limited senders whose messages fell due while Parley was stopped resume at their rate, not in a burst.
        int resumed = database.write(tx -> senderQueue.resumeAfterPause(tx,
                List.of(MessageDispatcher.KIND, OutboundMediaHandler.KIND)));
        if (resumed > 0) {
            log.info("{} rate-limited senders resume their queues from now", resumed);
        }
        runner.start();
        HttpApi http = HttpApi.start(config.host(), port, publicUrl, new HttpApi.Services(accounts, messages,
                numbers, simulator, database, metrics, () -> database.read(tx -> true),
                new MessagingServiceService(database, ids, clock),
                new UsageService(database, prices.currency(), clock), media,
                conversations(database, ids, clock, new AddressAutoCreation.Parts(conversationService, participants,
                        conversationMessages), conversationReceipts, conversationEvents, conversationMedia),
                new MessageFeedbackService(database, clock),
                new HttpApi.Senders(new ShortCodeService(database, channels, ids, clock),
                        new ServiceSenderService(database, channels, ids, clock))));
        log.info("Parley listening on {} (database {})", publicUrl, describe(config.databaseUrl()));
        return new ParleyServer(database, outbound, runner, http, main, publicUrl);
    }

    /** The Conversations API's services, on the conversations, participants and messages inbound shares. */
    private static HttpApi.Conversations conversations(Database database, IdGenerator ids, Clock clock,
            AddressAutoCreation.Parts parts, ConversationReceiptService receipts, ConversationEvents events,
            ConversationMediaService media) {
        ChatServiceService services = new ChatServiceService(database, ids, clock, media);
        return new HttpApi.Conversations(services, parts.conversations(), parts.participants(), parts.messages(),
                new ConversationWithParticipantsService(parts.conversations(), parts.participants()),
                new HttpApi.Users(new UserService(database, ids, clock, events), new RoleService(database, ids, clock),
                        new UserConversationService(database, clock)), receipts,
                new HttpApi.AutoCreation(new ConversationConfigurationService(database, services, ids, clock),
                        new AddressConfigurationService(database, ids, clock),
                        new ConversationWebhookService(database, services, clock),
                        new ScopedWebhookService(database, ids, clock),
                        new ServiceNotificationService(database, services, clock)), media);
    }

    /** The operator's price table ({@code prices.file}), else the bundled one. */
    private static PriceTable prices(ParleyConfig config) {
        if (config.pricesFile() == null) {
            return PriceTable.bundled();
        }
        try {
            return PriceTable.load(config.pricesFile());
        } catch (PriceTableException e) {
            throw new InvalidConfigException(ConfigKey.PRICES_FILE, ConfigKey.PRICES_FILE.label() + ": "
                    + e.getMessage());
        }
    }

    public int port() {
        return http.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    /** The HTTP routes served, as {@code "METHOD /path"}: see {@link HttpApi#routes()}. */
    public List<String> httpRoutes() {
        return http.routes();
    }

    /** Looks for due jobs now rather than at the next poll: for a clock that was moved forward. */
    public void wakeJobs() {
        runner.wake();
    }

    public AccountService.MainAccount mainAccount() {
        return mainAccount;
    }

    @Override
    public void close() {
        http.close();
        runner.close();
        try {
            outbound.close();
        } catch (IOException e) {
            log.warn("closing outbound HTTP connections: {}", e.toString());
        }
        database.close();
    }

    /** The database URL without credentials, for logs. */
    static String describe(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return "SQLite " + jdbcUrl.substring("jdbc:sqlite:".length());
        }
        int query = jdbcUrl.indexOf('?');
        return "PostgreSQL " + (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)).replaceAll("//[^@/]*@", "//");
    }

    private static void writeCredentials(Path dataDir, AccountService.MainAccount main) {
        createDirectories(dataDir);
        Path file = dataDir.resolve("main-account.properties");
        String text = "# The main account of this Parley installation (created "
                + main.account().dateCreated() + ").\n"
                + "account-sid=" + main.account().sid() + "\n"
                + "auth-token=" + main.account().authToken() + "\n";
        try {
            Files.writeString(file, text);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
        } catch (IOException e) {
            log.warn("could not write {}: {}", file, e.toString());
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
