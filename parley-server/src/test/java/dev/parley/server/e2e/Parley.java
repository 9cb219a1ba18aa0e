package dev.parley.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import dev.parley.core.media.DenyList;
import dev.parley.core.media.MediaFetcher;
import dev.parley.server.ParleyConfig;
import dev.parley.server.ParleyServer;
import dev.parley.testing.AdjustableClock;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Parley server for end-to-end tests: in this JVM, on a free port, on the database given, with a known
 * main account. Reach it through Twilio's SDK ({@link #client()}) or raw HTTP ({@link #get}/{@link #post}).
 */
final class Parley implements AutoCloseable {
    static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
    static final String AUTH_TOKEN = "e2e-secret-token-0123456789";
    /** The default deny list plus a loopback address and a host name the media tests must never reach. */
    static final DenyList DENY_LIST = DenyList.parse(Stream.concat(DenyList.DEFAULT_ENTRIES.stream(),
            Stream.of(MediaServer.DENIED_ADDRESS + "/32", "denied.parley.test")).toList());
    /** The default webhook deny list plus a loopback address the webhook tests must never reach. */
    static final String DENIED_WEBHOOK_ADDRESS = "127.0.0.3";
    static final DenyList WEBHOOK_DENY_LIST = DenyList.parse(Stream.concat(DenyList.DEFAULT_ENTRIES.stream(),
            Stream.of(DENIED_WEBHOOK_ADDRESS + "/32")).toList());
    /** A channel the server's configuration declares (ChannelsContract), and its password. */
    static final String DECLARED_CHANNEL = "e2e-declared";
    static final String DECLARED_PASSWORD = "d3cl4r3d";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ParleyServer server;
    private final Path dataDir;
    private final AdjustableClock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final LinkRecorder links;

    private Parley(ParleyServer server, Path dataDir, AdjustableClock clock) {
        this.server = server;
        this.dataDir = dataDir;
        this.clock = clock;
        this.links = new LinkRecorder(baseUrl());
    }

    /** {@code databaseUrl} null means the embedded SQLite default in a fresh data directory. */
    static Parley start(String databaseUrl, int webhookMaxAttempts) {
        try {
            return start(databaseUrl, webhookMaxAttempts, Files.createTempDirectory("parley-e2e"), new AdjustableClock());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server on {@code dataDir} (reused across a restart) reading {@code clock}; {@code databaseUrl} null means
     * SQLite in that directory.
     */
    static Parley start(String databaseUrl, int webhookMaxAttempts, Path dataDir, AdjustableClock clock) {
        String url = databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("parley.db");
        ParleyConfig config = new ParleyConfig("127.0.0.1", 0, dataDir, url, "http://localhost:0", ACCOUNT_SID,
                AUTH_TOKEN, Duration.ofMillis(50), Duration.ofSeconds(3), webhookMaxAttempts, 5, 256, null,
                MediaFetcher.Settings.of(DENY_LIST, Duration.ofSeconds(3)), null, WEBHOOK_DENY_LIST)
                .withChannels(Map.of(DECLARED_CHANNEL, Map.of("Type", "smpp", "Host", "127.0.0.1", "Port", "9",
                        "SystemId", "declared", "Password", DECLARED_PASSWORD, "Window", "25")));
        return new Parley(ParleyServer.start(config, clock), dataDir, clock);
    }

    /**
     * The server's clock. A test may move it forward (never back) and then {@link #advance} wakes the work queue;
     * tests sharing the server must not rely on the clock's absolute value.
     */
    AdjustableClock clock() {
        return clock;
    }

    /** Moves the server's clock forward and runs what became due at once. */
    void advance(Duration by) {
        clock.advance(by);
        server.wakeJobs();
    }

    /** Every HTTP route the server registered, as {@code "METHOD /path/{Param}"}. */
    List<String> routes() {
        return server.httpRoutes();
    }

    /** The server's web-chat actions, as its socket calls them. */
    dev.parley.core.chat.ChatActions chat() {
        return server.chatActions();
    }

    int port() {
        return server.port();
    }

    String baseUrl() {
        return "http://localhost:" + server.port();
    }

    /**
     * Twilio's SDK on Parley's client ({@link dev.parley.twilio.ParleyHttpClient}), as {@code dev.parley.twilio.Parley}
     * builds it, with every answer's links recorded for {@link #links()}.
     */
    TwilioRestClient client() {
        return client(ACCOUNT_SID, AUTH_TOKEN);
    }

    TwilioRestClient client(String username, String password) {
        return new TwilioRestClient.Builder(username, password).httpClient(links.sdkClient(username, password))
                .build();
    }

    TwilioRestClient client(String username, String password, String accountSid) {
        return new TwilioRestClient.Builder(username, password).accountSid(accountSid)
                .httpClient(links.sdkClient(username, password)).build();
    }

    /** The links advertised in every JSON answer so far, through the SDK or raw HTTP. */
    LinkRecorder links() {
        return links;
    }

    /** A raw answer: status and parsed JSON body (null when empty). */
    record Answer(int status, JsonNode json) {
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), ACCOUNT_SID, AUTH_TOKEN);
    }

    /** A GET as {@code user} (a subaccount sees its own handsets' inboxes). */
    Answer get(String path, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET(), user, password);
    }

    Answer post(String path, Map<String, String> form) {
        return post(path, form, ACCOUNT_SID, AUTH_TOKEN);
    }

    Answer post(String path, Map<String, String> form, String user, String password) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), user, password);
    }

    /** A form POST whose parameters may repeat ({@code To=…&To=…}), as the main account. */
    Answer post(String path, List<Map.Entry<String, String>> form) {
        String body = form.stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), ACCOUNT_SID, AUTH_TOKEN);
    }

    /** Raw bytes and content type of an authenticated GET (media content). */
    record Bytes(int status, String contentType, byte[] body, boolean nosniff) {
    }

    Bytes getBytes(String urlOrPath, boolean authenticated) {
        String url = urlOrPath.startsWith("http") ? urlOrPath : baseUrl() + urlOrPath;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authenticated) {
            request.header("Authorization", RawHttp.basic(ACCOUNT_SID, AUTH_TOKEN));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(),
                    response.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer send(HttpRequest.Builder request, String user, String password) {
        if (user != null) {
            request.header("Authorization", RawHttp.basic(user, password));
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isEmpty() ? null : JSON.readTree(body);
            links.record(built.method() + " " + built.uri(), user, password, json);
            return new Answer(response.statusCode(), json);
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

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.close();
    }
}
