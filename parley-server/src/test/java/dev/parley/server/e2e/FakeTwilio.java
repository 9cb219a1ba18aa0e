package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.media.MediaFetcher;
import dev.parley.server.ParleyConfig;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A second Parley playing Twilio for a Parley's {@code twilio} channel (ADR 32): its own account and auth token (what
 * the channel's {@code AccountSid} and {@code AuthToken} are), Twilio's Messages API, simulator handsets that receive
 * what it sends, status callbacks and inbound webhooks signed with that token. On SQLite in a fresh data directory,
 * on the real clock, with the e2e deny lists.
 */
final class FakeTwilio implements AutoCloseable {
    static final String ACCOUNT_SID = "AC" + "5eed".repeat(8);
    static final String AUTH_TOKEN = "upstream-twilio-token-42";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ParleyServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private FakeTwilio(ParleyServer server) {
        this.server = server;
    }

    static FakeTwilio start() {
        try {
            Path dataDir = Files.createTempDirectory("parley-upstream-twilio");
            return new FakeTwilio(ParleyServer.start(new ParleyConfig("127.0.0.1", 0, dataDir,
                    "jdbc:sqlite:" + dataDir.resolve("parley.db"), "http://localhost:0", ACCOUNT_SID, AUTH_TOKEN,
                    Duration.ofMillis(50), Duration.ofSeconds(3), 3, 5, 256, null,
                    MediaFetcher.Settings.of(Parley.DENY_LIST, Duration.ofSeconds(3)), null,
                    Parley.WEBHOOK_DENY_LIST)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a channel's {@code BaseUrl} is to reach it. */
    String baseUrl() {
        return "http://localhost:" + server.port();
    }

    /** Creates a {@code twilio} channel of {@code parley}'s main account on this account; returns its {@code Name}. */
    String connect(Parley parley) {
        String name = "up-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 28);
        Parley.Answer created = parley.post("/parley/v1/Channels", Map.of("Name", name, "Type", "twilio",
                "AccountSid", ACCOUNT_SID, "AuthToken", AUTH_TOKEN, "BaseUrl", baseUrl()));
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
        return name;
    }

    /**
     * A fresh number of this account whose inbound messages are posted to {@code parley}'s
     * {@code /webhooks/twilio/<channel>/inbound}, and the same number in {@code parley} with
     * {@code Channel=twilio:<channel>}; returns it.
     */
    String bindNumber(Parley parley, String channel) {
        String number = "+1415" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        JsonNode upstream = call("POST", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers.json",
                Map.of("PhoneNumber", number, "SmsUrl", parley.baseUrl() + "/webhooks/twilio/" + channel
                        + "/inbound"));
        assertThat(upstream.get("phone_number").asText()).isEqualTo(number);
        Parley.Answer local = parley.post("/2010-04-01/Accounts/" + Parley.ACCOUNT_SID + "/IncomingPhoneNumbers.json",
                Map.of("PhoneNumber", number, "Channel", "twilio:" + channel));
        assertThat(local.status()).as("%s", local.json()).isEqualTo(201);
        return number;
    }

    /** What a simulator handset of this account received, newest first. */
    JsonNode inbox(String handset) {
        return call("GET", "/parley/v1/Simulator/Handsets/" + enc(handset) + "/Messages", null).get("messages");
    }

    /** A handset sends {@code body} to {@code to} (a number of this account); the stored message. */
    JsonNode handsetSends(String handset, String to, Map<String, String> more) {
        Map<String, String> form = new java.util.LinkedHashMap<>(more);
        form.put("From", handset);
        form.put("To", to);
        return call("POST", "/parley/v1/Simulator/Messages", form);
    }

    /** This account's messages to {@code to}, newest first. */
    JsonNode messagesTo(String to) {
        return call("GET", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json?To=" + enc(to), null)
                .get("messages");
    }

    /** Sets a handset's behaviour ({@code Behavior}, {@code ErrorCode}, {@code LatencyMs}). */
    void handset(String handset, Map<String, String> behavior) {
        call("POST", "/parley/v1/Simulator/Handsets/" + enc(handset), behavior);
    }

    /** An authenticated call as this account; the answer's JSON (a 2xx asserted). {@code form} null: none. */
    JsonNode call(String method, String path, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", RawHttp.basic(ACCOUNT_SID, AUTH_TOKEN));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"))));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes at {@code url} (this account's media content), fetched with its credentials; a 200 asserted. */
    byte[] bytes(String url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", RawHttp.basic(ACCOUNT_SID, AUTH_TOKEN)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
