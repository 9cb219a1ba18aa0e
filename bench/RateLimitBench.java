import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-sender rate limits under load, against a running Parley: numbers with different MessagesPerSecond are
 * flooded (a burst up front, then several times their rate) for the measuring window, while a number of another
 * account (unlimited) sends a message now and then. Each message asks for status callbacks; the receiver here
 * timestamps the "sent" ones. Per limited sender it prints the measured send rate over the window and its
 * deviation from the limit; for the other account's sender, the latency from create to its "sent" callback.
 * Run by bench/ratelimit; plain JDK, no dependencies.
 */
public class RateLimitBench {
    private static final long WARM_UP_NANOS = 5_000_000_000L;
    private static final Pattern JSON_STRING = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        String base = arg(args, "--url", "http://localhost:8080");
        String sid = arg(args, "--account-sid", null);
        String token = arg(args, "--auth-token", null);
        int seconds = Integer.parseInt(arg(args, "--seconds", "60"));
        double overload = Double.parseDouble(arg(args, "--overload", "1"));
        List<Double> rates = new ArrayList<>();
        for (String r : arg(args, "--rates", "2,5,20").split(",")) {
            rates.add(Double.parseDouble(r.strip()));
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        Api main = new Api(http, base, sid, token);

        Receiver receiver = Receiver.start();
        try {
            Map<String, Double> limited = new LinkedHashMap<>();
            for (double rate : rates) {
                String number = main.number("+1415555" + (1000 + (int) (Math.random() * 8000)));
                main.post("/IncomingPhoneNumbers/" + main.sidOf(number) + ".json",
                        Map.of("MessagesPerSecond", String.valueOf(rate)));
                limited.put(number, rate);
            }
            String sub = main.post("/Accounts.json", Map.of("FriendlyName", "other"), true);
            Api other = new Api(http, base, field(sub, "sid"), field(sub, "auth_token"));
            String otherNumber = other.number("+1646555" + (1000 + (int) (Math.random() * 8000)));

            System.out.printf("== flooding %d senders for 5 + %d s: %s segments/s each; a burst of %d s of sending"
                    + " up front, then %.0fx the rate offered on top; another account's unlimited sender sends 4/s; measured"
                    + " over the last %d s by the arrival of 'sent' status callbacks%n",
                    limited.size(), seconds, rates, seconds + 15, overload, seconds);
            receiver.reset();
            long start = System.nanoTime();
            // The window opens once every sender is busy: the first seconds hold the load generator's own warm-up.
            long windowStart = start + WARM_UP_NANOS;
            long end = windowStart + seconds * 1_000_000_000L;
            AtomicInteger refused = new AtomicInteger();
            ConcurrentLinkedQueue<long[]> otherLatencies = new ConcurrentLinkedQueue<>();
            Map<String, Long> otherCreated = new ConcurrentHashMap<>();
            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Map.Entry<String, Double> sender : limited.entrySet()) {
                    String from = sender.getKey();
                    double rate = sender.getValue();
                    // The burst alone keeps the sender busy past the window; 16 clients each, so that it is queued
                    // within the warm-up whatever the create latency.
                    int burst = (int) Math.ceil(rate * (seconds + 15));
                    AtomicInteger left = new AtomicInteger(burst);
                    for (int c = 0; c < 16; c++) {
                        load.submit(() -> {
                            while (left.getAndDecrement() > 0) {
                                main.send(from, receiver.url(), refused);
                            }
                            return null;
                        });
                    }
                    load.submit(() -> {
                        double offered = rate * overload;
                        long next = System.nanoTime();
                        while (System.nanoTime() < end) {
                            main.send(from, receiver.url(), refused);
                            next += (long) (1e9 / offered);
                            sleepUntil(next);
                        }
                        return null;
                    });
                }
                load.submit(() -> {
                    long next = System.nanoTime();
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        String msg = other.send(otherNumber, receiver.url(), refused);
                        if (msg != null) {
                            otherCreated.put(msg, t);
                        }
                        next += 250_000_000L;
                        sleepUntil(next);
                    }
                    return null;
                });
            }
            Thread.sleep(3000); // the last callbacks of the window
            System.out.printf("== creates refused: %d%n", refused.get());
            double window = seconds;
            for (Map.Entry<String, Double> sender : limited.entrySet()) {
                List<Long> sent = receiver.sentTimes(sender.getKey()).stream()
                        .filter(t -> t >= windowStart && t < end).sorted().toList();
                double measured = sent.size() / window;
                double deviation = (measured - sender.getValue()) / sender.getValue() * 100;
                double firstToLast = sent.size() < 2 ? 0
                        : (sent.size() - 1) / ((sent.getLast() - sent.getFirst()) / 1e9);
                System.out.printf("sender %s limit %5.1f/s: %5d sent in the %d s window = %6.2f/s, deviation %+5.1f%%;"
                        + " first to last in the window %6.2f/s (%+5.1f%%)%n", sender.getKey(), sender.getValue(),
                        sent.size(), seconds, measured, deviation, firstToLast,
                        (firstToLast - sender.getValue()) / sender.getValue() * 100);
            }
            printLatencies("other account's sender, whole run", otherCreated, receiver, Long.MIN_VALUE);
            printLatencies("other account's sender, in the window", otherCreated, receiver, windowStart);
        } finally {
            receiver.stop();
        }
    }

    static void printLatencies(String label, Map<String, Long> created, Receiver receiver, long from) {
        List<Long> latencies = new ArrayList<>();
        int[] count = new int[1];
        created.forEach((msg, at) -> {
            if (at >= from) {
                count[0]++;
                Long sentAt = receiver.sentAt.get(msg);
                if (sentAt != null) {
                    latencies.add((sentAt - at) / 1_000_000);
                }
            }
        });
        Collections.sort(latencies);
        System.out.printf("%s: %d of %d sent; create -> 'sent' callback p50 %d ms, p99 %d ms, max %d ms%n", label,
                latencies.size(), count[0], pct(latencies, 50), pct(latencies, 99),
                latencies.isEmpty() ? -1 : latencies.getLast());
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile(JSON_STRING.pattern().formatted(name)).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** One account's view of the 2010 API. */
    record Api(HttpClient http, String base, String sid, String token) {

        String number(String e164) throws Exception {
            return field(post("/IncomingPhoneNumbers.json", Map.of("PhoneNumber", e164)), "phone_number");
        }

        String sidOf(String e164) throws Exception {
            String list = get("/IncomingPhoneNumbers.json?PhoneNumber=" + URLEncoder.encode(e164,
                    StandardCharsets.UTF_8));
            Matcher m = Pattern.compile("\"sid\"\\s*:\\s*\"(PN[0-9a-f]{32})\"").matcher(list);
            if (!m.find()) {
                throw new IllegalStateException("no number " + e164 + ": " + list);
            }
            return m.group(1);
        }

        /** Sends one message; returns its SID, or null when refused (counted). */
        String send(String from, String callback, AtomicInteger refused) {
            try {
                HttpResponse<String> r = request("/Messages.json", Map.of("From", from,
                        "To", "+1202555" + (1000 + (int) (Math.random() * 8000)), "Body", "rate bench",
                        "StatusCallback", callback));
                if (r.statusCode() != 201) {
                    refused.incrementAndGet();
                    return null;
                }
                return field(r.body(), "sid");
            } catch (Exception e) {
                refused.incrementAndGet();
                return null;
            }
        }

        String post(String path, Map<String, String> form) throws Exception {
            return post(path, form, false);
        }

        /** {@code accountsRoot}: the path is under /2010-04-01, not under this account. */
        String post(String path, Map<String, String> form, boolean accountsRoot) throws Exception {
            HttpResponse<String> r = accountsRoot ? send(base + "/2010-04-01" + path, form) : request(path, form);
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        String get(String path) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/2010-04-01/Accounts/" + sid + path))
                    .header("Authorization", auth()).GET();
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        HttpResponse<String> request(String path, Map<String, String> form) throws Exception {
            return send(base + "/2010-04-01/Accounts/" + sid + path, form);
        }

        HttpResponse<String> send(String url, Map<String, String> form) throws Exception {
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k,
                    StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        private String auth() {
            return "Basic " + Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Status callbacks: the arrival time of each message's "sent" callback, and the sender it came from. */
    static final class Receiver {
        final HttpServer server;
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final Map<String, String> fromOf = new ConcurrentHashMap<>();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            Receiver r = new Receiver(server);
            server.createContext("/status", exchange -> {
                long now = System.nanoTime();
                try (InputStream in = exchange.getRequestBody()) {
                    Map<String, String> params = new HashMap<>();
                    for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1),
                                    StandardCharsets.UTF_8));
                        }
                    }
                    if ("sent".equals(params.get("MessageStatus"))) {
                        r.sentAt.put(params.get("MessageSid"), now);
                        r.fromOf.put(params.get("MessageSid"), params.get("From"));
                    }
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return r;
        }

        List<Long> sentTimes(String from) {
            List<Long> times = new ArrayList<>();
            fromOf.forEach((msg, f) -> {
                if (f.equals(from)) {
                    times.add(sentAt.get(msg));
                }
            });
            return times;
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/status";
        }

        void reset() {
            sentAt.clear();
            fromOf.clear();
        }

        void stop() {
            server.stop(0);
        }
    }
}
