package dev.parley.server.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Parley as a process of its own, on this test's class path, for the tests that kill it with SIGKILL and start it
 * again on the same data, port and database. What it prints goes to {@code <name>.log} in its data directory, and
 * a start that never becomes healthy fails with the end of that log. A test class starts them through its
 * {@link Launcher}, which stops every one after each test.
 */
record ParleyProcess(Process process, Path log, int port) {
    private static final Duration START = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 60;

    /**
     * Starts Parleys as one main account, with the same environment added, and stops those still running after each
     * test, whatever it ended with: none outlives its test to hold a port or a database. Register it with
     * {@code @RegisterExtension}.
     */
    static final class Launcher implements AfterEachCallback {
        private final String sid;
        private final String token;
        private final Map<String, String> env;
        private final List<ParleyProcess> started = new ArrayList<>();

        Launcher(String sid, String token, Map<String, String> env) {
            this.sid = sid;
            this.token = token;
            this.env = env;
        }

        /**
         * Starts Parley on {@code port} with {@code dataDir} as its data directory, on {@code databaseUrl} (SQLite in
         * the data directory when null), and waits until it is healthy.
         */
        ParleyProcess start(String name, Path dataDir, int port, String databaseUrl) throws IOException {
            ParleyProcess parley = ParleyProcess.start(name, dataDir, port, databaseUrl, sid, token, env);
            started.add(parley);
            return parley;
        }

        @Override
        public void afterEach(ExtensionContext context) throws InterruptedException {
            for (ParleyProcess parley : started) {
                parley.stop();
            }
            started.clear();
        }
    }

    private static ParleyProcess start(String name, Path dataDir, int port, String databaseUrl, String sid,
            String token, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "dev.parley.server.Main"));
        pb.environment().put("PARLEY_PORT", String.valueOf(port));
        pb.environment().put("PARLEY_HOST", "127.0.0.1");
        pb.environment().put("PARLEY_DATA_DIR", dataDir.toString());
        pb.environment().put("PARLEY_ACCOUNT_SID", sid);
        pb.environment().put("PARLEY_AUTH_TOKEN", token);
        // Its SMPP server on any free port: 2775 may be taken, and these tests do not bind to it.
        pb.environment().put("PARLEY_SMPP_PORT", "0");
        if (databaseUrl == null) {
            pb.environment().remove("PARLEY_DATABASE_URL");
        } else {
            pb.environment().put("PARLEY_DATABASE_URL", databaseUrl);
        }
        pb.environment().remove("PARLEY_CONFIG");
        pb.environment().putAll(env);
        Path log = dataDir.resolve(name + ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        ParleyProcess parley = new ParleyProcess(pb.start(), log, port);
        parley.awaitHealthy();
        return parley;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** SIGKILL: no shutdown hook, no drain, whatever was in flight stays as the store had it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** An orderly stop (SIGTERM); nothing if it has ended already. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Waits for {@code /healthz} to answer 200; a process that exits first fails at once, with its log. */
    private void awaitHealthy() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(START).until(() -> !process.isAlive() || healthy(http));
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("Parley did not answer /healthz on port " + port + " within " + START.toSeconds()
                    + " s; the end of " + log + ":\n" + tail(), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("Parley exited (" + process.exitValue() + ") before answering /healthz on port "
                    + port + "; the end of " + log + ":\n" + tail());
        }
    }

    private boolean healthy(HttpClient http) throws InterruptedException {
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build();
            return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }
}
