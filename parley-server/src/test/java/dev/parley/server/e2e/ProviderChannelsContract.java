package dev.parley.server.e2e;

import static dev.parley.server.e2e.ChannelsContract.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code /parley/v1/Channels} for the two HTTP API connection types on the wire (raw HTTP: the resource is Parley's
 * own): a WhatsApp Cloud API number ({@code Type=whatsapp}) and an upstream Twilio account ({@code Type=twilio}) are
 * created, fetched, listed, updated and deleted; their access token, app secret, verify token and auth token never
 * come back (only whether each is set) nor reach the log; bad parameters are refused with Twilio's 400 and change
 * nothing.
 */
interface ProviderChannelsContract {
    String CHANNELS = "/parley/v1/Channels";

    Parley parley();

    private static String uniqueName() {
        return "p-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
    }

    private static String secret(String what) {
        return what + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static Map<String, String> whatsAppForm(String name, String token, String appSecret, String verify) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", name);
        form.put("Type", "whatsapp");
        form.put("PhoneNumberId", "106540352242922");
        form.put("BusinessAccountId", "102290129340398");
        form.put("AccessToken", token);
        form.put("AppSecret", appSecret);
        form.put("VerifyToken", verify);
        form.put("GraphBaseUrl", "http://127.0.0.1:9/v21.0/");
        return form;
    }

    private static Map<String, String> twilioForm(String name, String authToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", name);
        form.put("Type", "twilio");
        form.put("AccountSid", "AC" + "0123456789abcdef".repeat(2));
        form.put("AuthToken", authToken);
        form.put("BaseUrl", "http://127.0.0.1:9");
        return form;
    }

    private int delete(String name) {
        return parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/" + name)).DELETE(),
                Parley.ACCOUNT_SID, Parley.AUTH_TOKEN).status();
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        return log;
    }

    private static void stopListening(ListAppender<ILoggingEvent> log) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @Test
    default void aWhatsAppNumberIsCreatedFetchedListedUpdatedAndDeletedAndItsSecretsNeverComeBack() {
        String name = uniqueName();
        String token = secret("token");
        String appSecret = secret("app");
        String verify = secret("verify");
        String newToken = secret("token2");
        List<String> secrets = List.of(token, appSecret, verify, newToken);
        List<JsonNode> answers = new ArrayList<>();
        ListAppender<ILoggingEvent> log = listen();
        try {
            Parley.Answer created = parley().post(CHANNELS, whatsAppForm(name, token, appSecret, verify));
            answers.add(created.json());
            assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
            JsonNode c = created.json();
            assertThat(c.path("sid").asText()).matches("CN[0-9a-f]{32}");
            assertThat(c.path("account_sid").asText()).isEqualTo(Parley.ACCOUNT_SID);
            assertThat(c.path("type").asText()).isEqualTo("whatsapp");
            assertThat(c.path("channel").asText()).isEqualTo("whatsapp:" + name);
            assertThat(c.path("source").asText()).isEqualTo("api");
            assertThat(c.path("phone_number_id").asText()).isEqualTo("106540352242922");
            assertThat(c.path("business_account_id").asText()).isEqualTo("102290129340398");
            assertThat(c.path("graph_base_url").asText()).isEqualTo("http://127.0.0.1:9/v21.0");
            assertThat(c.path("access_token_set").asBoolean()).isTrue();
            assertThat(c.path("app_secret_set").asBoolean()).isTrue();
            assertThat(c.path("verify_token_set").asBoolean()).isTrue();
            assertThat(c.has("access_token")).isFalse();
            assertThat(c.has("app_secret")).isFalse();
            assertThat(c.has("verify_token")).isFalse();
            assertThat(c.path("webhook_url").asText()).isEqualTo(parley().baseUrl() + "/webhooks/whatsapp/" + name);
            assertThat(c.path("url").asText()).isEqualTo(parley().baseUrl() + CHANNELS + "/" + name);
            assertThat(c.has("host")).isFalse();
            assertThat(c.has("routes")).isFalse();

            JsonNode fetched = parley().get(CHANNELS + "/" + name).json();
            answers.add(fetched);
            assertThat(fetched.path("sid").asText()).isEqualTo(c.path("sid").asText());
            assertThat(fetched.path("phone_number_id").asText()).isEqualTo("106540352242922");
            JsonNode list = parley().get(CHANNELS + "?PageSize=1000").json();
            answers.add(list);
            assertThat(list.path("channels").findValuesAsText("name")).contains(name);

            Parley.Answer updated = parley().post(CHANNELS + "/" + name, Map.of("AccessToken", newToken,
                    "GraphBaseUrl", "http://127.0.0.1:10/v22.0", "Type", "WhatsApp"));
            answers.add(updated.json());
            assertThat(updated.status()).as(String.valueOf(updated.json())).isEqualTo(200);
            assertThat(updated.json().path("graph_base_url").asText()).isEqualTo("http://127.0.0.1:10/v22.0");
            assertThat(updated.json().path("phone_number_id").asText()).isEqualTo("106540352242922");
            assertThat(updated.json().path("access_token_set").asBoolean()).isTrue();
            assertThat(updated.json().path("app_secret_set").asBoolean()).isTrue();
            JsonNode after = parley().get(CHANNELS + "/" + name).json();
            answers.add(after);
            assertThat(after.path("graph_base_url").asText()).isEqualTo("http://127.0.0.1:10/v22.0");

            assertThat(delete(name)).isEqualTo(204);
            Parley.Answer gone = parley().get(CHANNELS + "/" + name);
            assertRefused(gone, 404, 20404, name);
            assertThat(parley().get(CHANNELS + "?PageSize=1000").json().path("channels").findValuesAsText("name"))
                    .doesNotContain(name);
        } finally {
            stopListening(log);
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.toString()).doesNotContain(secrets));
        assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(secrets));
    }

    @Test
    default void anUpstreamTwilioAccountIsCreatedUpdatedAndDeletedAndItsAuthTokenNeverComesBack() {
        String name = uniqueName();
        String authToken = secret("auth");
        String newToken = secret("auth2");
        List<JsonNode> answers = new ArrayList<>();
        ListAppender<ILoggingEvent> log = listen();
        try {
            Parley.Answer created = parley().post(CHANNELS, twilioForm(name, authToken));
            answers.add(created.json());
            assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
            JsonNode c = created.json();
            // The form's AccountSid is the upstream account's: the channel is still the caller's own.
            assertThat(c.path("account_sid").asText()).isEqualTo(Parley.ACCOUNT_SID);
            assertThat(c.path("upstream_account_sid").asText()).isEqualTo("AC" + "0123456789abcdef".repeat(2));
            assertThat(c.path("type").asText()).isEqualTo("twilio");
            assertThat(c.path("channel").asText()).isEqualTo("twilio:" + name);
            assertThat(c.path("base_url").asText()).isEqualTo("http://127.0.0.1:9");
            assertThat(c.path("auth_token_set").asBoolean()).isTrue();
            assertThat(c.has("auth_token")).isFalse();
            String hooks = parley().baseUrl() + "/webhooks/twilio/" + name;
            assertThat(c.path("status_callback_url").asText()).isEqualTo(hooks + "/status");
            assertThat(c.path("inbound_url").asText()).isEqualTo(hooks + "/inbound");

            // An update may name another upstream account; the subaccount acted on would be in the query.
            Parley.Answer updated = parley().post(CHANNELS + "/" + name, Map.of("AuthToken", newToken,
                    "AccountSid", "AC" + "f".repeat(32)));
            answers.add(updated.json());
            assertThat(updated.status()).as(String.valueOf(updated.json())).isEqualTo(200);
            assertThat(updated.json().path("upstream_account_sid").asText()).isEqualTo("AC" + "f".repeat(32));
            assertThat(updated.json().path("account_sid").asText()).isEqualTo(Parley.ACCOUNT_SID);
            JsonNode fetched = parley().get(CHANNELS + "/" + name).json();
            answers.add(fetched);
            assertThat(fetched.path("upstream_account_sid").asText()).isEqualTo("AC" + "f".repeat(32));
            assertThat(fetched.path("base_url").asText()).isEqualTo("http://127.0.0.1:9");

            assertThat(delete(name)).isEqualTo(204);
            assertRefused(parley().get(CHANNELS + "/" + name), 404, 20404, name);
        } finally {
            stopListening(log);
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.toString()).doesNotContain(authToken, newToken));
        assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(authToken,
                newToken));
    }

    @Test
    default void aSubaccountsTwilioChannelIsNamedInTheQueryWhileTheFormsAccountSidIsTheUpstreams() {
        Parley.Answer sub = parley().post("/2010-04-01/Accounts.json", Map.of("FriendlyName", "upstream owner"));
        String subSid = sub.json().path("sid").asText();
        String name = uniqueName();
        Parley.Answer created = parley().post(CHANNELS + "?AccountSid=" + subSid, twilioForm(name, secret("auth")));
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        assertThat(created.json().path("account_sid").asText()).isEqualTo(subSid);
        assertThat(created.json().path("upstream_account_sid").asText()).isEqualTo("AC" + "0123456789abcdef".repeat(2));
        assertRefused(parley().get(CHANNELS + "/" + name), 404, 20404, name);
        assertThat(parley().get(CHANNELS + "/" + name + "?AccountSid=" + subSid).json().path("name").asText())
                .isEqualTo(name);
        Parley.Answer updated = parley().post(CHANNELS + "/" + name + "?AccountSid=" + subSid,
                Map.of("BaseUrl", "http://localhost:11"));
        assertThat(updated.status()).as(String.valueOf(updated.json())).isEqualTo(200);
        assertThat(updated.json().path("base_url").asText()).isEqualTo("http://localhost:11");
    }

    @Test
    default void badParametersAreRefusedWithTwiliosErrorNamingThemAndChangeNothing() {
        String name = uniqueName();
        Map<String, String> badWhatsApp = Map.of("PhoneNumberId", "not-a-number", "BusinessAccountId", "12ab",
                "GraphBaseUrl", "ftp://graph.example.com", "AccessToken", " padded ", "Host", "smsc.example.net",
                "AuthToken", "x", "Routes", "*=simulator");
        for (Map.Entry<String, String> e : badWhatsApp.entrySet()) {
            Map<String, String> form = whatsAppForm(name, "t", "s", "v");
            form.put(e.getKey(), e.getValue());
            assertRefused(parley().post(CHANNELS, form), 400, 20001, e.getKey());
        }
        for (String required : List.of("PhoneNumberId", "BusinessAccountId", "AccessToken", "AppSecret",
                "VerifyToken")) {
            Map<String, String> form = whatsAppForm(name, "t", "s", "v");
            form.remove(required);
            assertRefused(parley().post(CHANNELS, form), 400, 20001, "Missing required parameter " + required);
        }
        Map<String, String> badTwilio = Map.of("AccountSid", "AC123", "BaseUrl", "http://user:pw@example.com",
                "AuthToken", "", "PhoneNumberId", "1", "Window", "5");
        for (Map.Entry<String, String> e : badTwilio.entrySet()) {
            Map<String, String> form = twilioForm(name, "t");
            form.put(e.getKey(), e.getValue());
            assertRefused(parley().post(CHANNELS, form), 400, 20001, e.getKey());
        }
        Map<String, String> noToken = twilioForm(name, "t");
        noToken.remove("AuthToken");
        assertRefused(parley().post(CHANNELS, noToken), 400, 20001, "Missing required parameter AuthToken");
        assertRefused(parley().get(CHANNELS + "/" + name), 404, 20404, name);

        // On an existing channel: a bad change beside a good one applies neither; the type cannot change.
        assertThat(parley().post(CHANNELS, whatsAppForm(name, "t", "s", "v")).status()).isEqualTo(201);
        JsonNode before = parley().get(CHANNELS + "/" + name).json();
        for (Map.Entry<String, String> e : badWhatsApp.entrySet()) {
            Map<String, String> form = new LinkedHashMap<>(Map.of("BusinessAccountId", "999"));
            form.put(e.getKey(), e.getValue());
            assertRefused(parley().post(CHANNELS + "/" + name, form), 400, 20001, e.getKey());
        }
        assertRefused(parley().post(CHANNELS + "/" + name, Map.of("Type", "twilio")), 400, 20001, "Type");
        JsonNode after = parley().get(CHANNELS + "/" + name).json();
        assertThat(after.path("business_account_id")).isEqualTo(before.path("business_account_id"));
        assertThat(after.path("date_updated")).isEqualTo(before.path("date_updated"));
        assertThat(delete(name)).isEqualTo(204);
    }
}
