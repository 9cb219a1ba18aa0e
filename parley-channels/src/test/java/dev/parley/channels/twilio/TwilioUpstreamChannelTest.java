package dev.parley.channels.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.AccountService;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.billing.PriceTable;
import dev.parley.core.billing.TablePricing;
import dev.parley.core.connection.TwilioSettings;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.inbound.ConversationRouter;
import dev.parley.core.inbound.InboundService;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageService;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.SendPacing;
import dev.parley.core.message.StatusCallbacks;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderRequest;
import dev.parley.core.message.channel.ProviderWebhooks.ProviderResponse;
import dev.parley.core.message.channel.ReceiptSink;
import dev.parley.core.message.channel.SendResult;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.FairShare;
import dev.parley.core.throughput.SendRates;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.core.webhook.HttpTransport;
import dev.parley.core.webhook.RequestSignature;
import dev.parley.store.Database;
import dev.parley.testing.AdjustableClock;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upstream channel against a scripted {@link HttpTransport} (what it sends, how it reads each answer) and its
 * webhooks against a real SQLite store and Parley's inbound path, fed {@link ProviderRequest}s signed (or not) as
 * Twilio signs them.
 */
class TwilioUpstreamChannelTest {
    private static final String UPSTREAM = "AC" + "f".repeat(32);
    private static final String TOKEN = "upstream-auth-token";
    private static final String PUBLIC_URL = "https://parley.example";
    private static final String NUMBER = "+14155550199";
    private static final String HANDSET = "+12025550123";

    private final AdjustableClock clock = new AdjustableClock();
    private final IdGenerator ids = new RandomIdGenerator();
    private final List<HttpTransport.Exchange> calls = new CopyOnWriteArrayList<>();
    private final List<ReceiptSink.Receipt> receipts = new CopyOnWriteArrayList<>();
    /** Each media fetch: the URL and the headers sent. */
    private final List<Map.Entry<String, Map<String, String>>> fetches = new CopyOnWriteArrayList<>();
    /** Whether the media host answers a fetch without credentials. */
    private volatile boolean mediaOpen;
    private final MediaFetcher media = new MediaFetcher() {
        @Override
        public Result fetch(String url, Path target) {
            return fetch(url, Map.of(), target);
        }

        @Override
        public Result fetch(String url, Map<String, String> headers, Path target) {
            fetches.add(Map.entry(url, headers));
            return mediaOpen || headers.containsKey("Authorization") ? new Result.Fetched("image/png", 4)
                    : new Result.Failed(11200, "401 from the media host");
        }
    };
    private Path folder;
    private Database database;
    private String account;
    private HttpTransport.Response answer;
    private IOException failure;
    private TwilioUpstreamChannel channel;

    @BeforeEach
    void start() throws IOException {
        folder = Files.createTempDirectory("parley-twilio-upstream-");
        database = Database.open("jdbc:sqlite:" + folder.resolve("parley.db"));
        account = new AccountService(database, ids, clock).ensureMainAccount(null, null).account().sid();
        TablePricing pricing = new TablePricing(PriceTable.bundled(), clock);
        StatusCallbacks callbacks = new StatusCallbacks(ids, clock, 3);
        SendPacing pacing = new SendPacing(new SendPacing.Parts(new SenderQueue(SendRates.UNLIMITED, clock),
                new FairShare(FairShare.DEFAULT_SHARE), callbacks, pricing, ids, clock, 3));
        MessageService messages = new MessageService(database, clock, ids, pricing, 3, pacing);
        InboundService inbound = new InboundService(database, ids, clock, new InboundService.Parts(messages, pricing,
                3, ConversationRouter.NONE));
        HttpTransport http = exchange -> {
            calls.add(exchange);
            if (failure != null) {
                throw failure;
            }
            return answer;
        };
        channel = new TwilioUpstreamChannel("twilio:up", account,
                new TwilioSettings(UPSTREAM, TOKEN, "https://upstream.example"),
                new TwilioUpstreamChannel.Parts(http, media, (accountSid, url) -> url.replace("/mine/",
                        "/signed-for-" + accountSid + "/"), database, inbound, (tx, r) -> receipts.add(r), clock,
                        PUBLIC_URL));
        database.writeVoid(tx -> tx.numbers().insert(new IncomingPhoneNumber(ids.sid("PN"), account,
                new PhoneNumber(NUMBER), "upstream number", new IncomingPhoneNumber.Webhooks(null, "POST", null,
                        "POST", null, "POST"), "twilio:up", clock.instant(), clock.instant(), null)));
    }

    @AfterEach
    void stop() throws IOException {
        database.close();
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Message outbound(String providerId) {
        Message m = new Message(ids.sid("MM"), account, null, NUMBER, HANDSET, "hello upstream",
                List.of("https://media.example/a.jpg", PUBLIC_URL + "/mine/b.png"), 1, Direction.OUTBOUND_API,
                MessageStatus.SENT, null, null, null, "USD", "twilio:up", providerId, Message.StatusCallback.NONE,
                clock.instant(), clock.instant(), clock.instant());
        database.writeVoid(tx -> tx.messages().insert(m));
        return m;
    }

    @Test
    void sendCreatesTheMessageUpstreamWithBasicAuthAndParleysStatusCallback() {
        answer = new HttpTransport.Response(201, "{\"sid\":\"SM" + "1".repeat(32) + "\",\"status\":\"queued\"}",
                "application/json");
        Message m = outbound(null);

        SendResult result = channel.send(m);

        assertThat(result).isEqualTo(new SendResult.Accepted("SM" + "1".repeat(32)));
        HttpTransport.Exchange call = calls.getFirst();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.uri()).hasToString("https://upstream.example/2010-04-01/Accounts/" + UPSTREAM
                + "/Messages.json");
        assertThat(call.headers()).containsEntry("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (UPSTREAM + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(form(call.body())).containsExactly(
                Map.entry("To", List.of(HANDSET)),
                Map.entry("From", List.of(NUMBER)),
                Map.entry("Body", List.of("hello upstream")),
                Map.entry("MediaUrl", List.of("https://media.example/a.jpg",
                        PUBLIC_URL + "/signed-for-" + account + "/b.png")),
                Map.entry("StatusCallback", List.of(PUBLIC_URL + "/webhooks/twilio/up/status?ParleyAccountSid="
                        + account + "&ParleyMessageSid=" + m.sid())));
    }

    @Test
    void anUpstreamRefusalRejectsWithItsTwilioCode() {
        answer = new HttpTransport.Response(400, "{\"code\":21211,\"message\":\"The 'To' number is not valid.\","
                + "\"status\":400}", "application/json");

        SendResult result = channel.send(outbound(null));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(r.errorCode()).isEqualTo(21211);
            assertThat(r.reason()).contains("400").contains("21211");
        });
    }

    @Test
    void aRefusalWithoutACodeRejectsWith30008() {
        answer = new HttpTransport.Response(404, "<html>not here</html>", "text/html");

        assertThat(channel.send(outbound(null))).isInstanceOfSatisfying(SendResult.Rejected.class,
                r -> assertThat(r.errorCode()).isEqualTo(30008));
    }

    @Test
    void throttlingServerErrorsBadCredentialsAndNetworkTroubleAreRetried() {
        Message m = outbound(null);
        for (int status : new int[] {429, 500, 503, 401, 403}) {
            answer = new HttpTransport.Response(status, "{\"code\":20429,\"message\":\"Too many\"}",
                    "application/json");
            assertThat(channel.send(m)).as("status %d", status).isInstanceOfSatisfying(SendResult.RetryLater.class,
                    r -> assertThat(r.reason()).contains(String.valueOf(status)));
        }
        answer = new HttpTransport.Response(201, "{}", "application/json");
        assertThat(channel.send(m)).as("accepted without a sid").isInstanceOf(SendResult.RetryLater.class);
        failure = new java.net.ConnectException("Connection refused");
        assertThat(channel.send(m)).isInstanceOfSatisfying(SendResult.RetryLater.class,
                r -> assertThat(r.reason()).contains("Connection refused").doesNotContain(TOKEN));
    }

    @Test
    void aSignedStatusCallbackBecomesAReceiptWithTheUpstreamsErrorCode() {
        Message m = outbound("SM" + "2".repeat(32));
        String url = channel.statusCallback(m);
        Map<String, String> form = Map.of("MessageSid", "SM" + "2".repeat(32), "MessageStatus", "undelivered",
                "ErrorCode", "30003", "AccountSid", UPSTREAM);

        ProviderResponse response = channel.handle(signed(url, "/status", form, TOKEN));

        assertThat(response.status()).isEqualTo(204);
        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.accountSid()).isEqualTo(account);
            assertThat(r.messageSid()).isEqualTo(m.sid());
            assertThat(r.status()).isEqualTo(MessageStatus.UNDELIVERED);
            assertThat(r.errorCode()).isEqualTo(30003);
        });
    }

    @Test
    void aCallbackWithoutParleysQueryIsFoundByTheUpstreamSid() {
        Message m = outbound("SM" + "3".repeat(32));
        String url = PUBLIC_URL + "/webhooks/twilio/up/status";

        ProviderResponse response = channel.handle(signed(url, "/status",
                Map.of("MessageSid", "SM" + "3".repeat(32), "MessageStatus", "delivered"), TOKEN));

        assertThat(response.status()).isEqualTo(204);
        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.messageSid()).isEqualTo(m.sid());
            assertThat(r.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(r.errorCode()).isNull();
        });
    }

    @Test
    void sentAndQueuedCallbacksAddNothing() {
        Message m = outbound("SM" + "4".repeat(32));
        for (String status : List.of("queued", "sending", "sent")) {
            assertThat(channel.handle(signed(channel.statusCallback(m), "/status",
                    Map.of("MessageSid", "SM" + "4".repeat(32), "MessageStatus", status), TOKEN)).status())
                    .isEqualTo(204);
        }
        assertThat(receipts).isEmpty();
    }

    @Test
    void aCallbackForAnotherUpstreamMessageOrAnotherAccountChangesNothing() {
        Message m = outbound("SM" + "5".repeat(32));
        ProviderResponse otherSid = channel.handle(signed(channel.statusCallback(m), "/status",
                Map.of("MessageSid", "SM" + "6".repeat(32), "MessageStatus", "delivered"), TOKEN));
        String foreign = PUBLIC_URL + "/webhooks/twilio/up/status?ParleyAccountSid=AC" + "9".repeat(32)
                + "&ParleyMessageSid=" + m.sid();
        ProviderResponse otherAccount = channel.handle(signed(foreign, "/status",
                Map.of("MessageSid", "SM" + "5".repeat(32), "MessageStatus", "delivered"), TOKEN));

        assertThat(otherSid.status()).isEqualTo(404);
        assertThat(otherAccount.status()).isEqualTo(404);
        assertThat(receipts).isEmpty();
    }

    @Test
    void forgedUnsignedOrTamperedCallbacksAre403AndChangeNothing() {
        Message m = outbound("SM" + "7".repeat(32));
        String url = channel.statusCallback(m);
        Map<String, String> form = Map.of("MessageSid", "SM" + "7".repeat(32), "MessageStatus", "delivered");

        ProviderResponse forged = channel.handle(signed(url, "/status", form, "not-the-token"));
        ProviderResponse unsigned = channel.handle(request(url, "/status", form, Map.of()));
        ProviderRequest good = signed(url, "/status", form, TOKEN);
        ProviderResponse tampered = channel.handle(new ProviderRequest("POST", url, "/status", Map.of(),
                good.headers(), encode(Map.of("MessageSid", "SM" + "7".repeat(32), "MessageStatus", "failed",
                        "ErrorCode", "30007"))));
        ProviderResponse otherUrl = channel.handle(new ProviderRequest("POST", url.replace(m.sid(), "SMx"),
                "/status", Map.of(), good.headers(), good.body()));

        assertThat(List.of(forged, unsigned, tampered, otherUrl)).extracting(ProviderResponse::status)
                .containsOnly(403);
        assertThat(receipts).isEmpty();
    }

    @Test
    void aSignedInboundMessageIsReceivedOnceAndAnsweredWithEmptyTwiml() {
        String url = PUBLIC_URL + "/webhooks/twilio/up/inbound";
        Map<String, String> form = Map.of("MessageSid", "SM" + "8".repeat(32), "AccountSid", UPSTREAM,
                "From", HANDSET, "To", NUMBER, "Body", "hi from the upstream", "NumMedia", "0");

        ProviderResponse first = channel.handle(signed(url, "/inbound", form, TOKEN));
        ProviderResponse repeated = channel.handle(signed(url, "/inbound", form, TOKEN));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/xml");
        assertThat(first.body()).contains("<Response></Response>");
        assertThat(repeated.status()).isEqualTo(200);
        List<Message> received = received();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.from()).isEqualTo(HANDSET);
            assertThat(m.body()).isEqualTo("hi from the upstream");
            assertThat(m.status()).isEqualTo(MessageStatus.RECEIVED);
            assertThat(m.channel()).isEqualTo("twilio:up");
            assertThat(m.providerId()).isEqualTo("SM" + "8".repeat(32));
        });
    }

    @Test
    void aForgedInboundMessageIsRefusedAndNothingIsStored() {
        String url = PUBLIC_URL + "/webhooks/twilio/up/inbound";
        Map<String, String> form = Map.of("MessageSid", "SM" + "9".repeat(32), "From", HANDSET, "To", NUMBER,
                "Body", "forged");

        assertThat(channel.handle(signed(url, "/inbound", form, "guessed")).status()).isEqualTo(403);
        assertThat(channel.handle(request(url, "/inbound", form, Map.of())).status()).isEqualTo(403);
        assertThat(received()).isEmpty();
    }

    @Test
    void anInboundMessageToANumberOfAnotherAccountIsRefused() {
        String other = new AccountService(database, ids, clock).ensureMainAccount("AC" + "e".repeat(32), "t")
                .account().sid();
        database.writeVoid(tx -> tx.numbers().insert(new IncomingPhoneNumber(ids.sid("PN"), other,
                new PhoneNumber("+14155550188"), "not ours", new IncomingPhoneNumber.Webhooks(null, "POST", null,
                        "POST", null, "POST"), "simulator", clock.instant(), clock.instant(), null)));
        Map<String, String> form = Map.of("MessageSid", "SM" + "a".repeat(32), "From", HANDSET,
                "To", "+14155550188", "Body", "to someone else");

        ProviderResponse response = channel.handle(signed(PUBLIC_URL + "/webhooks/twilio/up/inbound", "/inbound",
                form, TOKEN));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("21606");
        assertThat(database.read(tx -> tx.messages().list(other, MessageFilter.ALL, PageRequest.first(10)))
                .items()).isEmpty();
    }

    @Test
    void theChannelsStateFollowsTheLastCallAndAForgedWebhookShowsAsItsLastError() {
        Message m = outbound(null);
        assertThat(channel.state()).get().satisfies(s -> assertThat(s.status()).isEqualTo("ready"));

        answer = new HttpTransport.Response(401, "{\"code\":20003,\"message\":\"Authenticate\"}",
                "application/json");
        channel.send(m);
        assertThat(channel.state()).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo("unauthorized");
            assertThat(s.lastError()).contains("401").contains("20003").doesNotContain(TOKEN);
            assertThat(s.lastErrorAt()).isNotNull().isBeforeOrEqualTo(clock.instant());
        });
        answer = new HttpTransport.Response(503, "", "text/plain");
        channel.send(m);
        assertThat(channel.state()).get().satisfies(s -> assertThat(s.status()).isEqualTo("failing"));
        answer = new HttpTransport.Response(400, "{\"code\":21211}", "application/json");
        channel.send(m);
        assertThat(channel.state()).get().satisfies(s -> {
            assertThat(s.status()).as("a refusal of one message: the connection works").isEqualTo("ready");
            assertThat(s.lastError()).contains("21211");
        });
        answer = new HttpTransport.Response(201, "{\"sid\":\"SM1\"}", "application/json");
        channel.send(m);
        assertThat(channel.state()).get().satisfies(s -> assertThat(s.status()).isEqualTo("ready"));

        channel.handle(signed(channel.statusCallback(m), "/status",
                Map.of("MessageSid", "SM1", "MessageStatus", "delivered"), "wrong"));
        assertThat(channel.state()).get().satisfies(s -> {
            assertThat(s.status()).isEqualTo("ready");
            assertThat(s.lastError()).contains("X-Twilio-Signature");
        });
        channel.close();
        assertThat(channel.state()).get().satisfies(s -> assertThat(s.status()).isEqualTo("stopped"));
    }

    @Test
    void theUpstreamsMediaAreFetchedOpenlyFirstThenWithItsCredentialsAndNoOtherUrlIsTaken() {
        String url = "https://upstream.example/2010-04-01/Accounts/" + UPSTREAM + "/Messages/MM1/Media/ME1";
        Path target = folder.resolve("media");

        assertThat(channel.fetchMedia("https://elsewhere.example/cat.png", target)).isEmpty();
        assertThat(channel.fetchMedia("https://upstream.example/2010-04-01/Accounts/AC" + "0".repeat(32)
                + "/Messages/MM1/Media/ME1", target)).as("another account's media").isEmpty();
        assertThat(fetches).isEmpty();

        assertThat(channel.fetchMedia(url, target)).get().isInstanceOf(MediaFetcher.Result.Fetched.class);
        assertThat(fetches).extracting(Map.Entry::getValue).containsExactly(Map.of(), Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((UPSTREAM + ":" + TOKEN)
                        .getBytes(StandardCharsets.UTF_8))));

        fetches.clear();
        mediaOpen = true;
        assertThat(channel.fetchMedia(url, target)).get().isInstanceOf(MediaFetcher.Result.Fetched.class);
        assertThat(fetches).as("open media: no credentials sent").singleElement()
                .satisfies(f -> assertThat(f.getValue()).isEmpty());
    }

    @Test
    void toStringNeverShowsTheAuthToken() {
        assertThat(channel.toString()).contains(UPSTREAM).doesNotContain(TOKEN);
    }

    private List<Message> received() {
        return database.read(tx -> tx.messages().list(account, MessageFilter.ALL, PageRequest.first(100))).items()
                .stream().filter(m -> m.direction() == Direction.INBOUND).toList();
    }

    private static ProviderRequest signed(String url, String subPath, Map<String, String> form, String token) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return request(url, subPath, form, Map.of("x-twilio-signature", RequestSignature.sign(token, url, params)));
    }

    private static ProviderRequest request(String url, String subPath, Map<String, String> form,
            Map<String, String> headers) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv[1]));
            }
        }
        return new ProviderRequest("POST", url, subPath, query, headers, encode(form));
    }

    private static byte[] encode(Map<String, String> form) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(form.entrySet());
        return Forms.encode(fields).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> form(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            fields.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}
