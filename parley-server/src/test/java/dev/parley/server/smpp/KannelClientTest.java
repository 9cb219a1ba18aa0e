package dev.parley.server.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Ports;
import dev.parley.testing.WebhookReceiver;
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
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A foreign SMPP implementation against Parley's SMPP server: Debian's {@code kannel} (bearerbox + smsbox, as processes)
 * binds as a transceiver with a credential made through the API, sends through its HTTP {@code sendsms}, and gets the
 * receipts ({@code dlr-url}) and a handset's message to a number routed to the credential ({@code sms-service}).
 * Kannel must be installed ({@code .ci/run} installs it): without it this test fails, it does not skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KannelClientTest {
    private static final String PASSWORD = "kannel1";
    private final List<Process> kannel = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private SmscHarness parley;
    private WebhookReceiver receiver;
    private Path dir;
    private int sendsmsPort;
    private String number;

    @BeforeAll
    void startParleyAndKannel() throws Exception {
        Path bearerbox = binary("bearerbox");
        Path smsbox = binary("smsbox");
        receiver = new WebhookReceiver();
        receiver.respond("/mo", 200, "text/plain", "");
        receiver.respond("/dlr", 200, "text/plain", "");
        parley = new SmscHarness();
        String systemId = parley.credential(PASSWORD, Map.of("StatusCallback", receiver.url("/status")));
        number = parley.number("smpp://" + systemId);
        dir = Files.createTempDirectory("kannel");
        sendsmsPort = Ports.free();
        Path conf = dir.resolve("kannel.conf");
        int adminPort = Ports.free();
        Files.writeString(conf, config(systemId, adminPort, Ports.free()));
        kannel.add(start(bearerbox, conf, "bearerbox"));
        // smsbox gives up at once when bearerbox is not listening yet: wait for its admin page first.
        await("bearerbox up").atMost(Duration.ofSeconds(20))
                .until(() -> answers("http://127.0.0.1:" + adminPort + "/status.txt?password=admin-secret"));
        kannel.add(start(smsbox, conf, "smsbox"));
        await("Kannel's smsc binds to Parley").atMost(Duration.ofSeconds(30))
                .until(() -> parley.server().smppSessions() >= 1
                        && answers("http://127.0.0.1:" + sendsmsPort + "/cgi-bin/sendsms"));
    }

    private static Path binary(String name) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("Kannel's " + name + " is not installed: this test runs Debian's kannel package"
                + " (bearerbox, smsbox). Install it with `apt-get install -y kannel` (.ci/run does).");
    }

    private String config(String systemId, int adminPort, int boxPort) {
        String logs = dir.toString();
        return String.join("\n",
                "group = core",
                "admin-port = " + adminPort,
                "admin-password = admin-secret",
                "admin-interface = 127.0.0.1",
                "smsbox-port = " + boxPort,
                "smsbox-interface = 127.0.0.1",
                "box-allow-ip = 127.0.0.1",
                "log-file = \"" + logs + "/bearerbox.log\"",
                "log-level = 0",
                "dlr-storage = internal",
                "",
                "group = smsc",
                "smsc = smpp",
                "smsc-id = parley",
                "host = 127.0.0.1",
                "port = " + parley.smppPort(),
                "transceiver-mode = true",
                "smsc-username = \"" + systemId + "\"",
                "smsc-password = \"" + PASSWORD + "\"",
                "system-type = \"\"",
                // No msg-id-type: Parley's message ids (SIDs) are neither decimal nor hex numbers, and Kannel then
                // keeps them as the C strings SMPP 3.4 says they are.
                "source-addr-autodetect = true",
                "dest-addr-ton = 1",
                "dest-addr-npi = 1",
                "max-pending-submits = 10",
                "reconnect-delay = 1",
                "enquire-link-interval = 30",
                "",
                "group = smsbox",
                "bearerbox-host = 127.0.0.1",
                "bearerbox-port = " + boxPort,
                "sendsms-port = " + sendsmsPort,
                "sendsms-interface = 127.0.0.1",
                "log-file = \"" + logs + "/smsbox.log\"",
                "log-level = 0",
                "",
                "group = sendsms-user",
                "username = tester",
                "password = tester-secret",
                "max-messages = 10",
                "concatenation = true",
                "",
                "group = sms-service",
                "keyword = default",
                "catch-all = true",
                "max-messages = 0",
                "get-url = \"" + receiver.url("/mo") + "?from=%p&to=%P&text=%a\"",
                "");
    }

    private Process start(Path binary, Path conf, String name) throws IOException {
        return new ProcessBuilder(binary.toString(), conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
    }

    private boolean answers(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kannel's HTTP sendsms with a receipt asked for (dlr-mask 3: delivered or failed) at {@code dlr}. */
    private void sendsms(String to, String text, boolean ucs2, String dlr) throws Exception {
        String url = "http://127.0.0.1:" + sendsmsPort + "/cgi-bin/sendsms?username=tester&password=tester-secret"
                + "&from=" + SmscHarness.enc(number) + "&to=" + SmscHarness.enc(to) + "&text=" + SmscHarness.enc(text)
                + (ucs2 ? "&coding=2&charset=UTF-8" : "") + "&dlr-mask=3&dlr-url="
                + SmscHarness.enc(receiver.url(dlr) + "?type=%d&id=%I");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("Kannel sendsms: %s", r.body()).isEqualTo(202);
    }

    private static String handset() {
        return "+1202555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    @Test
    void kannelsSubmitBecomesAParleyMessageAndItsReceiptReachesKannel() throws Exception {
        String to = handset();
        sendsms(to, "Hello from Kannel", false, "/dlr/short");

        JsonNode message = await("the message in Parley").atMost(Duration.ofSeconds(30))
                .until(() -> parley.messagesTo(to), m -> m.size() == 1).get(0);
        assertThat(message.get("body").asText()).isEqualTo("Hello from Kannel");
        assertThat(message.get("from").asText()).isEqualTo(number);
        assertThat(message.get("direction").asText()).isEqualTo("outbound-api");
        await("delivered").atMost(Duration.ofSeconds(30)).until(() -> parley.messagesTo(to).get(0)
                .get("status").asText().equals("delivered"));
        // Kannel's dlr-url fires with type 1 (delivered) once Parley's receipt deliver_sm reached it.
        await("Kannel's delivery report").atMost(Duration.ofSeconds(30))
                .until(() -> receiver.requests("/dlr/short").stream().anyMatch(r -> r.query().contains("type=1")));
        // The credential's status callback is the message's.
        await("status callback").atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/status").stream()
                .anyMatch(r -> "delivered".equals(r.formParam("MessageStatus"))
                        && message.get("sid").asText().equals(r.formParam("MessageSid"))));
    }

    @Test
    void aLongUcs2MessageThroughKannelIsOneParleyMessage() throws Exception {
        String to = handset();
        String text = "Привет из Kannel, это длинное сообщение в UCS-2, которое не помещается в одну часть: "
                + "Parley собирает части в одно сообщение. 😀";
        sendsms(to, text, true, "/dlr/long");
        JsonNode messages = await("the joined message").atMost(Duration.ofSeconds(30))
                .until(() -> parley.messagesTo(to), m -> m.size() >= 1);
        assertThat(messages.size()).isEqualTo(1);
        assertThat(messages.get(0).get("body").asText()).isEqualTo(text);
        // 127 UTF-16 units: two UCS-2 segments of 67, as Kannel sent them.
        assertThat(messages.get(0).get("num_segments").asText()).isEqualTo("2");
        await("Kannel's delivery reports").atMost(Duration.ofSeconds(30))
                .until(() -> receiver.requests("/dlr/long").stream().anyMatch(r -> r.query().contains("type=1")));
    }

    @Test
    void aHandsetsMessageToANumberRoutedToTheCredentialReachesKannel() {
        String from = handset();
        SmscHarness.Answer sent = parley.post("/parley/v1/Simulator/Messages", Map.of("From", from, "To", number,
                "Body", "Hi Kannel, from a handset"));
        assertThat(sent.status()).as("%s", sent.json()).isEqualTo(201);
        WebhookReceiver.ReceivedRequest mo = await("Kannel's sms-service").atMost(Duration.ofSeconds(30))
                .until(() -> receiver.requests("/mo").stream().filter(r -> r.query().contains(from.substring(1)))
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(mo.query()).contains("text=Hi+Kannel%2C+from+a+handset");
        assertThat(mo.query()).contains("to=" + SmscHarness.enc(number));
    }

    @AfterAll
    void stop() throws Exception {
        for (Process p : kannel.reversed()) {
            p.destroy();
        }
        for (Process p : kannel) {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (parley != null) {
            parley.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}
