import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Load for a running Parley: (1) create throughput and latency at a fixed concurrency, (2) end to end —
 * create → delivered on the simulator → status callback received here — sustained for a duration, then
 * a count of callbacks that never came. Run by bench/messages; plain JDK, no dependencies.
 */
public class MessagesBench {
    static final String DELIVERED_MARK = "MessageStatus=delivered";

    public static void main(String[] args) throws Exception {
        String base = arg(args, "--url", "http://localhost:8080");
        String sid = arg(args, "--account-sid", null);
        String token = arg(args, "--auth-token", null);
        int concurrency = Integer.parseInt(arg(args, "--concurrency", "64"));
        int createSeconds = Integer.parseInt(arg(args, "--create-seconds", "20"));
        int e2eSeconds = Integer.parseInt(arg(args, "--e2e-seconds", "60"));
        int e2eRate = Integer.parseInt(arg(args, "--e2e-rate", "0"));
        String auth = "Basic " + Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        String messages = base + "/2010-04-01/Accounts/" + sid + "/Messages.json";
        String from = "+14155550" + (100 + (int) (Math.random() * 800));
        post(http, auth, base + "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers.json", Map.of("PhoneNumber", from));

        // --tls-keystore: the receiver speaks https with this PKCS12 key store (password changeit), which
        // bench/messages --https made and made Parley trust.
        Receiver receiver = Receiver.start(arg(args, "--tls-keystore", ""));
        System.out.println("status callbacks to " + receiver.url());
        boolean wrk = !arg(args, "--wrk", "").isEmpty();
        if (wrk) {
            try {
                runWithWrk(http, auth, base, sid, messages, from, receiver, concurrency, createSeconds, e2eSeconds,
                        Integer.parseInt(arg(args, "--e2e-rate", "0")), arg(args, "--wrk", ""));
            } finally {
                receiver.stop();
            }
            return;
        }
        try {
            System.out.println("== warm-up (5 s)");
            runCreates(http, auth, messages, from, null, concurrency, 5, 0);
            System.out.printf("== creates: concurrency %d for %d s (simulator delivering in the background)%n",
                    concurrency, createSeconds);
            Result creates = runCreates(http, auth, messages, from, null, concurrency, createSeconds, 0);
            creates.print("creates");

            System.out.printf("== end to end: %d messages/s offered for %d s, status callbacks to %s%n",
                    e2eRate, e2eSeconds, receiver.url());
            receiver.reset();
            long start = System.nanoTime();
            Result e2e = runCreates(http, auth, messages, from, receiver.url(), concurrency, e2eSeconds, e2eRate);
            long createdEnd = System.nanoTime();
            Set<String> created = e2e.sids;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (receiver.delivered.size() < created.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long lastDelivered = receiver.lastDeliveredNanos.get();
            int delivered = (int) created.stream().filter(receiver.delivered::containsKey).count();
            double seconds = (Math.max(lastDelivered, createdEnd) - start) / 1e9;
            e2e.print("e2e creates");
            System.out.printf("e2e: %d created, %d delivered callbacks received, %d missing%n", created.size(),
                    delivered, created.size() - delivered);
            System.out.printf("e2e: %.0f messages/s end to end (first create to last delivered callback: %.1f s); "
                    + "callbacks received in all: %d%n", delivered / seconds, seconds, receiver.callbacks.sum());
            System.out.printf("e2e: delivered-callback lag after the last create: %.1f s%n",
                    Math.max(0, lastDelivered - createdEnd) / 1e9);
        } finally {
            receiver.stop();
        }
    }

    /**
     * The same two phases with wrk as the load generator: a C client costs the 2 shared cores far less than
     * java.net.http does, so the figures are the server's. Created SIDs are read back through the API.
     */
    static void runWithWrk(HttpClient http, String auth, String base, String sid, String messages, String from,
            Receiver receiver, int concurrency, int createSeconds, int e2eSeconds, int e2eRate, String wrk)
            throws Exception {
        // The JIT compiles for about half a minute after start; measured phases that overlap it measure the compiler.
        // Every path is warmed as the measured phases run it (creates with and without status callbacks, deliveries):
        // code compiled for one shape only is thrown away and compiled again when the other comes. Then the backlog
        // drains before measuring.
        System.out.println("== warm-up (20 s, wrk: 10 s with status callbacks, 10 s without; then the backlog drains)");
        wrk(wrk, auth, messages, from, receiver.url(), concurrency, 10);
        wrk(wrk, auth, messages, from, null, concurrency, 10);
        for (long seen = -1; receiver.callbacks.sum() != seen; Thread.sleep(2000)) {
            seen = receiver.callbacks.sum();
        }
        receiver.reset();
        System.out.printf("== creates: wrk, concurrency %d for %d s (simulator delivering in the background)%n",
                concurrency, createSeconds);
        System.out.print(wrk(wrk, auth, messages, from, null, concurrency, createSeconds));

        String e2eFrom = "+14155551" + (100 + (int) (Math.random() * 800));
        post(http, auth, base + "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers.json",
                Map.of("PhoneNumber", e2eFrom));
        receiver.reset();
        System.out.printf("== end to end: wrk, concurrency %d for %d s%s, status callbacks to %s%n", concurrency,
                e2eSeconds, e2eRate > 0 ? ", paced to about " + e2eRate + "/s" : " (as fast as it accepts)",
                receiver.url());
        long start = System.nanoTime();
        Thread timeline = Thread.ofPlatform().daemon(true).start(() -> {
            long last = 0;
            for (int s = 5; ; s += 5) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = receiver.delivered.size();
                System.out.printf("   t=%3ds delivered callbacks %7d (+%.0f/s)%n", s, now, (now - last) / 5.0);
                last = now;
            }
        });
        System.out.print(wrk(wrk, auth, messages, e2eFrom, receiver.url(), concurrency, e2eSeconds, e2eRate));
        long createdEnd = System.nanoTime();
        int deliveredAtEnd = receiver.delivered.size();
        Set<String> created = listSids(http, auth, messages, e2eFrom);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!receiver.delivered.keySet().containsAll(created) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        timeline.interrupt();
        long lastDelivered = receiver.lastDeliveredNanos.get();
        long delivered = created.stream().filter(receiver.delivered::containsKey).count();
        double window = (createdEnd - start) / 1e9;
        double all = (Math.max(lastDelivered, createdEnd) - start) / 1e9;
        System.out.printf("e2e: %d created in %.1f s (%.0f/s); %d delivered callbacks within the window (%.0f/s)%n",
                created.size(), window, created.size() / window, deliveredAtEnd, deliveredAtEnd / window);
        System.out.printf("e2e: all %d delivered after %.1f s: %.0f messages/s end to end; %d missing; "
                + "callbacks received in all %d (sending, sent, delivered)%n", delivered, all, delivered / all,
                created.size() - delivered, receiver.callbacks.sum());
    }

    static String wrk(String wrk, String auth, String url, String from, String callback, int concurrency, int seconds)
            throws IOException, InterruptedException {
        return wrk(wrk, auth, url, from, callback, concurrency, seconds, 0);
    }

    /** {@code rate} > 0 paces each connection (wrk's delay()) so that all together offer about that many per second. */
    static String wrk(String wrk, String auth, String url, String from, String callback, int concurrency, int seconds,
            int rate) throws IOException, InterruptedException {
        java.nio.file.Path script = java.nio.file.Files.createTempFile("parley-wrk", ".lua");
        String fixed = ("From=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&Body=bench"
                + (callback == null ? "" : "&StatusCallback=" + URLEncoder.encode(callback, StandardCharsets.UTF_8))).replace("%", "%%");
        java.nio.file.Files.writeString(script, String.join("\n",
                "wrk.method = 'POST'",
                "wrk.headers['Content-Type'] = 'application/x-www-form-urlencoded'",
                "wrk.headers['Authorization'] = '" + auth + "'",
                "local n = 0",
                "request = function()",
                "  n = n + 1",
                "  return wrk.format(nil, nil, nil, string.format('To=%%2B1202555%04d&" + fixed + "', n % 10000))",
                "end",
                rate > 0 ? "delay = function() return " + (1000 * concurrency / rate) + " end" : "",
                ""));
        Process p = new ProcessBuilder(wrk, "-t2", "-c" + concurrency, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        java.nio.file.Files.deleteIfExists(script);
        StringBuilder kept = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.contains("Requests/sec") || line.contains("requests in") || line.contains("Non-2xx")
                    || line.contains("Latency") || line.matches("\\s+(50|75|90|99)%.*") || line.contains("Socket errors")) {
                kept.append("   ").append(line.strip()).append('\n');
            }
        }
        return kept.toString();
    }

    /** Every message sent from {@code from}, read back through the Messages list. */
    static Set<String> listSids(HttpClient http, String auth, String messages, String from)
            throws IOException, InterruptedException {
        Set<String> sids = new java.util.HashSet<>();
        String base = messages.substring(0, messages.indexOf("/2010-04-01"));
        String next = messages.substring(base.length()) + "?PageSize=1000&From=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
        java.util.regex.Pattern sidPattern = java.util.regex.Pattern.compile("\"sid\":\"(SM[0-9a-f]{32})\"");
        java.util.regex.Pattern nextPattern = java.util.regex.Pattern.compile("\"next_page_uri\":\"([^\"]+)\"");
        while (next != null) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + next)).header("Authorization", auth)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            var m = sidPattern.matcher(r.body());
            while (m.find()) {
                sids.add(m.group(1));
            }
            var n = nextPattern.matcher(r.body());
            next = n.find() ? n.group(1).replace("\\u0026", "&") : null;
        }
        return sids;
    }

    record Result(long count, long errors, double seconds, long[] latenciesMicros, Set<String> sids) {
        void print(String what) {
            long[] l = latenciesMicros;
            Arrays.sort(l);
            System.out.printf("%s: %d in %.1f s = %.0f/s; errors %d; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    what, count, seconds, count / seconds, errors, pct(l, 50), pct(l, 99), l.length == 0 ? 0 : l[l.length - 1] / 1000.0);
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
        }
    }

    /** Closed loop at {@code concurrency}; with {@code rate} > 0, each worker paces itself to its share. */
    static Result runCreates(HttpClient http, String auth, String url, String from, String callback, int concurrency,
            int seconds, int rate) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        LongAdder count = new LongAdder();
        LongAdder errors = new LongAdder();
        List<long[]> perWorker = new ArrayList<>();
        Set<String> sids = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                long[] lat = new long[2_000_000 / concurrency];
                perWorker.add(lat);
                int worker = w;
                workers.submit(() -> {
                    int n = 0;
                    long interval = rate > 0 ? 1_000_000_000L * concurrency / rate : 0;
                    long next = System.nanoTime();
                    while (System.nanoTime() < end) {
                        if (interval > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                try {
                                    Thread.sleep(Duration.ofNanos(wait));
                                } catch (InterruptedException e) {
                                    break;
                                }
                            }
                            next += interval;
                        }
                        String to = String.format("+1%d555%04d", 201 + worker, n % 10_000);
                        Map<String, String> form = callback == null ? Map.of("To", to, "From", from, "Body", "bench " + n)
                                : Map.of("To", to, "From", from, "Body", "bench " + n, "StatusCallback", callback);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = post(http, auth, url, form);
                            long micros = (System.nanoTime() - t0) / 1000;
                            if (r.statusCode() == 201) {
                                if (n < lat.length) {
                                    lat[n] = micros;
                                }
                                n++;
                                count.increment();
                                if (callback != null) {
                                    int i = r.body().indexOf("\"sid\":\"");
                                    sids.add(r.body().substring(i + 7, i + 41));
                                }
                            } else {
                                errors.increment();
                            }
                        } catch (IOException | InterruptedException e) {
                            errors.increment();
                        }
                    }
                    lat[lat.length - 1] = n;
                });
            }
        }
        double secs = (System.nanoTime() - started) / 1e9;
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (long[] lat : perWorker) {
            int n = (int) Math.min(lat[lat.length - 1], lat.length - 1);
            for (int i = 0; i < n; i++) {
                all.add(lat[i]);
            }
            total += n;
        }
        return new Result(count.sum(), errors.sum(), secs, all.stream().mapToLong(Long::longValue).toArray(), sids);
    }

    static HttpResponse<String> post(HttpClient http, String auth, String url, Map<String, String> form)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (dflt == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return dflt;
    }

    /** The local status-callback receiver: counts callbacks, remembers which messages reported delivered. */
    /**
     * The status-callback receiver: a plain HTTP/1.1 server, one platform thread per keep-alive connection, that
     * reads each request whole, counts it, notes a delivered callback's MessageSid and answers 204. It shares the
     * two cores with Parley, so it does no more than that: the JDK's HttpServer cost about a sixth of the machine at
     * 2,000 messages/s (6,000 callbacks/s).
     */
    static final class Receiver {
        final ServerSocket server;
        final String scheme;
        final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
        final LongAdder callbacks = new LongAdder();
        final AtomicLong lastDeliveredNanos = new AtomicLong();

        private Receiver(ServerSocket server, String scheme) {
            this.server = server;
            this.scheme = scheme;
        }

        /** @param keyStore empty for plain http; else a PKCS12 key store (password changeit) to serve https with */
        static Receiver start(String keyStore) throws Exception {
            ServerSocket server;
            if (keyStore.isEmpty()) {
                server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            } else {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(Path.of(keyStore))) {
                    keys.load(in, "changeit".toCharArray());
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, "changeit".toCharArray());
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(kmf.getKeyManagers(), null, null);
                server = tls.getServerSocketFactory().createServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            }
            Receiver r = new Receiver(server, keyStore.isEmpty() ? "http" : "https");
            Thread.ofPlatform().daemon(true).name("receiver-accept").start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread.ofPlatform().daemon(true).name("receiver").start(() -> r.serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return r;
        }

        private void serve(Socket socket) {
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                    OutputStream out = socket.getOutputStream()) {
                socket.setTcpNoDelay(true);
                while (true) {
                    String requestLine = line(in);
                    if (requestLine == null) {
                        return;
                    }
                    int length = 0;
                    boolean close = false;
                    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                        int colon = header.indexOf(':');
                        String name = colon < 0 ? header : header.substring(0, colon).trim();
                        String value = colon < 0 ? "" : header.substring(colon + 1).trim();
                        if (name.equalsIgnoreCase("Content-Length")) {
                            length = Integer.parseInt(value);
                        } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                            close = true;
                        }
                    }
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    received(body);
                    out.write(NO_CONTENT);
                    out.flush();
                    if (close) {
                        return;
                    }
                }
            } catch (IOException e) {
                // The connection went away: Parley opens another.
            }
        }

        private static final byte[] NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        /** One CRLF-terminated line without its end; null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void received(String body) {
            callbacks.increment();
            if (body.contains(DELIVERED_MARK)) {
                for (String pair : body.split("&")) {
                    if (pair.startsWith("MessageSid=")) {
                        delivered.put(URLDecoder.decode(pair.substring(11), StandardCharsets.UTF_8), true);
                        lastDeliveredNanos.set(System.nanoTime());
                    }
                }
            }
        }

        String url() {
            return scheme + "://localhost:" + server.getLocalPort() + "/status";
        }

        void reset() {
            delivered.clear();
            callbacks.reset();
        }

        void stop() throws IOException {
            server.close();
        }
    }
}
