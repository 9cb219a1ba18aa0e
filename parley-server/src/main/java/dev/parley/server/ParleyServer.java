package dev.parley.server;

import dev.parley.channels.smpp.SmppInbound;
import dev.parley.channels.smpp.server.SmppServer;
import dev.parley.channels.smpp.server.SubmitAssembly;
import dev.parley.channels.whatsapp.WhatsAppCloudChannel;
import dev.parley.core.account.AccountService;
import dev.parley.core.billing.PriceTable;
import dev.parley.core.billing.PriceTableException;
import dev.parley.core.billing.UsageService;
import dev.parley.core.chat.ChatActions;
import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.connection.ChannelSupervisor;
import dev.parley.core.conversation.FanOutHandler;
import dev.parley.core.conversation.config.AutoCreationHookHandler;
import dev.parley.core.conversation.hook.InboundHookHandler;
import dev.parley.core.conversation.hook.PreEventHooks;
import dev.parley.core.conversation.media.ConversationInboundMediaHandler;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.inbound.Concatenation;
import dev.parley.core.inbound.InboundCompletion;
import dev.parley.core.inbound.InboundMediaHandler;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.inbound.InboundWebhookHandler;
import dev.parley.core.message.MessageDispatcher;
import dev.parley.core.message.MessageFeedbackService;
import dev.parley.core.message.OutboundMediaHandler;
import dev.parley.core.number.ShortCodeService;
import dev.parley.core.queue.Backoff;
import dev.parley.core.queue.JobRunner;
import dev.parley.core.service.MessagingServiceService;
import dev.parley.core.service.ServiceSenderService;
import dev.parley.core.simulator.SimulatorService;
import dev.parley.core.webhook.WebhookDispatcher;
import dev.parley.http.HttpApi;
import dev.parley.http.chat.ChatSocket;
import dev.parley.outbound.FileSystemMediaFiles;
import dev.parley.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
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
 * The composition root: the one place that constructs infrastructure and wires services together, one subsystem
 * at a time: storage, outbound HTTP ({@link OutboundWiring}), Conversations ({@link ConversationWiring}, whose
 * receipts follow Messaging's statuses), Messaging ({@link MessagingWiring}), inbound, the work queue's handlers and
 * the HTTP surface. Start order: database (migrated), then the work queue, then HTTP; close in reverse.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    private final Database database;
    private final OutboundWiring outbound;
    private final JobRunner runner;
    private final ChannelSupervisor channels;
    private final HttpApi http;
    private final AccountService.MainAccount mainAccount;
    private final String publicUrl;
    private final SmppServerWiring smpp;
    private final ChatWiring chat;

    private ParleyServer(Database database, OutboundWiring outbound, JobRunner runner, ChannelSupervisor channels,
            HttpApi http, AccountService.MainAccount mainAccount, String publicUrl, SmppServerWiring smpp,
            ChatWiring chat) {
        this.smpp = smpp;
        this.chat = chat;
        this.database = database;
        this.outbound = outbound;
        this.runner = runner;
        this.channels = channels;
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
        String publicUrl = publicUrl(config, port);
        // A node is named by its host and port: stable across restarts, distinct for nodes sharing a PostgreSQL.
        String node = hostName() + ":" + port;
        Database database = storage(config, node);
        Shared shared = new Shared(config, clock, new RandomIdGenerator(), database, prices, publicUrl,
                new FileSystemMediaFiles(config.dataDir().resolve("media")));

        OutboundWiring outbound = OutboundWiring.wire(config);
        ConversationWiring conversations = ConversationWiring.wire(shared, outbound.preEventHooks());
        SmppServerWiring smpp = new SmppServerWiring(shared);
        MessagingWiring messaging = MessagingWiring.wire(shared, smpp.statusListener(conversations.receipts()),
                outbound.mediaFetcher());
        InboundService inbound = new InboundService(database, shared.ids(), clock, new InboundService.Parts(
                messaging.messages(), messaging.pricing(), config.webhookMaxAttempts(), conversations.autoCreation(),
                smpp.deliveries()));
        // Concatenated SMS wait here for their parts: a carrier's MO, and an SMPP application's submits.
        SubmitAssembly submits = SmppServerWiring.submitCompletion(messaging.messages());
        Concatenation concatenation = new Concatenation(shared.ids(), clock, Concatenation.DEFAULT_TIMEOUT,
                List.of(new InboundCompletion(inbound), submits));
        try {
            smpp.start(shared, concatenation, submits);
        } catch (RuntimeException e) {
            outbound.close();
            database.close();
            throw portRefused(e, ConfigKey.SMPP_PORT, config.host(), config.smppPort());
        }
        JobRunner runner = jobs(shared, node, outbound, messaging, conversations, inbound, smpp, concatenation);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ChannelWiring channels = ChannelWiring.wire(shared, messaging.channels(), new ConnectionFactories(
                new SmppChannels(database, clock, messaging.receipts(),
                        connection -> new SmppInbound(database, inbound, concatenation,
                                connection.smpp().gsm7Packed())),
                new WhatsAppChannels(new WhatsAppCloudChannel.Parts(database, clock, outbound.outbound().webhooks(),
                        outbound.mediaFetcher(), shared.mediaFiles(), inbound, messaging.receipts()::enqueue,
                        messaging.contents(), messaging.contents())),
                new TwilioChannels(outbound.outbound().webhooks(), outbound.mediaFetcher(),
                        new UpstreamMediaLinks(conversations.media(), publicUrl), database, inbound,
                        messaging.receipts(), clock, publicUrl)), metrics);

        AccountService accounts = new AccountService(database, shared.ids(), clock);
        AccountService.MainAccount main = accounts.ensureMainAccount(config.accountSid(), config.authToken());
        if (main.created() && config.accountSid() == null) {
            writeCredentials(config.dataDir(), main);
        }
        // Rate-limited senders whose messages fell due while Parley was stopped resume at their rate, not in a burst.
        int resumed = database.write(tx -> messaging.senderQueue().resumeAfterPause(tx,
                List.of(MessageDispatcher.KIND, OutboundMediaHandler.KIND)));
        if (resumed > 0) {
            log.info("{} rate-limited senders resume their queues from now", resumed);
        }
        ChatWiring chat = ChatWiring.wire(shared, conversations);
        HttpApi http;
        try {
            // The channels are open before the first job runs, so no send finds its channel missing.
            channels.start(config, main.account().sid(), clock.instant());
            http = HttpApi.start(config.host(), port, publicUrl,
                    httpServices(shared, accounts, messaging, conversations, inbound, metrics,
                            channels.service(), smpp, chat));
        } catch (RuntimeException e) {
            // A declared channel the store contradicts, or the port taken: nothing is left running behind the refusal.
            chat.close();
            smpp.close();
            runner.close();
            channels.supervisor().close();
            outbound.close();
            database.close();
            throw portRefused(e, ConfigKey.PORT, config.host(), port);
        }
        // Jobs run once the port is bound: a job's outgoing connection (a callback owed since before a restart) takes
        // its local port from the range a port 0 was chosen from, and could otherwise hold the port chosen.
        runner.start();
        log.info("Parley listening on {} (database {})", publicUrl, describe(config.databaseUrl()));
        return new ParleyServer(database, outbound, runner, channels.supervisor(), http, main, publicUrl, smpp, chat);
    }

    /** The URL answers are built on: a public URL on port 0 (tests) means "the port bound". */
    private static String publicUrl(ParleyConfig config, int port) {
        if (config.publicUrl() == null) {
            return config.publicUrl(port);
        }
        return config.publicUrl().endsWith(":0")
                ? config.publicUrl().substring(0, config.publicUrl().length() - 1) + port
                : config.publicUrl();
    }

    /** Opens and migrates the database, and takes back the jobs this node was running when it last stopped. */
    private static Database storage(ParleyConfig config, String node) {
        if (config.databaseUrl().startsWith("jdbc:sqlite:")) {
            createDirectories(config.dataDir());
        }
        // Media files live in the data directory whatever the database.
        createDirectories(config.dataDir().resolve("media"));
        Database database = Database.open(config.databaseUrl());
        // SQLite is one process (the writer holds the file's lock): every lease left is this node's own, from
        // before a crash. On PostgreSQL other nodes may hold live leases: release only this node's.
        int released = database.write(tx -> config.databaseUrl().startsWith("jdbc:sqlite:")
                ? tx.jobs().releaseLeases() : tx.jobs().releaseLeases(node));
        if (released > 0) {
            log.info("resuming {} jobs that were running when Parley last stopped", released);
        }
        return database;
    }

    /** The work queue and every kind of job it runs. */
    private static JobRunner jobs(Shared shared, String node, OutboundWiring outbound, MessagingWiring messaging,
            ConversationWiring conversations, InboundService inbound, SmppServerWiring smpp,
            Concatenation concatenation) {
        Database database = shared.database();
        IdGenerator ids = shared.ids();
        Clock clock = shared.clock();
        ParleyConfig config = shared.config();
        String publicUrl = shared.publicUrl();
        PreEventHooks preEventHooks = conversations.preEventHooks();
        Backoff backoff = JobRunner.Settings.DEFAULT.backoff();
        return new JobRunner(database, clock, List.of(
                messaging.dispatcher(shared),
                messaging.receipts(),
                new WebhookDispatcher(database, outbound.webhooks(), ids, clock, backoff),
                new InboundWebhookHandler(database, outbound.webhooks(), messaging.messages(), ids, clock),
                messaging.outboundMedia(shared),
                new InboundMediaHandler(database, messaging.media(), ids, clock, publicUrl,
                        config.webhookMaxAttempts()),
                conversations.timers(),
                new FanOutHandler(database, messaging.messages(), conversations.receipts(), clock, publicUrl),
                new ConversationInboundMediaHandler(database, messaging.media(), conversations.media(),
                        conversations.messages(), publicUrl),
                new InboundHookHandler(database, preEventHooks, conversations.messages()),
                new AutoCreationHookHandler(database, preEventHooks, conversations.autoCreation(), ids),
                smpp.deliverHandler(shared),
                concatenation),
                new JobRunner.Settings(config.jobConcurrency(), 128, Duration.ofMinutes(2), Duration.ofSeconds(1),
                        backoff, node));
    }

    /** What the HTTP surface serves. */
    private static HttpApi.Services httpServices(Shared shared, AccountService accounts, MessagingWiring messaging,
            ConversationWiring conversations, InboundService inbound, PrometheusMeterRegistry metrics,
            ChannelConnectionService channels, SmppServerWiring smpp, ChatWiring chat) {
        Database database = shared.database();
        IdGenerator ids = shared.ids();
        Clock clock = shared.clock();
        Gauge.builder("parley.jobs.pending", database, db -> db.read(tx -> tx.jobs().countPending()))
                .description("jobs waiting in the work queue").register(metrics);
        Gauge.builder("parley.chat.connections", chat.socket(), ChatSocket::connections)
                .description("web-chat WebSocket connections open, authenticated or not").register(metrics);
        if (smpp.server() != null) {
            Gauge.builder("parley.smpp.server.sessions", smpp.server(), SmppServer::sessionCount)
                    .description("connections open to Parley's SMPP server, bound or not").register(metrics);
            Gauge.builder("parley.smpp.server.binds", smpp.server(), SmppServer::bindCount)
                    .description("SMPP applications bound to Parley's SMPP server").register(metrics);
        }
        return new HttpApi.Services(accounts, messaging.messages(), messaging.numbers(),
                new SimulatorService(database, inbound, ids, clock), database, metrics, () -> database.read(tx -> true),
                new MessagingServiceService(database, ids, clock),
                new UsageService(database, shared.prices().currency(), clock), messaging.media(),
                conversations.api(shared),
                new MessageFeedbackService(database, clock),
                new HttpApi.Senders(new ShortCodeService(database, messaging.channelNames(), ids, clock,
                        ServiceSenderService.RELEASE_SHORT_CODE),
                        new ServiceSenderService(database, messaging.channelNames(), ids, clock)),
                channels, smpp.credentials(), chat.socket(), shared.config().chatDemo(), messaging.contents());
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

    /** The port Parley's SMPP server listens on; -1 when {@code smpp.port} is off. */
    public int smppPort() {
        return smpp.server() == null ? -1 : smpp.server().port();
    }

    /** Connections open to the SMPP server now, bound or not (0 when it is off). */
    public int smppSessions() {
        return smpp.server() == null ? 0 : smpp.server().sessionCount();
    }

    public AccountService.MainAccount mainAccount() {
        return mainAccount;
    }

    /** What web-chat identities do, as the socket at {@code /chat} calls it (tests drive it directly too). */
    public ChatActions chatActions() {
        return chat.actions();
    }

    @Override
    public void close() {
        http.close();
        chat.close();
        smpp.close();
        runner.close();
        // After the runner: sends in flight finish before their channels drain and unbind.
        channels.close();
        outbound.close();
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

    /** A listener that could not bind, as the setting to change; any other failure as it came. */
    private static RuntimeException portRefused(RuntimeException failure, ConfigKey key, String host, int port) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return new InvalidConfigException(key, key.label() + ": " + host + ":" + port
                        + " is already in use by another program; stop it, or choose another port");
            }
        }
        return failure;
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
