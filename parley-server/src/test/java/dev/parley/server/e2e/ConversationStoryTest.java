package dev.parley.server.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt;
import com.twilio.rest.conversations.v1.conversation.message.DeliveryReceipt.DeliveryStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole story, end to end: one conversation holds an SMS customer reached through a Twilio account
 * used as an upstream (a second Parley plays Twilio), a WhatsApp customer on a Cloud API number (WireMock plays
 * Meta's Graph API; the test posts Meta's webhooks, signed with the app secret) and an agent in the web chat. One
 * business number carries both: its SMS routed to the upstream, its WhatsApp bound to the Cloud API connection.
 * The agent's first message reaches the SMS customer but not the WhatsApp one (outside WhatsApp's 24-hour window:
 * 63016); a Content template, approved through Meta's template review and sent into the conversation, opens it (the
 * SMS customer and the chat get the text it renders to); the WhatsApp customer answers, and from then on each
 * participant sees what the others write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationStoryTest {
    private static final String PHONE_NUMBER_ID = "109876543210987";
    private static final String BUSINESS_ACCOUNT_ID = "201234567890123";
    private static final String ACCESS_TOKEN = "EAAG-story-access-token";
    private static final String APP_SECRET = "story-app-secret";
    private static final String TEMPLATE_WAMID = "wamid.HBgLMTQxNTU1NTAxMDAVAgARGBI1RjQ0QkU4";
    private static final String TEMPLATE_ID = "1283947561029384";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 28);
    private final String whatsAppChannel = "meta-" + suffix;
    private String twilioChannel;
    private Parley parley;
    private FakeTwilio twilio;
    private WireMockServer graph;

    @BeforeAll
    void start() {
        parley = Parley.start(null, 3);
        twilio = FakeTwilio.start();
        graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
        String messages = "/v21.0/" + PHONE_NUMBER_ID + "/messages";
        // Meta answers every send with the message's wamid; the template's is known, so its statuses can be posted.
        graph.stubFor(post(urlPathEqualTo(messages)).atPriority(5).willReturn(okJson(
                "{\"messaging_product\": \"whatsapp\", \"messages\": [{\"id\": \"wamid.{{randomValue length=24"
                        + " type='ALPHANUMERIC'}}\"}]}").withTransformers("response-template")));
        graph.stubFor(post(urlPathEqualTo(messages)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.type", equalTo("template")))
                .willReturn(okJson("{\"messaging_product\": \"whatsapp\", \"messages\": [{\"id\": \""
                        + TEMPLATE_WAMID + "\", \"message_status\": \"accepted\"}]}")));
        graph.stubFor(post(urlPathEqualTo("/v21.0/" + BUSINESS_ACCOUNT_ID + "/message_templates")).willReturn(
                okJson("{\"id\": \"" + TEMPLATE_ID + "\", \"status\": \"PENDING\", \"category\": \"UTILITY\"}")));

        assertCreated(parley.post("/parley/v1/Channels", Map.of("Name", whatsAppChannel, "Type", "whatsapp",
                "PhoneNumberId", PHONE_NUMBER_ID, "BusinessAccountId", BUSINESS_ACCOUNT_ID,
                "AccessToken", ACCESS_TOKEN, "AppSecret", APP_SECRET, "VerifyToken", "story-verify",
                "GraphBaseUrl", graph.baseUrl() + "/v21.0")));
        twilioChannel = twilio.connect(parley);
    }

    @AfterAll
    void stop() {
        if (graph != null) {
            graph.stop();
        }
        if (twilio != null) {
            twilio.close();
        }
        if (parley != null) {
            parley.close();
        }
    }

    @Test
    void smsOverTheUpstreamWhatsAppOverTheCloudApiAndTheWebChatShareOneConversationOnceATemplateOpensTheWindow() {
        // One business number: SMS through the upstream account, WhatsApp through the Cloud API connection.
        String business = twilio.bindNumber(parley, twilioChannel);
        String numberSid = parley.get("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID
                + "/IncomingPhoneNumbers.json?PhoneNumber=" + enc(business)).json().at("/incoming_phone_numbers/0/sid")
                .asText();
        Parley.Answer bound = parley.post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + numberSid + ".json", Map.of("WhatsAppChannel", "whatsapp:" + whatsAppChannel));
        assertThat(bound.status()).as("%s", bound.json()).isEqualTo(200);
        assertThat(bound.json().get("whatsapp_channel").asText()).isEqualTo("whatsapp:" + whatsAppChannel);

        String smsCustomer = Fixtures.handset();
        String whatsAppCustomer = Fixtures.handset();
        String waId = whatsAppCustomer.substring(1);
        String agent = "agent-" + suffix;
        Conversation c = Conversation.creator().setFriendlyName("Order A-100").create(parley.client());
        Participant sms = Participant.creator(c.getSid()).setMessagingBindingAddress(smsCustomer)
                .setMessagingBindingProxyAddress(business).create(parley.client());
        Participant whatsApp = Participant.creator(c.getSid())
                .setMessagingBindingAddress("whatsapp:" + whatsAppCustomer)
                .setMessagingBindingProxyAddress("whatsapp:" + business).create(parley.client());
        Participant.creator(c.getSid()).setIdentity(agent).create(parley.client());
        ChatTokens.Key key = ChatTokens.key(parley);

        try (ChatClient chat = ChatClient.authenticated(parley.port(), ChatTokens.token(parley, key, agent, null))) {
            // 1. The agent writes first: the SMS customer gets it through the upstream; the WhatsApp customer never
            //    wrote, so WhatsApp's window is closed and their copy fails with 63016 before reaching Meta.
            String first = send(chat, c.getSid(), "Hello! Your order A-100 is on its way.");
            Map<String, DeliveryReceipt> receipts = awaitFinalReceipts(c.getSid(), first, 2);
            assertThat(receipts.get(sms.getSid()).getStatus()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(receipts.get(whatsApp.getSid()).getStatus()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(receipts.get(whatsApp.getSid()).getErrorCode()).isEqualTo(63016);
            assertThat(upstreamInbox(smsCustomer)).containsExactly("Hello! Your order A-100 is on its way.");
            assertThat(sentToWhatsApp()).isEmpty();

            // 2. A template, reviewed by Meta: submitted to the business account, approved by Meta's webhook.
            String content = createContent("""
                    {"friendly_name": "order_update", "language": "en", "variables": {"1": "there", "2": "A-0"},
                     "types": {"twilio/text": {
                       "body": "Hi {{1}}, news about order {{2}}: reply to chat with us."}}}""");
            JsonNode submitted = postJson("/content/v1/Content/" + content + "/ApprovalRequests/whatsapp",
                    "{\"name\": \"order_update\", \"category\": \"UTILITY\"}");
            assertThat(submitted.get("status").asText()).isEqualTo("pending");
            graph.verify(1, postRequestedFor(urlPathEqualTo("/v21.0/" + BUSINESS_ACCOUNT_ID + "/message_templates"))
                    .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                    .withRequestBody(matchingJsonPath("$.name", equalTo("order_update"))));
            assertThat(meta("""
                    {"object": "whatsapp_business_account", "entry": [{"id": "%s", "time": 1765000000, "changes": [
                      {"field": "message_template_status_update", "value": {"event": "APPROVED",
                       "message_template_id": %s, "message_template_name": "order_update",
                       "message_template_language": "en", "reason": "NONE"}}]}]}"""
                    .formatted(BUSINESS_ACCOUNT_ID, TEMPLATE_ID))).isEqualTo(200);
            assertThat(parley.get("/content/v1/Content/" + content + "/ApprovalRequests").json().get("whatsapp")
                    .get("status").asText()).isEqualTo("approved");

            // 3. The agent sends the template into the conversation: the WhatsApp customer gets Meta's template
            //    message (outside the window), the SMS customer and the chat the text it renders to.
            var template = com.twilio.rest.conversations.v1.conversation.Message.creator(c.getSid())
                    .setAuthor(agent).setContentSid(content)
                    .setContentVariables("{\"1\": \"Ada\", \"2\": \"A-100\"}").create(parley.client());
            String rendered = "Hi Ada, news about order A-100: reply to chat with us.";
            assertThat(template.getBody()).isEqualTo(rendered);
            assertThat(chat.next(f -> "message".equals(f.path("type").asText())
                    && f.at("/message/sid").asText().equals(template.getSid())).at("/message/body").asText())
                    .isEqualTo(rendered);
            await().atMost(WAIT).until(() -> upstreamInbox(smsCustomer).contains(rendered));
            LoggedRequest templateSend = await().atMost(WAIT).until(() -> graph.findAll(postRequestedFor(
                    urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                    .withRequestBody(matchingJsonPath("$.type", equalTo("template")))), l -> l.size() == 1).getFirst();
            JsonNode templateJson = json(templateSend.getBodyAsString());
            assertThat(templateJson.get("to").asText()).isEqualTo(waId);
            assertThat(templateJson.at("/template/name").asText()).isEqualTo("order_update");
            assertThat(templateJson.at("/template/language/code").asText()).isEqualTo("en");
            assertThat(templateJson.at("/template/components/0/parameters").findValuesAsText("text"))
                    .containsExactly("Ada", "A-100");
            // Meta reports it delivered, then read: the WhatsApp customer's receipt ends read.
            await().atMost(WAIT).until(() -> receiptStatus(c.getSid(), template.getSid(), whatsApp.getSid()),
                    DeliveryStatus.SENT::equals);
            assertThat(meta(statuses(business, waId, "delivered", "read"))).isEqualTo(200);
            await().atMost(WAIT).until(() -> receiptStatus(c.getSid(), template.getSid(), whatsApp.getSid()),
                    DeliveryStatus.READ::equals);

            // 4. The WhatsApp customer answers the template: the window opens and the answer joins the conversation.
            assertThat(meta("""
                    {"object": "whatsapp_business_account", "entry": [{"id": "%s", "changes": [{"field": "messages",
                      "value": {"messaging_product": "whatsapp",
                       "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
                       "contacts": [{"profile": {"name": "Ada"}, "wa_id": "%s"}],
                       "messages": [{"from": "%s", "id": "wamid.ada-answer-%s", "timestamp": "1765000100",
                         "type": "text", "text": {"body": "Great, when will it arrive?"},
                         "context": {"from": "%s", "id": "%s"}}]}}]}]}"""
                    .formatted(BUSINESS_ACCOUNT_ID, business.substring(1), PHONE_NUMBER_ID, waId, waId, suffix,
                            business.substring(1), TEMPLATE_WAMID))).isEqualTo(200);
            JsonNode fromWhatsApp = chat.next(f -> "message".equals(f.path("type").asText())
                    && f.at("/message/author").asText().equals("whatsapp:" + whatsAppCustomer)).get("message");
            assertThat(fromWhatsApp.get("body").asText()).isEqualTo("Great, when will it arrive?");
            await().atMost(WAIT).until(() -> upstreamInbox(smsCustomer).contains("Great, when will it arrive?"));

            // 5. The agent answers in the chat: now both customers get it, the WhatsApp one as a free-form text.
            send(chat, c.getSid(), "Tomorrow before noon.");
            await().atMost(WAIT).until(() -> sentToWhatsApp().contains("Tomorrow before noon."));
            await().atMost(WAIT).until(() -> upstreamInbox(smsCustomer).contains("Tomorrow before noon."));

            // 6. The SMS customer writes through the upstream: the agent and the WhatsApp customer see it.
            JsonNode texted = twilio.handsetSends(smsCustomer, business,
                    Map.of("Body", "I'm the neighbour, I can take it in."));
            assertThat(texted.get("status").asText()).isEqualTo("received");
            JsonNode fromSms = chat.next(f -> "message".equals(f.path("type").asText())
                    && f.at("/message/author").asText().equals(smsCustomer)).get("message");
            assertThat(fromSms.get("body").asText()).isEqualTo("I'm the neighbour, I can take it in.");
            await().atMost(WAIT).until(() -> sentToWhatsApp().contains("I'm the neighbour, I can take it in."));
        }

        // The conversation holds the whole exchange, each message with its author, in order.
        List<String> history = new ArrayList<>();
        com.twilio.rest.conversations.v1.conversation.Message.reader(c.getSid()).read(parley.client())
                .forEach(m -> history.add(m.getAuthor() + ": " + m.getBody()));
        assertThat(history).containsExactly(
                agent + ": Hello! Your order A-100 is on its way.",
                agent + ": Hi Ada, news about order A-100: reply to chat with us.",
                "whatsapp:" + whatsAppCustomer + ": Great, when will it arrive?",
                agent + ": Tomorrow before noon.",
                smsCustomer + ": I'm the neighbour, I can take it in.");
        // What each customer received: the SMS one everything but their own words, the WhatsApp one the template and
        // what was written after their answer.
        assertThat(upstreamInbox(smsCustomer)).containsExactly("Tomorrow before noon.", "Great, when will it arrive?",
                "Hi Ada, news about order A-100: reply to chat with us.", "Hello! Your order A-100 is on its way.");
        assertThat(sentToWhatsApp()).containsExactly("Tomorrow before noon.", "I'm the neighbour, I can take it in.");
        assertThat(graph.findAll(postRequestedFor(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))))
                .allSatisfy(r -> {
                    // Meta can check that the caller holds both the token and the app secret.
                    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
                    assertThat(r.queryParameter("appsecret_proof").firstValue())
                            .isEqualTo(hmacSha256(APP_SECRET, ACCESS_TOKEN.getBytes(StandardCharsets.UTF_8)));
                    assertThat(json(r.getBodyAsString()).get("to").asText()).isEqualTo(waId);
                });
    }

    /** The agent's chat client sends {@code body}; the conversation message's SID. */
    private static String send(ChatClient chat, String conversation, String body) {
        String id = "s-" + Integer.toHexString(body.hashCode());
        chat.send(Map.of("type", "send", "id", id, "conversation_sid", conversation, "body", body));
        JsonNode sent = chat.next(f -> "sent".equals(f.path("type").asText()) && id.equals(f.path("id").asText()));
        return sent.get("message").get("sid").asText();
    }

    /** The bodies of the free-form texts Parley asked the Graph API to send, in order. */
    private List<String> sentToWhatsApp() {
        return graph.findAll(postRequestedFor(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                        .withRequestBody(matchingJsonPath("$.type", equalTo("text")))).stream()
                .map(r -> json(r.getBodyAsString()).at("/text/body").asText()).toList();
    }

    /** Meta's status webhook for the template message: each status in turn, in one delivery. */
    private String statuses(String business, String waId, String... statuses) {
        String each = java.util.Arrays.stream(statuses).map(s -> """
                {"id": "%s", "status": "%s", "timestamp": "1765000050", "recipient_id": "%s"}"""
                .formatted(TEMPLATE_WAMID, s, waId)).collect(Collectors.joining(", "));
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "%s", "changes": [{"field": "messages",
                  "value": {"messaging_product": "whatsapp",
                   "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
                   "statuses": [%s]}}]}]}""".formatted(BUSINESS_ACCOUNT_ID, business.substring(1), PHONE_NUMBER_ID,
                each);
    }

    /** Posts {@code body} to the Cloud API channel's webhook as Meta does, signed with the app secret; the status. */
    private int meta(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(parley.baseUrl() + "/webhooks/whatsapp/"
                        + whatsAppChannel))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmacSha256(APP_SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return exchange(request).statusCode();
    }

    private static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String createContent(String json) {
        return postJson("/content/v1/Content", json).get("sid").asText();
    }

    /** A JSON POST to Parley as the main account; the answer's JSON (2xx asserted). */
    private JsonNode postJson(String path, String json) {
        Parley.Answer answer = parley.send(HttpRequest.newBuilder(URI.create(parley.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)),
                Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
        assertThat(answer.status()).as("POST %s: %s", path, answer.json()).isBetween(200, 299);
        return answer.json();
    }

    private Map<String, DeliveryReceipt> awaitFinalReceipts(String conversation, String message, int count) {
        return await().atMost(WAIT).until(() -> receiptsOf(conversation, message), all -> all.size() == count
                && all.values().stream().allMatch(r -> r.getStatus() != null && r.getStatus() != DeliveryStatus.SENT));
    }

    /** The status of {@code participant}'s receipt of the message; null while it has none. */
    private DeliveryStatus receiptStatus(String conversation, String message, String participant) {
        DeliveryReceipt receipt = receiptsOf(conversation, message).get(participant);
        return receipt == null ? null : receipt.getStatus();
    }

    /** The message's delivery receipts by participant. */
    private Map<String, DeliveryReceipt> receiptsOf(String conversation, String message) {
        Map<String, DeliveryReceipt> byParticipant = new HashMap<>();
        DeliveryReceipt.reader(conversation, message).read(parley.client())
                .forEach(r -> byParticipant.put(r.getParticipantSid(), r));
        return byParticipant;
    }

    /** The bodies in the SMS customer's handset on the upstream, newest first. */
    private List<String> upstreamInbox(String handset) {
        List<String> bodies = new ArrayList<>();
        twilio.inbox(handset).forEach(m -> bodies.add(m.get("body").asText()));
        return bodies;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertCreated(Parley.Answer answer) {
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(201);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
