package dev.parley.http;

import dev.parley.core.account.AccountService;
import dev.parley.core.billing.UsageService;
import dev.parley.core.connection.ChannelConnectionService;
import dev.parley.core.content.ContentService;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.conversation.ConversationMessageService;
import dev.parley.core.conversation.ConversationService;
import dev.parley.core.conversation.ConversationWithParticipantsService;
import dev.parley.core.conversation.config.AddressConfigurationService;
import dev.parley.core.conversation.config.ConversationConfigurationService;
import dev.parley.core.conversation.config.ServiceNotificationService;
import dev.parley.core.conversation.hook.ConversationWebhookService;
import dev.parley.core.conversation.hook.ScopedWebhookService;
import dev.parley.core.conversation.media.ConversationMediaService;
import dev.parley.core.conversation.participant.ParticipantService;
import dev.parley.core.conversation.receipt.ConversationReceiptService;
import dev.parley.core.conversation.user.RoleService;
import dev.parley.core.conversation.user.UserConversationService;
import dev.parley.core.conversation.user.UserService;
import dev.parley.core.error.ApiException;
import dev.parley.core.media.MediaService;
import dev.parley.core.message.MessageFeedbackService;
import dev.parley.core.message.MessageService;
import dev.parley.core.number.NumberService;
import dev.parley.core.number.ShortCodeService;
import dev.parley.core.service.MessagingServiceService;
import dev.parley.core.service.ServiceSenderService;
import dev.parley.core.simulator.SimulatorService;
import dev.parley.core.smsc.SmppCredentialService;
import dev.parley.core.tx.Storage;
import dev.parley.http.chat.ChatSocket;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: Twilio's 2010-04-01 API, Parley's own {@code /parley/v1} API, providers' webhooks
 * ({@code /webhooks/…}), {@code /healthz} and {@code /metrics}. Refusals become Twilio's error JSON here and nowhere else.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final String TIMER_START = "parley.timer";

    /**
     * What the surface serves; {@code chatDemo} turns on the web chat's demo page ({@code /chat/demo}); {@code contents}
     * is the Content API ({@code /content/v1}).
     */
    public record Services(AccountService accounts, MessageService messages, NumberService numbers,
            SimulatorService simulator, Storage storage, PrometheusMeterRegistry metrics, BooleanSupplier healthy,
            MessagingServiceService messagingServices, UsageService usage, MediaService media,
            Conversations conversations, MessageFeedbackService feedback, Senders senders,
            ChannelConnectionService channels, SmppCredentialService smppCredentials, ChatSocket chat,
            boolean chatDemo, ContentService contents) {

        /** The surface without the Content API's service (its routes are there, for tests that only list them). */
        public Services(AccountService accounts, MessageService messages, NumberService numbers,
                SimulatorService simulator, Storage storage, PrometheusMeterRegistry metrics, BooleanSupplier healthy,
                MessagingServiceService messagingServices, UsageService usage, MediaService media,
                Conversations conversations, MessageFeedbackService feedback, Senders senders,
                ChannelConnectionService channels, SmppCredentialService smppCredentials, ChatSocket chat,
                boolean chatDemo) {
            this(accounts, messages, numbers, simulator, storage, metrics, healthy, messagingServices, usage, media,
                    conversations, feedback, senders, channels, smppCredentials, chat, chatDemo, null);
        }
    }

    /** Short codes and a Messaging Service's senders beside its phone numbers. */
    public record Senders(ShortCodeService shortCodes, ServiceSenderService serviceSenders) {
    }

    /** The Conversations API's services. */
    public record Conversations(ChatServiceService services, ConversationService conversations,
            ParticipantService participants, ConversationMessageService messages,
            ConversationWithParticipantsService withParticipants, Users users,
            ConversationReceiptService receipts, AutoCreation autoCreation, ConversationMediaService media) {
    }

    /** The Conversations API's users, roles and the conversations of a user or participant. */
    public record Users(UserService users, RoleService roles, UserConversationService userConversations) {
    }

    /** The Conversations configuration: the account's defaults and its address configurations. */
    public record AutoCreation(ConversationConfigurationService configuration, AddressConfigurationService addresses,
            ConversationWebhookService webhooks, ScopedWebhookService scopedWebhooks,
            ServiceNotificationService notifications) {
    }

    private final Javalin app;
    private final ChatSocket chat;

    private HttpApi(Javalin app, ChatSocket chat) {
        this.app = app;
        this.chat = chat;
    }

    public static HttpApi start(String host, int port, String publicUrl, Services s) {
        Javalin app = create(host, port, publicUrl, s);
        app.start();
        return new HttpApi(app, s.chat());
    }

    /** The configured server, its routes registered, not yet started. */
    static Javalin create(String host, int port, String publicUrl, Services s) {
        return Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.http.maxRequestSize = 2 * 1024 * 1024;
            cfg.http.compressionStrategy = gzipWithJsonAllowed();
            cfg.jetty.modifyServer(server -> {
                // Before routing, once: Twilio's product hosts become path prefixes, and HEAD asks what GET would.
                server.insertHandler(new ProductHosts());
                server.insertHandler(new HeadAsGet());
                // What Jetty refuses before Javalin sees it (a malformed escape in the path) is Twilio's JSON too.
                server.setErrorHandler(new JettyErrors());
            });
            var r = cfg.routes;
            r.before(ctx -> {
                ctx.attribute(TIMER_START, System.nanoTime());
                Requests.checkCharset(ctx);
                String path = ctx.path();
                if (path.startsWith("/2010-04-01/") || path.startsWith("/parley/") || path.startsWith("/messaging/")
                        || path.startsWith("/conversations/") || path.startsWith(ContentRoutes.PREFIX + "/")
                        || path.startsWith("/mcs/") && !path.endsWith(ConversationMediaRoutes.DIRECT)) {
                    Requests.authenticate(ctx, s.accounts());
                }
            });
            // One timer per method, route and status, looked up without building its tags on every request.
            Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
            r.after(ctx -> {
                Long start = ctx.attribute(TIMER_START);
                if (start != null) {
                    String method = ctx.method().name();
                    String route = route(ctx);
                    int status = ctx.statusCode();
                    timers.computeIfAbsent(method + " " + status + " " + route, key -> Timer
                            .builder("parley.http.requests")
                            .tag("method", method)
                            .tag("route", route)
                            .tag("status", String.valueOf(status))
                            .register(s.metrics()))
                            .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            });
            // Messages first: Javalin tries a method's routes in registration order, one regex each, until one
            // matches, and creating messages is the hot path. No path matches two routes of one method
            // (HttpApiRoutesTest), so the order decides nothing else.
            new MessagesRoutes(s.accounts(), s.messages(), s.media(), s.feedback()).register(r);
            new AccountsRoutes(s.accounts()).register(r);
            new NumbersRoutes(s.accounts(), s.numbers()).register(r);
            new UsageRoutes(s.accounts(), s.usage()).register(r);
            new MediaRoutes(s.accounts(), s.media()).register(r);
            new SimulatorRoutes(s.accounts(), s.simulator(), s.media(), publicUrl).register(r);
            new AdminRoutes(s.accounts(), s.storage(), publicUrl).register(r);
            new MessagingServicesRoutes(s.messagingServices(), publicUrl).register(r);
            new ServiceSendersRoutes(s.senders().serviceSenders(), publicUrl).register(r);
            new ShortCodesRoutes(s.accounts(), s.senders().shortCodes(), publicUrl).register(r);
            new ChannelsRoutes(s.accounts(), s.channels(), publicUrl).register(r);
            new ProviderWebhookRoutes(s.channels(), publicUrl).register(r);
            new SmppCredentialsRoutes(s.accounts(), s.smppCredentials(), publicUrl).register(r);
            new ContentRoutes(s.contents(), publicUrl).register(r);
            Conversations c = s.conversations();
            new ConversationsRoutes(c.services(), c.conversations(), c.withParticipants(), publicUrl).register(r);
            new ParticipantsRoutes(c.services(), c.participants(), publicUrl).register(r);
            new ConversationMessagesRoutes(c.services(), c.messages(), c.receipts(), c.media(), publicUrl).register(r);
            new ConversationMediaRoutes(c.services(), c.media(), publicUrl).register(r);
            new ConversationReceiptsRoutes(c.services(), c.receipts(), publicUrl).register(r);
            new UsersRoutes(c.services(), c.users().users(), publicUrl).register(r);
            new RolesRoutes(c.services(), c.users().roles(), publicUrl).register(r);
            new UserConversationsRoutes(c.services(), c.users().userConversations(), publicUrl).register(r);
            new ConversationConfigurationRoutes(c.autoCreation().configuration(), c.autoCreation().addresses(),
                    publicUrl).register(r);
            new ConversationWebhooksRoutes(c.autoCreation().webhooks(), publicUrl).register(r);
            new ScopedWebhooksRoutes(c.services(), c.autoCreation().scopedWebhooks(), publicUrl).register(r);
            new ServiceConfigurationRoutes(c.autoCreation().webhooks(), c.autoCreation().notifications(), publicUrl)
                    .register(r);
            if (s.chat() != null) {
                s.chat().register(r);
            }
            new ChatWebRoutes(s.chatDemo()).register(r);
            r.get("/healthz", ctx -> {
                boolean ok = s.healthy().getAsBoolean();
                Requests.json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ok" : "unavailable"));
            });
            r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(s.metrics().scrape()));
            r.exception(ApiException.class, (e, ctx) -> error(ctx, e));
            r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, ClientErrors.of(e.getStatus(),
                    e.getMessage())));
            r.exception(Exception.class, (e, ctx) -> {
                ApiException refusal = ClientErrors.of(e);
                if (refusal != null) {
                    error(ctx, refusal);
                    return;
                }
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, new ApiException(20500, 500, "Internal Server Error"));
            });
            r.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                    error(ctx, ApiException.notFound(ctx.path()));
                }
            });
            r.error(405, ctx -> error(ctx, new ApiException(20004, 405, "Method not allowed")));
        });
    }

    /**
     * Javalin's default (gzip from 1,500 bytes, when the client accepts it: Twilio's Java SDK does), with our JSON
     * content type, as Jetty spells it back, named as allowed: every response then decides with one list lookup
     * instead of a case-insensitive search of it for each excluded type (image/, zip, ...), which JSON never is.
     */
    private static CompressionStrategy gzipWithJsonAllowed() {
        CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
        List<String> allowed = new ArrayList<>();
        allowed.add("application/json;charset=utf-8");
        allowed.addAll(gzip.getAllowedMimeTypes());
        gzip.setAllowedMimeTypes(allowed);
        return gzip;
    }

    /** The route template that served the request (bounded cardinality), not the raw path. */
    private static String route(Context ctx) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? "unmatched" : matched.path;
    }

    private static void error(Context ctx, ApiException e) {
        Requests.json(ctx, e.httpStatus(), ClientErrors.json(e));
    }

    public int port() {
        return app.port();
    }

    /**
     * Every route served, as {@code "METHOD /path/{Param}.json"} in registration order: for tests that must cover
     * each route, including ones added later, without a hand-kept list.
     */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(handler -> handler.endpoint.method.isHttpMethod())
                .map(handler -> handler.endpoint.method.name() + " " + handler.endpoint.path)
                .toList();
    }

    /** Closes the chat connections (1001), then stops the server. */
    @Override
    public void close() {
        if (chat != null) {
            chat.close();
        }
        app.stop();
    }
}
