package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code /parley/v1/Channels} on the wire (raw HTTP: the resource is Parley's own): create, fetch, list, update and
 * delete; every refusal changes nothing; the password never comes back, nor reaches the log; channels are their
 * owner's (and its subaccounts' to route to); channels the configuration file declares are read-only.
 */
interface ChannelsContract {
    String CHANNELS = "/parley/v1/Channels";
    /** Declared in the e2e server's configuration ({@link Parley}). */
    String DECLARED = Parley.DECLARED_CHANNEL;

    Parley parley();

    private static String uniqueName() {
        return "e2e-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);
    }

    private static Map<String, String> smppForm(String name, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Name", name);
        form.put("Type", "SMPP");
        form.put("Host", "127.0.0.1");
        form.put("Port", "9");
        form.put("SystemId", "parley");
        form.put("Password", password);
        form.put("Binds", "2");
        form.put("Window", "10");
        form.put("BindType", "transmitter_receiver");
        return form;
    }

    private Parley.Answer create(String name, String password) {
        Parley.Answer created = parley().post(CHANNELS, smppForm(name, password));
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        return created;
    }

    /** Twilio's error answer: {@code status}, {@code code} and its {@code more_info}, naming {@code mentions}. */
    static void assertRefused(Parley.Answer answer, int status, int code, String mentions) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(status);
        assertThat(answer.json().path("code").asInt()).isEqualTo(code);
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("more_info").asText()).endsWith("/" + code);
        assertThat(answer.json().path("message").asText()).contains(mentions);
    }

    /** A subaccount of the main account: its SID and auth token. */
    private String[] subaccount(String friendlyName) {
        Parley.Answer sub = parley().post("/2010-04-01/Accounts.json", Map.of("FriendlyName", friendlyName));
        assertThat(sub.status()).isEqualTo(201);
        return new String[] {sub.json().path("sid").asText(), sub.json().path("auth_token").asText()};
    }

    @Test
    default void aChannelIsCreatedFetchedListedUpdatedAndDeletedAndItsPasswordNeverComesBack() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        String name = uniqueName();
        String password = "pw" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        List<JsonNode> answers = new ArrayList<>();
        try {
            JsonNode c = create(name, password).json();
            answers.add(c);
            assertThat(c.path("name").asText()).isEqualTo(name);
            assertThat(c.path("sid").asText()).matches("CN[0-9a-f]{32}");
            assertThat(c.path("account_sid").asText()).isEqualTo(Parley.ACCOUNT_SID);
            assertThat(c.path("type").asText()).isEqualTo("smpp");
            assertThat(c.path("channel").asText()).isEqualTo("smpp:" + name);
            assertThat(c.path("source").asText()).isEqualTo("api");
            assertThat(c.path("host").asText()).isEqualTo("127.0.0.1");
            assertThat(c.path("port").asInt()).isEqualTo(9);
            assertThat(c.path("bind_type").asText()).isEqualTo("transmitter_receiver");
            assertThat(c.path("binds").asInt()).isEqualTo(2);
            assertThat(c.path("window").asInt()).isEqualTo(10);
            assertThat(c.path("enquire_link_interval").asDouble()).isEqualTo(30.0);
            assertThat(c.path("split").asText()).isEqualTo("udh8");
            assertThat(c.path("password_set").asBoolean()).isTrue();
            assertThat(c.has("password")).isFalse();
            assertThat(c.path("url").asText()).isEqualTo(parley().baseUrl() + CHANNELS + "/" + name);
            assertThat(c.path("state").path("binds_wanted").asInt()).isEqualTo(2);
            assertThat(c.path("state").path("binds_up").asInt()).isZero();
            assertThat(c.path("state").path("window_size").asInt()).isEqualTo(20);
            assertThat(c.path("state").has("last_error")).isTrue();

            JsonNode fetched = parley().get(CHANNELS + "/" + name).json();
            answers.add(fetched);
            assertThat(fetched.path("sid").asText()).isEqualTo(c.path("sid").asText());
            JsonNode list = parley().get(CHANNELS + "?PageSize=1000").json();
            answers.add(list);
            assertThat(list.path("meta").path("key").asText()).isEqualTo("channels");
            assertThat(list.path("channels").findValuesAsText("name")).contains(name, DECLARED);

            // A change takes effect at once: the channel now open has the new window.
            Parley.Answer updated = parley().post(CHANNELS + "/" + name, Map.of("Window", "50",
                    "MaxSubmitsPerSecond", "100", "ResponseTimeout", "2.5"));
            answers.add(updated.json());
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.json().path("window").asInt()).isEqualTo(50);
            assertThat(updated.json().path("response_timeout").asDouble()).isEqualTo(2.5);
            assertThat(updated.json().path("password_set").asBoolean()).isTrue();
            JsonNode after = parley().get(CHANNELS + "/" + name).json();
            answers.add(after);
            assertThat(after.path("state").path("window_size").asInt()).isEqualTo(100);
            assertThat(after.path("max_submits_per_second").asDouble()).isEqualTo(100.0);

            assertThat(parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/" + name))
                    .DELETE(), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN).status()).isEqualTo(204);
            Parley.Answer gone = parley().get(CHANNELS + "/" + name);
            answers.add(gone.json());
            assertRefused(gone, 404, 20404, name);
            assertThat(parley().get(CHANNELS + "?PageSize=1000").json().path("channels").findValuesAsText("name"))
                    .doesNotContain(name);
        } finally {
            root.detachAppender(log);
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.toString()).doesNotContain(password));
        assertThat(log.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(password));
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("smpp:" + name));
    }

    @Test
    default void everyValidationRefusalNamesTheParameterAndChangesNothing() {
        String name = uniqueName();
        Map<String, String> bad = Map.ofEntries(Map.entry("Window", "0"), Map.entry("Binds", "65"),
                Map.entry("SystemId", "a-system-id-of-16"), Map.entry("Password", "ninechars"),
                Map.entry("Port", "70000"), Map.entry("SourceTon", "256"), Map.entry("DestNpi", "-1"),
                Map.entry("BindType", "receiver"), Map.entry("Split", "udh7"), Map.entry("Tls", "maybe"),
                Map.entry("EnquireLinkInterval", "0"), Map.entry("ReconnectMax", "0.01"),
                Map.entry("ReceiptIdFormat", "octal"), Map.entry("Failover", "smpp:nowhere"),
                Map.entry("Routes", "*=smpp:x"), Map.entry("Type", "http"));
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Map<String, String> form = smppForm(name, "pw");
            form.put(e.getKey(), e.getValue());
            assertRefused(parley().post(CHANNELS, form), 400, 20001, e.getKey());
        }
        Map<String, String> missing = smppForm(name, "pw");
        missing.remove("Host");
        assertRefused(parley().post(CHANNELS, missing), 400, 20001, "Missing required parameter Host");
        assertRefused(parley().post(CHANNELS, Map.of("Name", "Not A Name", "Type", "smpp")), 400, 20001, "Name");
        assertRefused(parley().get(CHANNELS + "/" + name), 404, 20404, name);

        create(name, "pw");
        JsonNode before = settings(parley().get(CHANNELS + "/" + name).json());
        for (Map.Entry<String, String> e : bad.entrySet()) {
            // Beside a valid change, which must not be applied either.
            Map<String, String> form = new LinkedHashMap<>(Map.of("MaxSubmitsPerSecond", "20"));
            form.put(e.getKey(), e.getValue());
            assertRefused(parley().post(CHANNELS + "/" + name, form), 400, 20001, e.getKey());
        }
        assertRefused(parley().post(CHANNELS + "/" + name, Map.of("Name", "other")), 400, 20001, "Name");
        assertRefused(parley().post(CHANNELS, smppForm(name, "pw")), 409, 20409, name);
        assertThat(settings(parley().get(CHANNELS + "/" + name).json())).isEqualTo(before);
        assertThat(before.path("max_submits_per_second").asDouble()).isEqualTo(0.0);
    }

    /**
     * A channel's stored settings: the resource without its live {@code state}, which moves on its own (the binds keep
     * trying their unreachable host, each failure the last error).
     */
    private static JsonNode settings(JsonNode channel) {
        ObjectNode copy = channel.deepCopy();
        copy.remove("state");
        return copy;
    }

    @Test
    default void anotherAccountSeesNoneOfItAndAChannelIsRoutedOnlyByItsOwnersAccounts() {
        String name = uniqueName();
        String[] owner = subaccount("channel owner");
        String[] stranger = subaccount("channel stranger");
        Map<String, String> form = smppForm(name, "pw");
        Parley.Answer created = parley().post(CHANNELS, form, owner[0], owner[1]);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("account_sid").asText()).isEqualTo(owner[0]);

        // The stranger (a sibling) neither sees, changes nor deletes it, and does not learn that it exists.
        assertRefused(parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/" + name))
                .GET(), stranger[0], stranger[1]), 404, 20404, name);
        assertRefused(parley().post(CHANNELS + "/" + name, Map.of("Window", "99"), stranger[0], stranger[1]), 404,
                20404, name);
        assertRefused(parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/" + name))
                .DELETE(), stranger[0], stranger[1]), 404, 20404, name);
        assertThat(parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS)).GET(),
                stranger[0], stranger[1]).json().path("channels").findValuesAsText("name")).doesNotContain(name);
        // The main account sees it only when acting on the owner, as elsewhere in /parley/v1.
        assertRefused(parley().get(CHANNELS + "/" + name), 404, 20404, name);
        assertThat(parley().get(CHANNELS + "/" + name + "?AccountSid=" + owner[0]).json().path("window").asInt())
                .isEqualTo(10);

        // The owner's number may be routed to it; the stranger's may not, with the answer an unknown channel gets.
        String api = "/2010-04-01/Accounts/";
        Parley.Answer ownNumber = parley().post(api + owner[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", "smpp:" + name), owner[0], owner[1]);
        assertThat(ownNumber.status()).as(String.valueOf(ownNumber.json())).isEqualTo(201);
        assertThat(ownNumber.json().path("channel").asText()).isEqualTo("smpp:" + name);
        Parley.Answer strangerNumber = parley().post(api + stranger[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", "smpp:" + name), stranger[0], stranger[1]);
        assertRefused(strangerNumber, 400, 20001, "Channel smpp:" + name + " is not configured");
        Parley.Answer unknown = parley().post(api + stranger[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", "smpp:no-such-channel"), stranger[0], stranger[1]);
        assertThat(strangerNumber.json().path("message").asText()).isEqualTo(unknown.json().path("message").asText()
                .replace("smpp:no-such-channel", "smpp:" + name));
        // A stranger's number moved onto it later is refused too; a short code likewise.
        String strangerSid = parley().post(api + stranger[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415"), stranger[0], stranger[1]).json().path("sid").asText();
        assertRefused(parley().post(api + stranger[0] + "/IncomingPhoneNumbers/" + strangerSid + ".json",
                Map.of("Channel", "smpp:" + name), stranger[0], stranger[1]), 400, 20001, "smpp:" + name);
        assertRefused(parley().post("/parley/v1/ShortCodes", Map.of("ShortCode", shortCode(), "Channel",
                "smpp:" + name), stranger[0], stranger[1]), 400, 20001, "smpp:" + name);
        Parley.Answer ownCode = parley().post("/parley/v1/ShortCodes", Map.of("ShortCode", shortCode(), "Channel",
                "smpp:" + name), owner[0], owner[1]);
        assertThat(ownCode.status()).isEqualTo(201);
        assertThat(ownCode.json().path("channel").asText()).isEqualTo("smpp:" + name);
        // And a Messaging Service's alpha sender.
        for (String[] account : List.of(stranger, owner)) {
            String service = parley().post("/messaging/v1/Services", Map.of("FriendlyName", "alpha"), account[0],
                    account[1]).json().path("sid").asText();
            Parley.Answer alpha = parley().post("/messaging/v1/Services/" + service + "/AlphaSenders",
                    Map.of("AlphaSender", "Acme", "Channel", "smpp:" + name), account[0], account[1]);
            if (account == stranger) {
                assertRefused(alpha, 400, 20001, "smpp:" + name);
            } else {
                assertThat(alpha.status()).as(String.valueOf(alpha.json())).isEqualTo(201);
            }
        }
    }

    private static String shortCode() {
        return String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 99_999_999));
    }

    @Test
    default void theParentsChannelServesItsSubaccountsNumbersAndARouteTableItsOwnConnections() {
        String uk = uniqueName();
        String world = uniqueName();
        create(uk, "pw");
        Parley.Answer route = parley().post(CHANNELS, Map.of("Name", world, "Type", "route", "Routes",
                "+44=smpp:" + uk + ",*=simulator"));
        assertThat(route.status()).as(String.valueOf(route.json())).isEqualTo(201);
        assertThat(route.json().path("channel").asText()).isEqualTo("route:" + world);
        assertThat(route.json().path("routes").get(0).path("prefix").asText()).isEqualTo("+44");
        assertThat(route.json().path("routes").get(1).path("channel").asText()).isEqualTo("simulator");
        assertThat(route.json().has("host")).isFalse();

        String[] sub = subaccount("routed subaccount");
        Parley.Answer number = parley().post("/2010-04-01/Accounts/" + sub[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", "route:" + world), sub[0], sub[1]);
        assertThat(number.status()).as(String.valueOf(number.json())).isEqualTo(201);

        // A route table names connections only, never itself or another table.
        assertRefused(parley().post(CHANNELS + "/" + world, Map.of("Routes", "*=route:" + world)), 400, 20001,
                "Routes");
        // A subaccount's own route table may name its parent's connection, as its numbers may.
        Parley.Answer subRoute = parley().post(CHANNELS, Map.of("Name", uniqueName(), "Type", "route", "Routes",
                "*=smpp:" + uk), sub[0], sub[1]);
        assertThat(subRoute.status()).isEqualTo(201);
    }

    @Test
    default void aChannelDeclaredInTheConfigurationFileIsTheMainAccountsAndReadOnly() {
        JsonNode declared = parley().get(CHANNELS + "/" + DECLARED).json();
        assertThat(declared.path("source").asText()).isEqualTo("config");
        assertThat(declared.path("account_sid").asText()).isEqualTo(Parley.ACCOUNT_SID);
        assertThat(declared.path("password_set").asBoolean()).isTrue();
        assertThat(declared.toString()).doesNotContain(Parley.DECLARED_PASSWORD);
        assertThat(declared.path("window").asInt()).isEqualTo(25);

        assertRefused(parley().post(CHANNELS + "/" + DECLARED, Map.of("Window", "30")), 403, 20403,
                "configuration file");
        assertRefused(parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/"
                + DECLARED)).DELETE(), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN), 403, 20403, "configuration file");
        assertRefused(parley().post(CHANNELS, smppForm(DECLARED, "pw")), 409, 20409, DECLARED);
        assertThat(parley().get(CHANNELS + "/" + DECLARED).json()).isEqualTo(declared);
        // The main account's subaccounts may route to it.
        String[] sub = subaccount("declared user");
        assertThat(parley().post("/2010-04-01/Accounts/" + sub[0] + "/IncomingPhoneNumbers.json",
                Map.of("AreaCode", "415", "Channel", "smpp:" + DECLARED), sub[0], sub[1]).status()).isEqualTo(201);
    }

    @Test
    default void metricsCarryEachChannelsStateTaggedByItsName() throws Exception {
        String name = uniqueName();
        create(name, "pw");
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(parley().baseUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        String tag = "channel=\"smpp:" + name + "\"";
        assertThat(metrics.body()).contains("parley_channel_binds_up{" + tag + "} 0.0")
                .contains("parley_channel_binds_wanted{" + tag + "} 2.0")
                .contains("parley_channel_window_in_use{" + tag + "} 0.0")
                .contains("parley_channel_receipts_pending{" + tag + "} 0.0")
                .contains("parley_channel_submits_per_second{" + tag + "}");
        parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/" + name)).DELETE(),
                Parley.ACCOUNT_SID, Parley.AUTH_TOKEN);
        String afterDelete = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(parley().baseUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(afterDelete).doesNotContain(tag);
    }
}
