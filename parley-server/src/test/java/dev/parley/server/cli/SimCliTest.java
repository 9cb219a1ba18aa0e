package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.server.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code parley sim …} against a JDK HttpServer standing in for Parley. */
class SimCliTest {
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "tok3n-secret";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    record Recorded(String method, String rawPath, String query, String authorization, String contentType,
            String body) {
        List<Map.Entry<String, String>> form() {
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                pairs.add(Map.entry(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
            }
            return pairs;
        }
    }

    @BeforeEach
    void startStub() throws IOException {
        // All interfaces: the default URL is http://localhost:<port>, which may resolve to ::1 or 127.0.0.1.
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void sendShouldPostTheFormWithBasicAuthAndPrintSidAndStatus() {
        answer = """
                {"sid":"SM00000000000000000000000000000001","status":"received","body":"hi"}""";

        int code = run("sim", "send", "--from", "+15551230001", "--to", "+15557654321", "--body", "hi & bye",
                "--media", "https://x.example/a.png", "--media", "https://x.example/b.png", "--url", url(),
                "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("SM00000000000000000000000000000001  received" + System.lineSeparator());
        Recorded r = requests.getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/parley/v1/Simulator/Messages");
        assertThat(r.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(r.form()).containsExactly(Map.entry("From", "+15551230001"), Map.entry("To", "+15557654321"),
                Map.entry("Body", "hi & bye"), Map.entry("MediaUrl", "https://x.example/a.png"),
                Map.entry("MediaUrl", "https://x.example/b.png"));
    }

    @Test
    void whatsAppHandsetSendsWithItsProfileNameAndReadsItsInbox() {
        answer = """
                {"sid":"SM00000000000000000000000000000002","status":"received","body":"hola"}""";
        int code = run("sim", "send", "--from", "whatsapp:+15551230001", "--to", "whatsapp:+15557654321",
                "--body", "hola", "--profile-name", "Ada L.", "--url", url(), "--account-sid", SID,
                "--auth-token", TOKEN);
        assertThat(code).isZero();
        assertThat(requests.getFirst().form()).containsExactly(Map.entry("From", "whatsapp:+15551230001"),
                Map.entry("To", "whatsapp:+15557654321"), Map.entry("Body", "hola"),
                Map.entry("ProfileName", "Ada L."));

        answer = """
                {"messages":[{"sid":"SM3","from":"whatsapp:+15557654321","to":"whatsapp:+15551230001",
                  "body":"hi","status":"read","num_media":"0","date_created":"Thu, 03 Jul 2025 20:12:31 +0000"}],
                 "uri":"/x","page":0,"page_size":20}""";
        code = run("sim", "inbox", "whatsapp:+15551230001", "--url", url(), "--account-sid", SID,
                "--auth-token", TOKEN);
        assertThat(code).isZero();
        assertThat(requests.get(1).rawPath())
                .isEqualTo("/parley/v1/Simulator/Handsets/whatsapp%3A%2B15551230001/Messages");
        assertThat(out.toString().lines()).contains(InboxTable.time("Thu, 03 Jul 2025 20:12:31 +0000")
                + "  whatsapp:+15557654321  read    hi");
    }

    @Test
    void inboxShouldPrintATableOfTheHandsetsMessages() {
        answer = """
                {"messages":[
                  {"sid":"SM2","from":"+15557654321","to":"+15551230001","body":"second\\nline",
                   "status":"delivered","num_media":"0","date_created":"Thu, 03 Jul 2025 20:12:31 +0000"},
                  {"sid":"SM1","from":"+15551230001","to":"+15557654321","body":"first",
                   "status":"received","num_media":"1","date_created":"Thu, 03 Jul 2025 20:11:02 +0000"},
                  {"sid":"SM0","from":"+15551230001","to":"+15557654321","body":"cut by limit",
                   "status":"received","num_media":"0","date_created":"Thu, 03 Jul 2025 20:10:00 +0000"}
                ],"uri":"/x","page":0,"page_size":2}""";

        int code = run("sim", "inbox", "+15551230001", "--limit", "2", "--url", url(), "--account-sid", SID,
                "--auth-token", TOKEN);

        assertThat(code).isZero();
        Recorded r = requests.getFirst();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.rawPath()).isEqualTo("/parley/v1/Simulator/Handsets/%2B15551230001/Messages");
        assertThat(r.query()).isEqualTo("PageSize=2");
        String second = InboxTable.time("Thu, 03 Jul 2025 20:12:31 +0000");
        String first = InboxTable.time("Thu, 03 Jul 2025 20:11:02 +0000");
        assertThat(out.toString().lines()).containsExactly(
                "TIME                 FROM          STATUS     BODY",
                second + "  +15557654321  delivered  second\\nline",
                first + "  +15551230001  received   first [1 media]");
    }

    @Test
    void inboxShouldSayWhenThereAreNoMessages() {
        answer = """
                {"messages":[],"uri":"/x"}""";

        int code = run("sim", "inbox", "+15551230001", "--url", url(), "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("No messages for +15551230001.");
        assertThat(requests.getFirst().query()).isEqualTo("PageSize=20");
    }

    @Test
    void handsetShouldPostTheBehaviorAndPrintTheAnswer() {
        answer = """
                {"number":"+15551230001","behavior":"undeliver","error_code":30003,"latency_ms":500}""";

        int code = run("sim", "handset", "+15551230001", "--behavior", "UNDELIVER", "--error-code", "30003",
                "--latency-ms", "500", "--url", url(), "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isZero();
        Recorded r = requests.getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/parley/v1/Simulator/Handsets/%2B15551230001");
        assertThat(r.form()).containsExactly(Map.entry("Behavior", "undeliver"), Map.entry("ErrorCode", "30003"),
                Map.entry("LatencyMs", "500"));
        assertThat(out.toString().strip())
                .isEqualTo("Handset +15551230001: undeliver, error code 30003, latency 500 ms");
    }

    @Test
    void handsetShouldRefuseAnUnknownBehaviorWithoutCallingTheServer() {
        int code = run("sim", "handset", "+15551230001", "--behavior", "explode", "--url", url(),
                "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--behavior must be deliver, fail, undeliver, silent, busy or read, got 'explode'");
        assertThat(requests).isEmpty();
    }

    @Test
    void twilioErrorShouldBePrintedToStderrWithExitCodeOne() {
        status = 400;
        answer = """
                {"code":21211,"message":"The 'To' number +1 is not a valid phone number.",
                 "more_info":"https://www.twilio.com/docs/errors/21211","status":400}""";

        int code = run("sim", "send", "--from", "+15551230001", "--to", "+1", "--body", "x", "--url", url(),
                "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("Error 21211: The 'To' number +1 is not a valid phone number.");
    }

    @Test
    void wrongCredentialsShouldHintAtThem() {
        status = 401;
        answer = """
                {"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003",
                 "status":401}""";

        int code = run("sim", "inbox", "+15551230001", "--url", url(), "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("Error 20003: Authenticate (check the account SID and auth token)");
    }

    @Test
    void nonJsonErrorShouldShowTheHttpStatus() {
        status = 502;
        answer = "Bad gateway";

        int code = run("sim", "inbox", "+15551230001", "--url", url(), "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Error: HTTP 502 from GET " + url()
                + "/parley/v1/Simulator/Handsets/%2B15551230001/Messages?PageSize=20: Bad gateway");
    }

    @Test
    void connectionRefusedShouldSayParleyIsNotRunning() throws IOException {
        String closed = "http://127.0.0.1:" + freePort();

        int code = run("sim", "inbox", "+15551230001", "--url", closed, "--account-sid", SID, "--auth-token", TOKEN);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Parley isn't running at " + closed
                + " (connection refused). Start it with bin/parley, or pass --url.");
    }

    @Test
    void credentialsShouldComeFromTheEnvironment() {
        answer = """
                {"messages":[]}""";

        int code = run(Map.of("PARLEY_ACCOUNT_SID", SID, "PARLEY_AUTH_TOKEN", TOKEN),
                "sim", "inbox", "+15551230001", "--url", url());

        assertThat(code).isZero();
        assertThat(requests.getFirst().authorization()).isEqualTo(basic(SID, TOKEN));
    }

    @Test
    void urlAndCredentialsShouldComeFromTheConfigAndMainAccountFile() throws IOException {
        answer = """
                {"messages":[]}""";
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("main-account.properties"),
                "account-sid=" + SID + "\nauth-token=" + TOKEN + "\n");
        Path config = Files.writeString(dir.resolve("parley.properties"),
                "port=" + server.getAddress().getPort() + "\ndata-dir=" + data + "\n");

        int code = run("sim", "inbox", "+15551230001", "--config", config.toString());

        assertThat(code).isZero();
        assertThat(requests.getFirst().authorization()).isEqualTo(basic(SID, TOKEN));
    }

    @Test
    void missingCredentialsShouldExplainWhereTheyAreLookedFor() {
        Path data = dir.resolve("empty");

        int code = run(Map.of("PARLEY_DATA_DIR", data.toString()), "sim", "inbox", "+15551230001", "--url", url());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("No credentials for Parley at " + url()
                + ": pass --account-sid and --auth-token, set PARLEY_ACCOUNT_SID and PARLEY_AUTH_TOKEN, or run "
                + "where the server's data folder is (looked for " + data.resolve("main-account.properties") + ")");
        assertThat(requests).isEmpty();
    }

    @Test
    void invalidConfigurationShouldBeReportedAsSuch() {
        int code = run(Map.of("PARLEY_PORT", "eighty"), "sim", "inbox", "+15551230001");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("port (PARLEY_PORT) must be a whole number, got 'eighty' "
                + "(set by environment variable PARLEY_PORT)");
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> env, String... args) {
        Map<String, String> isolated = new HashMap<>(env);
        // Keep a developer's ./parley.properties or PARLEY_* variables out of the test.
        isolated.putIfAbsent("PARLEY_CONFIG", "");
        CommandLine cli = Main.commandLine(isolated);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
