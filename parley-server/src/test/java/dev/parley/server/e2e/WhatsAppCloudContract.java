package dev.parley.server.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A WhatsApp sender on a Cloud API connection, end to end, with WireMock playing Meta's Graph API: the connection is
 * created through {@code /parley/v1/Channels}, a number bound to it with {@code WhatsAppChannel=whatsapp:<Name>};
 * Meta's webhooks reach {@code /webhooks/whatsapp/<Name>} signed with the app secret (forged ones are refused and
 * change nothing); a reply sent through Twilio's SDK reaches the Graph API with the bearer token and
 * {@code appsecret_proof}; its statuses, out of order and repeated, end it {@code read}.
 */
interface WhatsAppCloudContract {

    Parley parley();

    /** A Cloud API connection of the main account on {@code graph}, and a fresh number bound to it. */
    record Sender(String channel, String number, String numberSid, String phoneNumberId, String appSecret,
            String token) {
    }

    private Sender sender(WireMockServer graph) {
        String name = "wa-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
        String phoneNumberId = String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(900_000_000L));
        String appSecret = "secret-" + name;
        String token = "EAAG-" + name;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", name);
        form.put("Type", "whatsapp");
        form.put("PhoneNumberId", phoneNumberId);
        form.put("BusinessAccountId", "102290129340398");
        form.put("AccessToken", token);
        form.put("AppSecret", appSecret);
        form.put("VerifyToken", "verify-" + name);
        form.put("GraphBaseUrl", graph.baseUrl() + "/v21.0");
        Parley.Answer created = parley().post("/parley/v1/Channels", form);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        IncomingPhoneNumber number = Fixtures.number(parley().client(), null, null);
        Parley.Answer bound = parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/"
                + number.getSid() + ".json", Map.of("WhatsAppChannel", "whatsapp:" + name));
        assertThat(bound.status()).as(String.valueOf(bound.json())).isEqualTo(200);
        return new Sender(name, number.getPhoneNumber().toString(), number.getSid(), phoneNumberId, appSecret,
                token);
    }

    /**
     * Unbinds the number and deletes the connection: the suite's other tests share the main account, whose WhatsApp
     * connections receive its approval requests.
     */
    private void remove(Sender sender) {
        parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers/" + sender.numberSid()
                + ".json", Map.of("WhatsAppChannel", ""));
        int deleted = parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + "/parley/v1/Channels/"
                + sender.channel())).DELETE(), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN).status();
        assertThat(deleted).isEqualTo(204);
    }

    /** Runs {@code test} with a fake Graph API and a sender on it, removed afterwards whatever happens. */
    private void withSender(BiConsumer<WireMockServer, Sender> test) {
        WireMockServer graph = new WireMockServer(options().dynamicPort());
        graph.start();
        Sender sender = null;
        try {
            sender = sender(graph);
            test.accept(graph, sender);
        } finally {
            if (sender != null) {
                remove(sender);
            }
            graph.stop();
        }
    }

    private static String hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs {@code json} to the connection's webhook, signed with {@code secret} (null: unsigned). */
    private int webhook(Sender sender, String json, String secret) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(parley().baseUrl() + "/webhooks/whatsapp/"
                + sender.channel())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header("X-Hub-Signature-256", "sha256=" + hmac(secret, body));
        }
        return raw(request).statusCode();
    }

    /** A request as Meta makes it: no Parley credentials, the answer's body as text (Meta's answers are not JSON). */
    private static HttpResponse<String> raw(HttpRequest.Builder request) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String change(Sender sender, String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\""
                + sender.number().substring(1) + "\",\"phone_number_id\":\"" + sender.phoneNumberId() + "\"},"
                + value + "},\"field\":\"messages\"}]}]}";
    }

    private static String text(Sender sender, String from, String wamid, String body) {
        return change(sender, "\"contacts\":[{\"profile\":{\"name\":\"Kerry\"},\"wa_id\":\"" + from.substring(1)
                + "\"}],\"messages\":[{\"from\":\"" + from.substring(1) + "\",\"id\":\"" + wamid + "\",\"timestamp\":"
                + "\"1700000000\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}]");
    }

    private List<Message> received(Sender sender, String from) {
        List<Message> out = new ArrayList<>();
        Message.reader().setTo(new PhoneNumber("whatsapp:" + sender.number()))
                .setFrom(new PhoneNumber("whatsapp:" + from)).read(parley().client()).forEach(out::add);
        return out;
    }

    @Test
    default void metasHandshakeIsAnsweredOnlyWithTheVerifyToken() {
        withSender((graph, sender) -> {
            String base = parley().baseUrl() + "/webhooks/whatsapp/" + sender.channel();
            String good = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
                    + URLEncoder.encode("verify-" + sender.channel(), StandardCharsets.UTF_8);
            HttpResponse<String> ok = raw(HttpRequest.newBuilder(URI.create(base + good)).GET());
            HttpResponse<String> wrong = raw(HttpRequest.newBuilder(URI.create(base
                    + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess")).GET());

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("1158201444");
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(wrong.body()).doesNotContain("1158201444");
        });
    }

    @Test
    default void aWhatsAppUserWritesParleyRepliesThroughTheGraphApiAndTheStatusesEndItRead() {
        withSender((graph, sender) -> {
            String user = Fixtures.handset();
            graph.stubFor(post(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/messages")).willReturn(okJson(
                    "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + user.substring(1)
                            + "\",\"wa_id\":\"" + user.substring(1) + "\"}],\"messages\":[{\"id\":\"wamid.out."
                            + sender.channel() + "\"}]}")));

            String forged = text(sender, user, "wamid.forged." + sender.channel(), "forged");
            assertThat(webhook(sender, forged, null)).isEqualTo(401);
            assertThat(webhook(sender, forged, "not-the-app-secret")).isEqualTo(403);
            assertThat(received(sender, user)).isEmpty();

            String hello = text(sender, user, "wamid.in." + sender.channel(), "Hello Parley");
            assertThat(webhook(sender, hello, sender.appSecret())).isEqualTo(200);
            assertThat(webhook(sender, hello, sender.appSecret())).isEqualTo(200);
            assertThat(received(sender, user)).singleElement().satisfies(m -> {
                assertThat(m.getBody()).isEqualTo("Hello Parley");
                assertThat(m.getStatus()).isEqualTo(Message.Status.RECEIVED);
                assertThat(m.getDirection()).isEqualTo(Message.Direction.INBOUND);
            });

            Message reply = Message.creator(new PhoneNumber("whatsapp:" + user),
                    new PhoneNumber("whatsapp:" + sender.number()), "Hello Kerry").create(parley().client());
            await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(reply.getSid())
                    .fetch(parley().client()).getStatus() == Message.Status.SENT);
            graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/messages"))
                    .withHeader("Authorization", equalTo("Bearer " + sender.token()))
                    .withQueryParam("appsecret_proof", equalTo(hmac(sender.appSecret(),
                            sender.token().getBytes(StandardCharsets.UTF_8))))
                    .withRequestBody(matchingJsonPath("$.to", equalTo(user.substring(1))))
                    .withRequestBody(matchingJsonPath("$.text.body", equalTo("Hello Kerry"))));

            for (String status : List.of("read", "delivered", "sent", "read")) {
                assertThat(webhook(sender, change(sender, "\"statuses\":[{\"id\":\"wamid.out." + sender.channel()
                        + "\",\"status\":\"" + status + "\",\"timestamp\":\"1700000100\",\"recipient_id\":\""
                        + user.substring(1) + "\"}]"), sender.appSecret())).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(reply.getSid())
                    .fetch(parley().client()).getStatus() == Message.Status.READ);
            Parley.Answer channel = parley().get("/parley/v1/Channels/" + sender.channel());
            assertThat(channel.json().toString()).doesNotContain(sender.token(), sender.appSecret());
        });
    }

    @Test
    default void aContentIsSubmittedAsATemplateApprovedByMetasWebhookAndSentAsThatTemplate() {
        withSender((graph, sender) -> {
            String user = Fixtures.handset();
            String templateName = "order_" + sender.channel().replace('-', '_');
            graph.stubFor(post(urlPathEqualTo("/v21.0/102290129340398/message_templates")).willReturn(okJson(
                    "{\"id\":\"5944254792\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")));
            graph.stubFor(post(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/messages")).willReturn(okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.tpl."
                            + sender.channel() + "\"}]}")));
            Parley.Answer content = json("/content/v1/Content", "{\"friendly_name\": \"" + templateName
                    + "\", \"language\": \"en\", \"variables\": {\"1\": \"there\"}, \"types\": {\"twilio/text\":"
                    + " {\"body\": \"Hi {{1}}, your order has shipped.\"}}}");
            assertThat(content.status()).as(String.valueOf(content.json())).isEqualTo(201);
            String sid = content.json().get("sid").asText();

            Parley.Answer submitted = json("/content/v1/Content/" + sid + "/ApprovalRequests/whatsapp",
                    "{\"name\": \"" + templateName + "\", \"category\": \"UTILITY\"}");
            assertThat(submitted.status()).as(String.valueOf(submitted.json())).isEqualTo(201);
            assertThat(submitted.json().get("status").asText()).isEqualTo("pending");
            graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/102290129340398/message_templates"))
                    .withHeader("Authorization", equalTo("Bearer " + sender.token()))
                    .withRequestBody(matchingJsonPath("$.name", equalTo(templateName)))
                    .withRequestBody(matchingJsonPath("$.components[0].text",
                            equalTo("Hi {{1}}, your order has shipped."))));

            String approved = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
                    + "\"time\":1700000200,\"changes\":[{\"value\":{\"event\":\"APPROVED\","
                    + "\"message_template_id\":5944254792,\"message_template_name\":\"" + templateName + "\","
                    + "\"message_template_language\":\"en\",\"reason\":\"NONE\"},"
                    + "\"field\":\"message_template_status_update\"}]}]}";
            assertThat(webhook(sender, approved, "not-the-app-secret")).isEqualTo(403);
            assertThat(parley().get("/content/v1/Content/" + sid + "/ApprovalRequests").json().get("whatsapp")
                    .get("status").asText()).isEqualTo("pending");
            assertThat(webhook(sender, approved, sender.appSecret())).isEqualTo(200);
            assertThat(parley().get("/content/v1/Content/" + sid + "/ApprovalRequests").json().get("whatsapp")
                    .get("status").asText()).isEqualTo("approved");

            Parley.Answer sent = parley().post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages.json",
                    Map.of("From", "whatsapp:" + sender.number(), "To", "whatsapp:" + user, "ContentSid", sid,
                            "ContentVariables", "{\"1\": \"Ada\"}"));
            assertThat(sent.status()).as(String.valueOf(sent.json())).isEqualTo(201);
            String messageSid = sent.json().get("sid").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(messageSid)
                    .fetch(parley().client()).getStatus() == Message.Status.SENT);
            graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/messages"))
                    .withRequestBody(matchingJsonPath("$.type", equalTo("template")))
                    .withRequestBody(matchingJsonPath("$.template.name", equalTo(templateName)))
                    .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("en")))
                    .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].text",
                            equalTo("Ada"))));
        });
    }

    @Test
    default void mediaTravelBothWaysAReceivedImageIsStoredAndSentBackByUpload() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0};
        withSender((graph, sender) -> {
            String user = Fixtures.handset();
            String mediaId = "129674492" + Math.abs(sender.channel().hashCode());
            graph.stubFor(get(urlPathEqualTo("/v21.0/" + mediaId))
                    .withQueryParam("phone_number_id", equalTo(sender.phoneNumberId()))
                    .withHeader("Authorization", equalTo("Bearer " + sender.token()))
                    .willReturn(okJson("{\"url\":\"" + graph.baseUrl() + "/lookaside/" + mediaId
                            + "\",\"mime_type\":\"image/png\",\"id\":\"" + mediaId + "\"}")));
            graph.stubFor(get(urlPathEqualTo("/lookaside/" + mediaId))
                    .withHeader("Authorization", equalTo("Bearer " + sender.token()))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png)));
            graph.stubFor(post(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/media"))
                    .willReturn(okJson("{\"id\":\"uploaded-" + mediaId + "\"}")));
            graph.stubFor(post(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/messages")).willReturn(okJson(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.media."
                            + sender.channel() + "\"}]}")));

            assertThat(webhook(sender, change(sender, "\"messages\":[{\"from\":\"" + user.substring(1)
                    + "\",\"id\":\"wamid.img." + sender.channel() + "\",\"timestamp\":\"1700000000\","
                    + "\"type\":\"image\",\"image\":{\"caption\":\"my cat\",\"mime_type\":\"image/png\","
                    + "\"id\":\"" + mediaId + "\"}}]"), sender.appSecret())).isEqualTo(200);

            Message received = received(sender, user).getFirst();
            assertThat(received.getBody()).isEqualTo("my cat");
            await().atMost(Duration.ofSeconds(10)).until(() -> Media.reader(received.getSid())
                    .read(parley().client()).iterator().hasNext());
            Media stored = Media.reader(received.getSid()).read(parley().client()).iterator().next();
            assertThat(stored.getContentType()).isEqualTo("image/png");
            String content = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/Messages/" + received.getSid()
                    + "/Media/" + stored.getSid();
            assertThat(parley().getBytes(content, true).body()).isEqualTo(png);

            Message reply = Message.creator(new PhoneNumber("whatsapp:" + user),
                    new PhoneNumber("whatsapp:" + sender.number()), "nice")
                    .setMediaUrl(List.of(URI.create(parley().baseUrl() + content))).create(parley().client());
            await().atMost(Duration.ofSeconds(10)).until(() -> Message.fetcher(reply.getSid())
                    .fetch(parley().client()).getStatus() == Message.Status.SENT);
            graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/media"))
                    .withHeader("Authorization", equalTo("Bearer " + sender.token()))
                    .withRequestBody(containing("name=\"messaging_product\"")));
            graph.verify(postRequestedFor(urlPathEqualTo("/v21.0/" + sender.phoneNumberId() + "/messages"))
                    .withRequestBody(matchingJsonPath("$.type", equalTo("image")))
                    .withRequestBody(matchingJsonPath("$.image.id", equalTo("uploaded-" + mediaId)))
                    .withRequestBody(matchingJsonPath("$.image.caption", equalTo("nice"))));
        });
    }

    private Parley.Answer json(String path, String body) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
    }
}
