package dev.parley.server.smpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.media.MediaFetcher;
import dev.parley.core.media.DenyList;
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
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A Parley with its SMPP server on a free port (SQLite in a temporary folder), and raw HTTP to its API: what the SMPP
 * server's tests share. The simulator delivers after 50 ms.
 */
final class SmscHarness implements AutoCloseable {
    static final String ACCOUNT_SID = "AC" + "fedcba9876543210".repeat(2);
    static final String AUTH_TOKEN = "smpp-test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private ParleyServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SmscHarness() {
        try {
            dir = Files.createTempDirectory("parley-smsc");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = ParleyServer.start(config());
    }

    private ParleyConfig config() {
        return new ParleyConfig("127.0.0.1", 0, dir, "jdbc:sqlite:" + dir.resolve("parley.db"), "http://localhost:0",
                ACCOUNT_SID, AUTH_TOKEN, Duration.ofMillis(50), Duration.ofSeconds(3), 3, 5, 64, null,
                MediaFetcher.Settings.DEFAULT, null, DenyList.DEFAULT).withSmppPort(0);
    }

    /** Stops Parley and starts it again on the same data (new free ports). */
    void restart() {
        server.close();
        server = ParleyServer.start(config());
    }

    ParleyServer server() {
        return server;
    }

    int smppPort() {
        return server.smppPort();
    }

    record Answer(int status, JsonNode json) {
    }

    Answer get(String path) {
        return get(path, ACCOUNT_SID, AUTH_TOKEN);
    }

    Answer get(String path, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), user, password);
    }

    Answer post(String path, Map<String, String> form) {
        return post(path, form, ACCOUNT_SID, AUTH_TOKEN);
    }

    Answer post(String path, Map<String, String> form, String user, String password) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), user, password);
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE(), ACCOUNT_SID, AUTH_TOKEN);
    }

    /** A credential of the main account with a fresh system id; returns the system id. */
    String credential(String password, Map<String, String> more) {
        String systemId = "sys" + ThreadLocalRandom.current().nextInt(100_000_000);
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>(more);
        form.put("SystemId", systemId);
        form.put("Password", password);
        Answer a = post("/parley/v1/SmppCredentials", form);
        if (a.status() != 201) {
            throw new IllegalStateException("credential not created: " + a);
        }
        return systemId;
    }

    /** A fresh number of the main account (area code 415) whose SmsUrl is {@code smsUrl} (null: none). */
    String number(String smsUrl) {
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("AreaCode", "415");
        if (smsUrl != null) {
            form.put("SmsUrl", smsUrl);
        }
        Answer a = post("/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers.json", form);
        if (a.status() != 201) {
            throw new IllegalStateException("number not created: " + a);
        }
        return a.json().get("phone_number").asText();
    }

    /** The account's messages to {@code to}, newest first. */
    JsonNode messagesTo(String to) {
        return get("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json?To=" + enc(to)).json().get("messages");
    }

    String base() {
        return "http://localhost:" + server.port();
    }

    private Answer send(HttpRequest.Builder request, String user, String password) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
