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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
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
    record Sender(String channel, String number, String phoneNumberId, String appSecret, String token) {
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
        return new Sender(name, number.getPhoneNumber().toString(), phoneNumberId, appSecret, token);
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
        WireMockServer graph = new WireMockServer(options().dynamicPort());
        graph.start();
        try {
            Sender sender = sender(graph);
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
        } finally {
            graph.stop();
        }
    }

    @Test
    default void aWhatsAppUserWritesParleyRepliesThroughTheGraphApiAndTheStatusesEndItRead() {
        WireMockServer graph = new WireMockServer(options().dynamicPort());
        graph.start();
        try {
            Sender sender = sender(graph);
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
        } finally {
            graph.stop();
        }
    }
}
