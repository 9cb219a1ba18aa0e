package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What a whatsapp or twilio channel is for, on the wire: a number's WhatsApp sender is bound with
 * {@code WhatsAppChannel=whatsapp:<Name>} and its SMS with {@code Channel=twilio:<Name>} (short codes and alpha senders
 * too), only by the channel's owner or its subaccounts; a WhatsApp number never routes SMS. Its provider's webhooks
 * reach it at {@code /webhooks/<type>/<Name>} without Parley's credentials; and its health (status, request rate,
 * last error) shows at {@code /parley/v1/Channels/<Name>} and in {@code /metrics}.
 */
interface ProviderChannelBindingContract {
    String CHANNELS = "/parley/v1/Channels";
    String API = "/2010-04-01/Accounts/";

    Parley parley();

    private static String uniqueName() {
        return "b-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
    }

    private String[] subaccount(String friendlyName) {
        Parley.Answer sub = parley().post("/2010-04-01/Accounts.json", Map.of("FriendlyName", friendlyName));
        assertThat(sub.status()).isEqualTo(201);
        return new String[] {sub.json().path("sid").asText(), sub.json().path("auth_token").asText()};
    }

    private static Map<String, String> whatsApp(String name, String verifyToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", name);
        form.put("Type", "whatsapp");
        form.put("PhoneNumberId", "106540352242922");
        form.put("BusinessAccountId", "102290129340398");
        form.put("AccessToken", "token-" + name);
        form.put("AppSecret", "secret-" + name);
        form.put("VerifyToken", verifyToken);
        // Nothing listens on the discard port: any call the channel makes fails at once.
        form.put("GraphBaseUrl", "http://127.0.0.1:9/v21.0");
        return form;
    }

    private static Map<String, String> twilio(String name) {
        return new LinkedHashMap<>(Map.of("Name", name, "Type", "twilio", "AccountSid", "AC" + "1".repeat(32),
                "AuthToken", "auth-" + name, "BaseUrl", "http://127.0.0.1:9"));
    }

    private static void assertRefused(Parley.Answer answer, int code, String mentions) {
        ChannelsContract.assertRefused(answer, 400, code, mentions);
    }

    private static String shortCode() {
        return String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 99_999_999));
    }

    /** The channel's {@code state} as its owner fetches it. */
    private JsonNode state(String name, String[] owner) {
        return parley().get(CHANNELS + "/" + name, owner[0], owner[1]).json().path("state");
    }

    private HttpResponse<String> raw(HttpRequest.Builder request) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code /metrics} as Prometheus scrapes it. */
    private String metrics() {
        return raw(HttpRequest.newBuilder(URI.create(parley().baseUrl() + "/metrics")).GET()).body();
    }

    @Test
    default void aWhatsAppSenderIsBoundToItsOwnersCloudApiNumberWhichNeverRoutesSms() {
        String name = uniqueName();
        String[] owner = subaccount("whatsapp owner");
        String[] stranger = subaccount("whatsapp stranger");
        Parley.Answer created = parley().post(CHANNELS, whatsApp(name, "verify"), owner[0], owner[1]);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        String channel = "whatsapp:" + name;

        Parley.Answer number = parley().post(API + owner[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "WhatsAppChannel", channel), owner[0], owner[1]);
        assertThat(number.status()).as(String.valueOf(number.json())).isEqualTo(201);
        assertThat(number.json().path("whatsapp_channel").asText()).isEqualTo(channel);
        assertThat(number.json().path("channel").asText()).isEqualTo("simulator");

        // A stranger is answered as for a channel that does not exist, on create and on update.
        Parley.Answer theirs = parley().post(API + stranger[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "WhatsAppChannel", channel), stranger[0], stranger[1]);
        assertRefused(theirs, 20001, channel);
        Parley.Answer unknown = parley().post(API + stranger[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "WhatsAppChannel", "whatsapp:no-such-number"), stranger[0], stranger[1]);
        assertThat(theirs.json().path("message").asText()).isEqualTo(unknown.json().path("message").asText()
                .replace("whatsapp:no-such-number", channel));
        String strangerSid = parley().post(API + stranger[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415"), stranger[0], stranger[1]).json().path("sid").asText();
        String strangerPath = API + stranger[0] + "/IncomingPhoneNumbers/" + strangerSid + ".json";
        assertRefused(parley().post(strangerPath, Map.of("WhatsAppChannel", channel), stranger[0], stranger[1]),
                20001, channel);
        assertThat(parley().get(strangerPath, stranger[0], stranger[1]).json().path("whatsapp_channel").isNull())
                .isTrue();

        // It carries WhatsApp only: no number, short code or route table sends SMS through it.
        assertRefused(parley().post(API + owner[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", channel), owner[0], owner[1]), 20001, "WhatsApp only");
        assertRefused(parley().post("/parley/v1/ShortCodes", Map.of("ShortCode", shortCode(), "Channel", channel),
                owner[0], owner[1]), 20001, "WhatsApp only");
        assertRefused(parley().post(CHANNELS, Map.of("Name", uniqueName(), "Type", "route", "Routes",
                "*=" + channel), owner[0], owner[1]), 20001, "Routes");
        // An SMS channel is no WhatsApp sender either.
        String up = uniqueName();
        assertThat(parley().post(CHANNELS, twilio(up), owner[0], owner[1]).status()).isEqualTo(201);
        assertRefused(parley().post(API + owner[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "WhatsAppChannel", "twilio:" + up), owner[0], owner[1]), 20001,
                "not a channel that carries WhatsApp");
    }

    @Test
    default void numbersShortCodesAndAlphaSendersAreRoutedToTheirOwnersUpstreamTwilioAccount() {
        String name = uniqueName();
        String[] owner = subaccount("upstream owner");
        String[] stranger = subaccount("upstream stranger");
        assertThat(parley().post(CHANNELS + "?AccountSid=" + owner[0], twilio(name)).status()).isEqualTo(201);
        String channel = "twilio:" + name;

        Parley.Answer number = parley().post(API + owner[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", channel), owner[0], owner[1]);
        assertThat(number.status()).as(String.valueOf(number.json())).isEqualTo(201);
        assertThat(number.json().path("channel").asText()).isEqualTo(channel);
        Parley.Answer code = parley().post("/parley/v1/ShortCodes", Map.of("ShortCode", shortCode(), "Channel",
                channel), owner[0], owner[1]);
        assertThat(code.status()).as(String.valueOf(code.json())).isEqualTo(201);
        assertThat(code.json().path("channel").asText()).isEqualTo(channel);
        String service = parley().post("/messaging/v1/Services", Map.of("FriendlyName", "upstream alpha"), owner[0],
                owner[1]).json().path("sid").asText();
        Parley.Answer alpha = parley().post("/messaging/v1/Services/" + service + "/AlphaSenders",
                Map.of("AlphaSender", "Acme", "Channel", channel), owner[0], owner[1]);
        assertThat(alpha.status()).as(String.valueOf(alpha.json())).isEqualTo(201);

        assertRefused(parley().post(API + stranger[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", channel), stranger[0], stranger[1]), 20001,
                "Channel " + channel + " is not configured");
        assertRefused(parley().post("/parley/v1/ShortCodes", Map.of("ShortCode", shortCode(), "Channel", channel),
                stranger[0], stranger[1]), 20001, channel);
    }

    @Test
    default void aCloudApiNumbersWebhooksReachItWithoutParleysCredentialsAndARefusedOneIsItsLastError() {
        String name = uniqueName();
        String[] owner = subaccount("webhook owner");
        assertThat(parley().post(CHANNELS, whatsApp(name, "let-me-in"), owner[0], owner[1]).status())
                .isEqualTo(201);
        JsonNode fresh = state(name, owner);
        assertThat(fresh.path("status").asText()).isEqualTo("ready");
        assertThat(fresh.path("requests_per_second").asDouble()).isZero();
        assertThat(fresh.path("last_error").isNull()).isTrue();
        assertThat(fresh.has("binds_up")).isFalse();

        String hook = parley().baseUrl() + "/webhooks/whatsapp/" + name;
        HttpResponse<String> verified = raw(HttpRequest.newBuilder(URI.create(hook
                + "?hub.mode=subscribe&hub.verify_token=let-me-in&hub.challenge=1158201444")).GET());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).isEqualTo("1158201444");

        HttpResponse<String> forged = raw(HttpRequest.newBuilder(URI.create(hook))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("{\"object\":\"whatsapp_business_account\",\"entry\":[]}")));
        assertThat(forged.statusCode()).isBetween(400, 403);
        JsonNode after = state(name, owner);
        assertThat(after.path("status").asText()).isEqualTo("ready");
        assertThat(after.path("last_error").asText()).contains("X-Hub-Signature-256");
        assertThat(after.path("last_error_at").asText()).isNotEmpty();

        HttpResponse<String> nobody = raw(HttpRequest.newBuilder(URI.create(parley().baseUrl()
                + "/webhooks/whatsapp/" + uniqueName())).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(nobody.statusCode()).isEqualTo(404);
    }

    @Test
    default void anUpstreamThatCannotBeReachedIsFailingWithItsErrorInTheApiAndInMetrics() {
        String name = uniqueName();
        String[] owner = subaccount("failing upstream");
        assertThat(parley().post(CHANNELS, twilio(name), owner[0], owner[1]).status()).isEqualTo(201);
        String channel = "twilio:" + name;
        assertThat(state(name, owner).path("status").asText()).isEqualTo("ready");
        String metric = "parley_channel_status{channel=\"" + channel + "\",status=\"";
        assertThat(metrics()).contains(metric + "ready\"} 1.0", metric + "failing\"} 0.0");

        String from = parley().post(API + owner[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", channel), owner[0], owner[1]).json().path("phone_number")
                .asText();
        Parley.Answer sent = parley().post(API + owner[0] + "/Messages.json",
                Map.of("From", from, "To", "+14155550123", "Body", "through the upstream"), owner[0], owner[1]);
        assertThat(sent.status()).as(String.valueOf(sent.json())).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> state(name, owner).path("status").asText(),
                "failing"::equals);
        JsonNode failing = state(name, owner);
        assertThat(failing.path("last_error").asText()).isNotEmpty().doesNotContain("auth-" + name);
        assertThat(failing.path("last_error_at").asText()).isNotEmpty();
        String metrics = metrics();
        assertThat(metrics).contains(metric + "failing\"} 1.0", metric + "ready\"} 0.0");
        assertThat(metrics).contains("parley_channel_requests_per_second{channel=\"" + channel + "\"}");
        assertThat(metrics).containsPattern("parley_channel_last_error_timestamp_seconds\\{channel=\""
                + channel + "\"} [1-9][0-9.E]*\n");
        assertThat(metrics).doesNotContain("auth-" + name);

        // Deleted, its gauges go with it.
        parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/" + name)).DELETE(),
                owner[0], owner[1]);
        assertThat(metrics()).doesNotContain(metric);
    }
}
