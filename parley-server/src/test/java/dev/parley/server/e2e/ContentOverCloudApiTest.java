package dev.parley.server.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.parley.server.e2e.MessagingContract.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Content API with a WhatsApp Cloud API channel, end to end: WireMock plays Meta's Graph API. An approval request
 * becomes a message template of the channel's business account; Meta's signed template-status webhook approves it; a
 * message created from the content then leaves as that template. Before approval, and after a forged webhook, nothing
 * is sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentOverCloudApiTest {
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WABA = "102290129340398";
    private static final String APP_SECRET = "content-test-app-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final WireMockServer graph = new WireMockServer(options().dynamicPort());
    private Parley parley;
    private String channel;

    @BeforeAll
    void start() {
        graph.start();
        graph.stubFor(post(urlPathEqualTo("/v21.0/" + WABA + "/message_templates"))
                .willReturn(okJson("{\"id\":\"594425479261596\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")));
        graph.stubFor(post(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                        + "\"messages\":[{\"id\":\"wamid.content-test\"}]}")));
        parley = Parley.start(null, 3);
        channel = "cloud-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 28);
        Parley.Answer created = parley.post("/parley/v1/Channels", Map.of("Name", channel, "Type", "whatsapp",
                "PhoneNumberId", PHONE_NUMBER_ID, "BusinessAccountId", WABA, "AccessToken", "EAAG-content-token",
                "AppSecret", APP_SECRET, "VerifyToken", "verify", "GraphBaseUrl", graph.baseUrl() + "/v21.0"));
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (parley != null) {
            parley.close();
        }
        graph.stop();
    }

    private Parley.Answer postJson(String path, String json) {
        return parley.send(HttpRequest.newBuilder(URI.create(parley.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }

    /** Meta's webhook POST, signed with {@code secret} as {@code X-Hub-Signature-256}. */
    private int metaWebhook(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(parley.baseUrl() + "/webhooks/whatsapp/" + channel))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String templateStatus(String event) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA + "\",\"time\":1700000200,"
                + "\"changes\":[{\"value\":{\"event\":\"" + event + "\",\"message_template_id\":594425479261596,"
                + "\"message_template_name\":\"order_shipped\",\"message_template_language\":\"en_US\","
                + "\"reason\":\"NONE\"},\"field\":\"message_template_status_update\"}]}]}";
    }

    private String approvalStatus(String sid) {
        return parley.get("/content/v1/Content/" + sid + "/ApprovalRequests").json().get("whatsapp").get("status")
                .asText();
    }

    @Test
    void aTemplateApprovedByMetaIsSentAsThatTemplate() throws Exception {
        IncomingPhoneNumber number = Fixtures.number(parley.client(), null, null);
        Parley.Answer bound = parley.post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + number.getSid() + ".json", Map.of("WhatsAppChannel", "whatsapp:" + channel));
        assertThat(bound.status()).as("%s", bound.json()).isEqualTo(200);
        Parley.Answer content = postJson("/content/v1/Content", """
                {"language": "en", "variables": {"1": "there"},
                 "types": {"twilio/text": {"body": "Hi {{1}}, your order has shipped."}}}""");
        assertThat(content.status()).isEqualTo(201);
        String sid = content.json().get("sid").asText();

        Parley.Answer requested = postJson("/content/v1/Content/" + sid + "/ApprovalRequests/whatsapp",
                "{\"name\": \"order_shipped\", \"category\": \"UTILITY\"}");
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.json().get("status").asText()).isEqualTo("pending");
        graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + WABA + "/message_templates"))
                .withRequestBody(matchingJsonPath("$.name", containing("order_shipped"))));

        PhoneNumber from = new PhoneNumber("whatsapp:" + number.getPhoneNumber());
        PhoneNumber to = new PhoneNumber("whatsapp:" + Fixtures.handset());
        // Not approved yet, it is a free-form message, and the user has not written: outside the 24-hour window.
        assertFailsOutsideTheWindow(Message.creator(to, from, (String) null).setContentSid(sid).create(parley.client()));
        graph.verify(0, postRequestedFor(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages")));

        // A webhook Meta did not sign changes nothing; Meta's own approves the template.
        assertThat(metaWebhook(templateStatus("APPROVED"), "not-the-app-secret")).isIn(401, 403);
        assertThat(approvalStatus(sid)).isEqualTo("pending");
        assertThat(metaWebhook(templateStatus("APPROVED"), APP_SECRET)).isEqualTo(200);
        assertThat(approvalStatus(sid)).isEqualTo("approved");

        Message sent = Message.creator(to, from, (String) null).setContentSid(sid)
                .setContentVariables("{\"1\": \"Ada\"}").create(parley.client());
        assertThat(sent.getBody()).isEqualTo("Hi Ada, your order has shipped.");
        await().atMost(WAIT).until(() -> Message.fetcher(sent.getSid()).fetch(parley.client()).getStatus(),
                Message.Status.SENT::equals);
        graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages"))
                .withRequestBody(matchingJsonPath("$.type", containing("template")))
                .withRequestBody(matchingJsonPath("$.template.name", containing("order_shipped")))
                .withRequestBody(containing("Ada")));

        // Meta pausing it later makes it free-form again: it no longer opens a conversation.
        assertThat(metaWebhook(templateStatus("PAUSED"), APP_SECRET)).isEqualTo(200);
        assertThat(approvalStatus(sid)).isEqualTo("paused");
        assertFailsOutsideTheWindow(Message.creator(to, from, (String) null).setContentSid(sid).create(parley.client()));
        graph.verify(1, postRequestedFor(urlPathEqualTo("/v21.0/" + PHONE_NUMBER_ID + "/messages")));
    }

    private void assertFailsOutsideTheWindow(Message created) {
        await().atMost(WAIT).until(() -> Message.fetcher(created.getSid()).fetch(parley.client()),
                m -> m.getStatus() == Message.Status.FAILED);
        assertThat(Message.fetcher(created.getSid()).fetch(parley.client()).getErrorCode()).isEqualTo(63016);
    }
}
