package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.parley.core.webhook.RequestSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Twilio as an upstream (ADR 32), end to end: a second Parley plays Twilio. It has its own account (SID and auth
 * token, which Parley's {@code twilio} channel holds), speaks Twilio's Messages API, delivers to its simulator's
 * handsets, posts status callbacks signed with its auth token, and posts its number's inbound messages to the first
 * Parley's {@code /webhooks/twilio/<Name>/inbound}. Each test uses its own number, bound on both sides, and its own
 * handset; both servers run on the real clock, which the upstream's signed webhooks do not depend on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioUpstreamTest {
    private static final String UPSTREAM_ACCOUNT = FakeTwilio.ACCOUNT_SID;
    private static final String UPSTREAM_TOKEN = FakeTwilio.AUTH_TOKEN;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private Parley parley;
    private FakeTwilio twilio;
    private String channel;

    @BeforeAll
    void start() {
        parley = Parley.start(null, 3);
        twilio = FakeTwilio.start();
        channel = twilio.connect(parley);
    }

    @AfterAll
    void stop() {
        if (twilio != null) {
            twilio.close();
        }
        if (parley != null) {
            parley.close();
        }
    }

    private String boundNumber() {
        return twilio.bindNumber(parley, channel);
    }

    @Test
    void aMessageThroughTheUpstreamIsDeliveredAndItsSignedCallbacksMoveItToDelivered() {
        String number = boundNumber();
        String handset = Fixtures.handset();

        Message sent = Message.creator(Fixtures.phone(handset), Fixtures.phone(number), "Hello over the upstream")
                .create(parley.client());

        JsonNode inbox = await().atMost(WAIT).until(() -> twilio.inbox(handset), m -> m.size() == 1);
        assertThat(inbox.get(0).get("body").asText()).isEqualTo("Hello over the upstream");
        assertThat(inbox.get(0).get("from").asText()).isEqualTo(number);
        await().atMost(WAIT).until(() -> Message.fetcher(sent.getSid()).fetch(parley.client()).getStatus(),
                Message.Status.DELIVERED::equals);
        Message delivered = Message.fetcher(sent.getSid()).fetch(parley.client());
        assertThat(delivered.getErrorCode()).isNull();
        assertThat(delivered.getDateSent()).isNotNull();
        JsonNode upstreamMessage = twilio.messagesTo(handset).get(0);
        assertThat(upstreamMessage.get("status").asText()).isEqualTo("delivered");
        assertThat(upstreamMessage.get("account_sid").asText()).isEqualTo(UPSTREAM_ACCOUNT);
    }

    @Test
    void anUpstreamRefusalFailsTheMessageWithTheUpstreamsCode() {
        String number = boundNumber();
        String handset = Fixtures.handset();
        twilio.handset(handset, Map.of("Behavior", "undeliver",
                "ErrorCode", "30005"));

        Message sent = Message.creator(Fixtures.phone(handset), Fixtures.phone(number), "Anyone there?")
                .create(parley.client());

        await().atMost(WAIT).until(() -> Message.fetcher(sent.getSid()).fetch(parley.client()).getStatus(),
                Message.Status.UNDELIVERED::equals);
        assertThat(Message.fetcher(sent.getSid()).fetch(parley.client()).getErrorCode()).isEqualTo(30005);
    }

    @Test
    void aForgedStatusCallbackIsRefusedAndChangesNothingWhileTheUpstreamsOwnIsTaken() {
        String number = boundNumber();
        String handset = Fixtures.handset();
        twilio.handset(handset, Map.of("Behavior", "silent"));
        Message sent = Message.creator(Fixtures.phone(handset), Fixtures.phone(number), "Quiet one")
                .create(parley.client());
        await().atMost(WAIT).until(() -> Message.fetcher(sent.getSid()).fetch(parley.client()).getStatus(),
                Message.Status.SENT::equals);
        String upstreamSid = twilio.messagesTo(handset).get(0).get("sid").asText();
        String url = parley.baseUrl() + "/webhooks/twilio/" + channel + "/status?ParleyAccountSid="
                + Parley.ACCOUNT_SID + "&ParleyMessageSid=" + sent.getSid();
        Map<String, String> form = Map.of("MessageSid", upstreamSid, "MessageStatus", "failed", "ErrorCode", "30007",
                "AccountSid", UPSTREAM_ACCOUNT);

        int forged = callback(url, form, sign("a-guessed-token", url, form));
        int unsigned = callback(url, form, null);
        int parleysOwnToken = callback(url, form, sign(Parley.AUTH_TOKEN, url, form));

        assertThat(List.of(forged, unsigned, parleysOwnToken)).containsOnly(403);
        Message after = Message.fetcher(sent.getSid()).fetch(parley.client());
        assertThat(after.getStatus()).isEqualTo(Message.Status.SENT);
        assertThat(after.getErrorCode()).isNull();
        assertThat(parley.get("/parley/v1/Channels/" + channel).json().get("state").get("last_error").asText())
                .contains("X-Twilio-Signature");

        // The same request signed with the upstream's token is taken: only the signature was wrong.
        assertThat(callback(url, form, sign(UPSTREAM_TOKEN, url, form))).isEqualTo(204);
        await().atMost(WAIT).until(() -> Message.fetcher(sent.getSid()).fetch(parley.client()).getStatus(),
                Message.Status.FAILED::equals);
        assertThat(Message.fetcher(sent.getSid()).fetch(parley.client()).getErrorCode()).isEqualTo(30007);
    }

    @Test
    void anInboundMessageOnTheUpstreamReachesAConversationWhichAnswersThroughTheUpstream() {
        String number = boundNumber();
        String handset = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("upstream support").create(parley.client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(handset).setMessagingBindingProxyAddress(number)
                .create(parley.client());

        JsonNode posted = twilio.handsetSends(handset, number, Map.of("Body", "My parcel is late"));
        assertThat(posted.get("status").asText()).isEqualTo("received");

        var messages = await().atMost(WAIT).until(() -> conversationMessages(c.getSid()), l -> !l.isEmpty());
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.getAuthor()).isEqualTo(handset);
            assertThat(m.getBody()).isEqualTo("My parcel is late");
        });
        // Parley stored it once, as received on the upstream channel.
        JsonNode received = parley.get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json?From="
                + enc(handset)).json().get("messages");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("status").asText()).isEqualTo("received");
        assertThat(received.get(0).get("to").asText()).isEqualTo(number);

        com.twilio.rest.conversations.v1.conversation.Message.creator(c.getSid()).setAuthor("agent")
                .setBody("It leaves today").create(parley.client());

        JsonNode inbox = await().atMost(WAIT).until(() -> twilio.inbox(handset), m -> m.size() == 1);
        assertThat(inbox.get(0).get("body").asText()).isEqualTo("It leaves today");
        assertThat(inbox.get(0).get("from").asText()).isEqualTo(number);
    }

    @Test
    void conversationMediaReachTheHandsetOverTheUpstreamThroughTheirTemporaryLink() {
        String number = boundNumber();
        String handset = Fixtures.handset();
        Conversation c = Conversation.creator().setFriendlyName("upstream photos").create(parley.client());
        Participant.creator(c.getSid()).setMessagingBindingAddress(handset).setMessagingBindingProxyAddress(number)
                .create(parley.client());
        Participant.creator(c.getSid()).setIdentity("agent").create(parley.client());
        byte[] png = MediaServer.image("png", 20, 10);
        Parley.Answer uploaded = parley.send(HttpRequest.newBuilder(URI.create(parley.baseUrl() + "/mcs/v1/Services/"
                + c.getChatServiceSid() + "/Media?filename=label.png")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
        assertThat(uploaded.status()).isEqualTo(201);

        com.twilio.rest.conversations.v1.conversation.Message.creator(c.getSid()).setAuthor("agent")
                .setBody("Your label").setMediaSid(uploaded.json().get("sid").asText()).create(parley.client());

        JsonNode inbox = await().atMost(WAIT).until(() -> twilio.inbox(handset),
                m -> m.size() == 1 && m.get(0).get("num_media").asInt() == 1);
        assertThat(inbox.get(0).get("body").asText()).isEqualTo("Your label");
        assertThat(inbox.get(0).get("media").get(0).get("content_type").asText()).isEqualTo("image/png");
        assertThat(twilio.bytes(inbox.get(0).get("media").get(0).get("url").asText())).isEqualTo(png);
    }

    @Test
    void anInboundMessageRepeatedByTheUpstreamIsStoredOnceAndAForgedOneNotAtAll() {
        String number = boundNumber();
        String handset = Fixtures.handset();
        String url = parley.baseUrl() + "/webhooks/twilio/" + channel + "/inbound";
        Map<String, String> form = Map.of("MessageSid", "SM" + "0a1b".repeat(8), "AccountSid", UPSTREAM_ACCOUNT,
                "From", handset, "To", number, "Body", "Twice?", "NumMedia", "0");

        HttpResponse<String> first = post(url, form, sign(UPSTREAM_TOKEN, url, form));
        HttpResponse<String> again = post(url, form, sign(UPSTREAM_TOKEN, url, form));
        HttpResponse<String> forged = post(url, Map.of("MessageSid", "SM" + "0c1d".repeat(8), "From", handset,
                "To", number, "Body", "Forged"), sign(UPSTREAM_TOKEN, url, form));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(first.body()).contains("<Response></Response>");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(403);
        JsonNode received = parley.get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json?From="
                + enc(handset)).json().get("messages");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("body").asText()).isEqualTo("Twice?");
    }

    @Test
    void anInboundMmsOnTheUpstreamHasItsMediaFetchedWithTheUpstreamsCredentials() {
        String number = boundNumber();
        String handset = Fixtures.handset();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};
        try (MediaServer files = new MediaServer("127.0.0.1")) {
            String url = files.serve("/upstream/photo.png", "image/png", png);

            twilio.handsetSends(handset, number, Map.of("Body", "See the dent", "MediaUrl", url));

            JsonNode received = await().atMost(WAIT).until(() -> parley.get("/2010-04-01/Accounts/"
                    + Parley.ACCOUNT_SID + "/Messages.json?From=" + enc(handset)).json().get("messages"),
                    l -> l.size() == 1 && l.get(0).get("num_media").asInt() == 1);
            assertThat(received.get(0).get("body").asText()).isEqualTo("See the dent");
            String sid = received.get(0).get("sid").asText();
            JsonNode media = parley.get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + sid
                    + "/Media.json").json().get("media_list");
            assertThat(media).hasSize(1);
            assertThat(media.get(0).get("content_type").asText()).isEqualTo("image/png");
            Parley.Bytes content = parley.getBytes(media.get(0).get("uri").asText().replace(".json", ""), true);
            assertThat(content.status()).isEqualTo(200);
            assertThat(content.body()).isEqualTo(png);
        }
    }

    @Test
    void theChannelReportsItsHealthAndAWrongTokenShowsAsUnauthorized() {
        String name = "bad-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 28);
        assertThat(parley.post("/parley/v1/Channels", Map.of("Name", name, "Type", "twilio",
                "AccountSid", UPSTREAM_ACCOUNT, "AuthToken", "not-the-token", "BaseUrl", twilio.baseUrl())).status())
                .isEqualTo(201);
        String number = "+1415" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        assertThat(parley.post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers.json",
                Map.of("PhoneNumber", number, "Channel", "twilio:" + name)).status()).isEqualTo(201);

        Message.creator(Fixtures.phone(Fixtures.handset()), Fixtures.phone(number), "Let me in")
                .create(parley.client());

        JsonNode state = await().atMost(WAIT).until(() -> parley.get("/parley/v1/Channels/" + name).json(),
                j -> "unauthorized".equals(j.path("state").path("status").asText()));
        assertThat(state.get("state").get("last_error").asText()).contains("401").doesNotContain("not-the-token");
        String metrics = new String(parley.getBytes("/metrics", true).body(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("parley_channel_status{channel=\"twilio:" + name
                + "\",status=\"unauthorized\"} 1.0").doesNotContain("not-the-token");
        assertThat(parley.get("/parley/v1/Channels/" + channel).json().get("state").get("status").asText())
                .isEqualTo("ready");
    }

    private List<com.twilio.rest.conversations.v1.conversation.Message> conversationMessages(String conversation) {
        return StreamSupport.stream(com.twilio.rest.conversations.v1.conversation.Message.reader(conversation)
                .read(parley.client()).spliterator(), false).toList();
    }

    private int callback(String url, Map<String, String> form, String signature) {
        return post(url, form, signature).statusCode();
    }

    /** A webhook as the upstream would post it, with the signature given (null: none). */
    private HttpResponse<String> post(String url, Map<String, String> form, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (signature != null) {
            request.header(RequestSignature.HEADER, signature);
        }
        return exchange(request);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String token, String url, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return RequestSignature.sign(token, url, params);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
