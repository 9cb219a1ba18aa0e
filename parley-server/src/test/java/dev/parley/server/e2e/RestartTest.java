package dev.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.parley.testing.PostgresCluster;
import dev.parley.testing.Ports;
import dev.parley.testing.WebhookReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
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
 * Parley as its own process, killed with SIGKILL while messages are in flight and started again (on the same
 * port, so on PostgreSQL as the same node): every message that was answered 201 reaches a final status, and
 * its status callbacks are all delivered — well before any lease could have expired.
 */
class RestartTest {
    private static final String SID = "AC" + "fedcba9876543210".repeat(2);
    private static final String TOKEN = "restart-test-token-0123456789";
    @RegisterExtension
    final ParleyProcess.Launcher parleys = new ParleyProcess.Launcher(SID, TOKEN,
            Map.of("PARLEY_SIMULATOR_LATENCY_MS", "300"));

    @Test
    void sigkillMidFlowLosesNothingOnSqlite() throws Exception {
        killAndRestart(null);
    }

    @Test
    void sigkillMidFlowLosesNothingOnPostgres() throws Exception {
        killAndRestart(PostgresCluster.shared().createDatabase());
    }

    private void killAndRestart(String databaseUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("parley-restart");
        int port = Ports.free();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ParleyProcess first = parleys.start("first", dataDir, port, databaseUrl);
            TwilioRestClient client = dev.parley.twilio.Parley.restClient(first.baseUrl(), SID, TOKEN);
            PhoneNumber from = IncomingPhoneNumber.creator(new PhoneNumber("+14155550777"))
                    .create(client).getPhoneNumber();

            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicBoolean killed = new AtomicBoolean();
            try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    senders.submit(() -> {
                        for (int i = 0; i < 200 && !killed.get(); i++) {
                            try {
                                Message m = Message.creator(new PhoneNumber(String.format("+1202555%02d%02d", thread, i % 100)),
                                        from, "restart " + thread + "/" + i)
                                        .setStatusCallback(URI.create(receiver.url("/status")))
                                        .create(client);
                                accepted.add(m.getSid());
                            } catch (RuntimeException e) {
                                return;
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= 300);
                first.kill();
                killed.set(true);
            }
            Set<String> acceptedBeforeKill = Set.copyOf(accepted);
            assertThat(acceptedBeforeKill).hasSizeGreaterThanOrEqualTo(300);

            parleys.start("second", dataDir, port, databaseUrl);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    delivered(receiver, acceptedBeforeKill).size() == acceptedBeforeKill.size());
            for (String sid : acceptedBeforeKill) {
                assertThat(Message.fetcher(sid).fetch(client).getStatus()).isEqualTo(Message.Status.DELIVERED);
            }
            Map<String, Set<String>> statuses = receiver.requests("/status").stream()
                    .map(r -> r.singleFormParams())
                    .collect(Collectors.groupingBy(p -> p.get("MessageSid"),
                            Collectors.mapping(p -> p.get("MessageStatus"), Collectors.toSet())));
            for (String sid : acceptedBeforeKill) {
                assertThat(statuses.get(sid)).as("callbacks of %s", sid)
                        .containsExactlyInAnyOrder("sending", "sent", "delivered");
            }
        }
    }

    private static Set<String> delivered(WebhookReceiver receiver, Set<String> sids) {
        Set<String> out = new HashSet<>();
        for (var r : receiver.requests("/status")) {
            Map<String, String> p = r.singleFormParams();
            if ("delivered".equals(p.get("MessageStatus")) && sids.contains(p.get("MessageSid"))) {
                out.add(p.get("MessageSid"));
            }
        }
        return out;
    }
}
