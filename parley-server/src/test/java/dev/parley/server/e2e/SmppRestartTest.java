package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.PostgresCluster;
import dev.parley.testing.Ports;
import dev.parley.testing.smpp.TestSmsc;
import dev.parley.testing.smpp.TestSmsc.ReceiptTiming;
import dev.parley.testing.smpp.TestSmsc.Receipts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Parley sending over SMPP as its own process, killed with SIGKILL while submits are in the window and started again:
 * every message answered 201 ends {@code delivered}; a segment whose SMSC id was stored before the kill is never
 * submitted again; and the only messages the SMSC acknowledged twice are ones whose response had not been stored
 * when the process died, at most the bind's room for unstored segments: four windows, and at least 200 (ADR 24: SMPP
 * has no idempotency key).
 */
class SmppRestartTest {
    private static final String SID = "AC" + "0123456789abcdef".repeat(2);
    private static final String TOKEN = "smpp-restart-token-0123456789";
    private static final int WINDOW = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final ParleyProcess.Launcher parleys = new ParleyProcess.Launcher(SID, TOKEN, Map.of());
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sigkillMidWindowLosesNothingAndResubmitsOnlyWhatWasNotStoredOnSqlite() throws Exception {
        killAndRestart(null);
    }

    @Test
    void sigkillMidWindowLosesNothingAndResubmitsOnlyWhatWasNotStoredOnPostgres() throws Exception {
        killAndRestart(PostgresCluster.shared().createDatabase());
    }

    private void killAndRestart(String databaseUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-smpp-restart");
        int port = Ports.free();
        try (TestSmsc smsc = TestSmsc.start()) {
            smsc.answer(s -> new TestSmsc.Answer.Ok(Duration.ofMillis(20)));
            smsc.receipts(Receipts.delivered(ReceiptTiming.AFTER_RESPONSE));
            ParleyProcess first = parleys.start("first", dataDir, port, databaseUrl);
            String base = first.baseUrl(); // the second process answers at the same address
            Map<String, String> channel = new LinkedHashMap<>();
            channel.put("Name", "carrier");
            channel.put("Type", "smpp");
            channel.put("Host", "127.0.0.1");
            channel.put("Port", String.valueOf(smsc.port()));
            channel.put("SystemId", TestSmsc.SYSTEM_ID);
            channel.put("Password", TestSmsc.PASSWORD);
            channel.put("Window", String.valueOf(WINDOW));
            channel.put("ReconnectMin", "0.1");
            channel.put("ReconnectMax", "1");
            assertThat(post(base, "/parley/v1/Channels", channel).statusCode()).isEqualTo(201);
            String account = "/2010-04-01/Accounts/" + SID;
            HttpResponse<String> number = post(base, account + "/IncomingPhoneNumbers.json",
                    Map.of("AreaCode", "415", "Channel", "smpp:carrier"));
            assertThat(number.statusCode()).isEqualTo(201);
            String from = JSON.readTree(number.body()).path("phone_number").asText();

            Map<String, String> bodyBySid = new ConcurrentHashMap<>();
            AtomicBoolean killed = new AtomicBoolean();
            try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    senders.submit(() -> {
                        for (int i = 0; i < 300 && !killed.get(); i++) {
                            String body = "restart " + thread + "/" + i;
                            try {
                                HttpResponse<String> r = post(base, account + "/Messages.json", Map.of("From", from,
                                        "To", String.format("+1202555%02d%02d", thread, i % 100), "Body", body));
                                if (r.statusCode() == 201) {
                                    bodyBySid.put(JSON.readTree(r.body()).path("sid").asText(), body);
                                }
                            } catch (IOException | InterruptedException | RuntimeException e) {
                                return;
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> smsc.submits().size() >= 80);
                first.kill();
                killed.set(true);
            }
            Map<String, String> accepted = Map.copyOf(bodyBySid);
            Map<String, String> storedBeforeKill = storedSegments(databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("parley.db"));
            Set<String> bodiesSubmittedBeforeKill = smsc.submits().stream().map(SmppRestartTest::body)
                    .collect(Collectors.toSet());
            assertThat(storedBeforeKill).isNotEmpty();

            ParleyProcess second = parleys.start("second", dataDir, port, databaseUrl);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> undelivered(base, account, accepted.keySet()).isEmpty());
            second.stop();

            Map<String, TestSmsc.Submitted> byId = smsc.submits().stream()
                    .collect(Collectors.toMap(TestSmsc.Submitted::messageId, s -> s));
            Map<String, Long> acknowledgedPerBody = smsc.acknowledged().stream().map(id -> body(byId.get(id)))
                    .collect(Collectors.groupingBy(b -> b, Collectors.counting()));
            Map<String, Long> submitsPerBody = smsc.submits().stream().map(SmppRestartTest::body)
                    .collect(Collectors.groupingBy(b -> b, Collectors.counting()));
            for (var e : accepted.entrySet()) {
                assertThat(acknowledgedPerBody.get(e.getValue())).as("acknowledged %s", e.getValue()).isPositive();
            }
            for (var e : storedBeforeKill.entrySet()) {
                String body = accepted.get(e.getKey());
                assertThat(submitsPerBody.get(body)).as("%s was stored before the kill: submitted once", body)
                        .isEqualTo(1);
                assertThat(body(byId.get(e.getValue()))).isEqualTo(body);
            }
            List<String> twice = acknowledgedPerBody.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey).toList();
            assertThat(twice).as("acknowledged twice: only responses not stored at the kill")
                    .hasSizeLessThanOrEqualTo(Math.max(4 * WINDOW, 200));
            Set<String> storedBodies = storedBeforeKill.keySet().stream().map(accepted::get)
                    .collect(Collectors.toSet());
            assertThat(twice).allSatisfy(b -> {
                assertThat(storedBodies).doesNotContain(b);
                assertThat(bodiesSubmittedBeforeKill).contains(b);
            });
        }
    }

    private static String body(TestSmsc.Submitted s) {
        return new String(s.shortMessage(), StandardCharsets.ISO_8859_1);
    }

    /** The segments stored when the process died: message SID to the SMSC id of its (only) segment. */
    private static Map<String, String> storedSegments(String jdbcUrl) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                ResultSet r = c.createStatement().executeQuery("SELECT message_sid, smsc_id FROM smpp_segments")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }

    private List<String> undelivered(String base, String account, Set<String> sids) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String sid : sids) {
            JsonNode m = JSON.readTree(get(base, account + "/Messages/" + sid + ".json").body());
            if (!"delivered".equals(m.path("status").asText())) {
                out.add(sid);
            }
        }
        return out;
    }

    private HttpResponse<String> post(String base, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String auth() {
        return "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    }
}
