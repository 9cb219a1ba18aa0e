package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.smpp.TestSmsc;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A channel created through {@code /parley/v1/Channels} is the real SMPP connection, at once: it binds to an SMSC
 * running in the test (jSMPP's server side on loopback), carries a routed number's messages, rebinds with new settings
 * when updated, and unbinds when deleted, all without a restart.
 */
interface SmppChannelsContract {
    String CHANNELS = "/parley/v1/Channels";

    Parley parley();

    private JsonNode state(String name) {
        return parley().get(CHANNELS + "/" + name).json().path("state");
    }

    @Test
    default void aChannelCreatedThroughTheApiBindsSendsRebindsOnUpdateAndUnbindsOnDelete() {
        String name = "e2e-smsc-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
        try (TestSmsc smsc = TestSmsc.start()) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("Name", name);
            form.put("Type", "smpp");
            form.put("Host", "127.0.0.1");
            form.put("Port", String.valueOf(smsc.port()));
            form.put("SystemId", TestSmsc.SYSTEM_ID);
            form.put("Password", TestSmsc.PASSWORD);
            form.put("Window", "10");
            form.put("ReconnectMin", "0.1");
            form.put("ReconnectMax", "1");
            assertThat(parley().post(CHANNELS, form).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> state(name).path("binds_up").asInt() == 1);
            assertThat(state(name).path("status").asText()).isEqualTo("bound");
            assertThat(state(name).path("window_size").asInt()).isEqualTo(10);
            assertThat(smsc.boundSessions()).isEqualTo(1);

            // A number routed to it sends through it.
            String account = "/2010-04-01/Accounts/" + Parley.ACCOUNT_SID;
            Parley.Answer number = parley().post(account + "/IncomingPhoneNumbers.json",
                    Map.of("AreaCode", "415", "Channel", "smpp:" + name));
            assertThat(number.status()).isEqualTo(201);
            String handset = Fixtures.handset();
            Parley.Answer message = parley().post(account + "/Messages.json", Map.of("From",
                    number.json().path("phone_number").asText(), "To", handset, "Body", "over SMPP"));
            assertThat(message.status()).isEqualTo(201);
            String messageUri = account + "/Messages/" + message.json().path("sid").asText() + ".json";
            await().atMost(Duration.ofSeconds(10)).until(() -> parley().get(messageUri).json().path("status")
                    .asText().equals("sent"));
            assertThat(smsc.submits()).anySatisfy(s -> {
                assertThat(s.destination()).isEqualTo(handset.substring(1));
                assertThat(new String(s.shortMessage(), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .isEqualTo("over SMPP");
            });

            // An update takes effect without a restart: a new connection with the new window binds, the old unbinds.
            int bindsBefore = smsc.bindAttempts().size();
            Parley.Answer updated = parley().post(CHANNELS + "/" + name, Map.of("Window", "40"));
            assertThat(updated.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> state(name).path("binds_up").asInt() == 1
                    && state(name).path("window_size").asInt() == 40);
            assertThat(smsc.bindAttempts().size()).isGreaterThan(bindsBefore);
            await().atMost(Duration.ofSeconds(15)).until(() -> smsc.boundSessions() == 1);

            // Delete unbinds.
            assertThat(parley().send(HttpRequest.newBuilder(URI.create(parley().baseUrl() + CHANNELS + "/" + name))
                    .DELETE(), Parley.ACCOUNT_SID, Parley.AUTH_TOKEN).status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(15)).until(() -> smsc.boundSessions() == 0);
            assertThat(parley().get(CHANNELS + "/" + name).status()).isEqualTo(404);
        }
    }
}
