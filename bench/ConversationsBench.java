import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Conversation fan-out, measured from outside as a user sees it: a conversation of N SMS participants (simulated
 * handsets) on one proxy number whose status callback points here. A message posted by a chat author goes to every
 * SMS participant as a real Message; each participant's delivery is its {@code delivered} status callback.
 * Run through {@code bench/conversations}, which starts Parley.
 */
public class ConversationsBench {
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"([A-Z]{2}[0-9a-f]{32})\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        String url = opts.get("url");
        String account = opts.get("account-sid");
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (account + ":" + opts.get("auth-token")).getBytes(StandardCharsets.UTF_8));
        int participants = Integer.parseInt(opts.getOrDefault("participants", "100"));
        int singles = Integer.parseInt(opts.getOrDefault("singles", "5"));
        int burst = Integer.parseInt(opts.getOrDefault("burst", "50"));
        Api api = new Api(url, auth);
        Receiver receiver = Receiver.start();
        try {
            String proxy = "+1415555" + String.format("%04d", (int) (Math.random() * 10_000));
            api.post("/2010-04-01/Accounts/" + account + "/IncomingPhoneNumbers.json",
                    Map.of("PhoneNumber", proxy, "StatusCallback", receiver.url()));
            String conversation = api.post("/conversations/v1/Conversations", Map.of("FriendlyName", "bench"));
            long setupStart = System.nanoTime();
            for (int i = 0; i < participants; i++) {
                api.post("/conversations/v1/Conversations/" + conversation + "/Participants",
                        Map.of("MessagingBinding.Address", "+1202555" + String.format("%04d", i),
                                "MessagingBinding.ProxyAddress", proxy));
            }
            api.post("/conversations/v1/Conversations/" + conversation + "/Participants",
                    Map.of("Identity", "agent"));
            System.out.printf("== conversation %s: %d SMS participants on %s and one chat author (added in %.1f s)%n",
                    conversation, participants, proxy, seconds(System.nanoTime() - setupStart));

            String messages = "/conversations/v1/Conversations/" + conversation + "/Messages";
            // Warm-up: one message to everyone, not counted.
            receiver.reset();
            api.post(messages, Map.of("Author", "agent", "Body", "warm-up"));
            receiver.await(participants, 60);

            System.out.printf("== single messages: POST → last of %d participants delivered%n", participants);
            List<Double> lastDelivery = new ArrayList<>();
            for (int i = 0; i < singles; i++) {
                receiver.reset();
                long start = System.nanoTime();
                api.post(messages, Map.of("Author", "agent", "Body", "single " + i));
                long firstAt = receiver.await(participants, 60);
                double last = seconds(receiver.lastDeliveredNanos.get() - start);
                lastDelivery.add(last);
                System.out.printf("   message %d: first delivery after %4.0f ms, last after %5.0f ms%n", i,
                        1000 * seconds(firstAt - start), 1000 * last);
            }

            System.out.printf("== burst: %d messages posted at once by 8 clients → %d participant deliveries%n",
                    burst, burst * participants);
            receiver.reset();
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<String>> posts = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                int n = i;
                posts.add(clients.submit(() -> api.post(messages, Map.of("Author", "agent", "Body", "burst " + n))));
            }
            for (Future<String> post : posts) {
                post.get();
            }
            double posted = seconds(System.nanoTime() - start);
            clients.shutdown();
            receiver.await(burst * participants, 600);
            double all = seconds(receiver.lastDeliveredNanos.get() - start);
            System.out.printf("   %d posts answered in %.2f s; all %d deliveries after %.2f s%n", burst, posted,
                    burst * participants, all);

            lastDelivery.sort(Double::compare);
            System.out.printf("%nfan-out: %.0f participant deliveries/s (%d messages × %d participants, POST of the"
                    + " first → delivered callback of the last)%n", burst * participants / all, burst, participants);
            System.out.printf("single message, POST → last participant delivered: median %.0f ms, max %.0f ms"
                    + " (simulator latency included)%n", 1000 * lastDelivery.get(lastDelivery.size() / 2),
                    1000 * lastDelivery.get(lastDelivery.size() - 1));
        } finally {
            receiver.stop();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return opts;
    }

    /** Form POSTs with Basic auth; answers the SID of what was created, or stops the bench on a refusal. */
    record Api(String base, String auth) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        String post(String path, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", auth)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            Matcher sid = SID.matcher(response.body());
            return sid.find() ? sid.group(1) : null;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    /** Counts delivered status callbacks and remembers when the first and the latest arrived. */
    static final class Receiver {
        final HttpServer server;
        final LongAdder delivered = new LongAdder();
        final AtomicLong firstDeliveredNanos = new AtomicLong();
        final AtomicLong lastDeliveredNanos = new AtomicLong();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            Receiver r = new Receiver(server);
            server.createContext("/status", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (body.contains("MessageStatus=delivered")) {
                        long now = System.nanoTime();
                        r.firstDeliveredNanos.compareAndSet(0, now);
                        r.lastDeliveredNanos.accumulateAndGet(now, Math::max);
                        r.delivered.increment();
                    }
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return r;
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/status";
        }

        void reset() {
            delivered.reset();
            firstDeliveredNanos.set(0);
            lastDeliveredNanos.set(0);
        }

        /** Waits until {@code count} deliveries arrived; answers when the first did. */
        long await(long count, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (delivered.sum() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + delivered.sum() + " of " + count
                            + " deliveries after " + timeoutSeconds + " s");
                }
                Thread.sleep(5);
            }
            return firstDeliveredNanos.get();
        }

        void stop() {
            server.stop(0);
        }
    }
}
