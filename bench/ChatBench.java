import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Web chat at scale, measured from outside as a browser would see it: {@code --clients} WebSockets on {@code /chat},
 * one per chat identity, in conversations of {@code --per-conversation} chat participants each (10,000 clients = 1,000
 * conversations × 10 identities), while messages are posted through the REST API (Twilio's Conversations Messages
 * endpoint) at a paced rate. Run by bench/chat, which starts Parley with {@code -Xmx512m} and a GC log; plain JDK,
 * no dependencies.
 *
 * <p>Steps: an API key through {@code POST /2010-04-01/Accounts/{AC}/Keys.json}; the conversations and their chat
 * participants through the REST API from {@code --setup-concurrency} keep-alive connections; one Twilio-format
 * AccessToken per identity (HS256 with the key's secret, minted here with javax.crypto); every client connects
 * ({@code java.net.http.WebSocket}, one shared {@code HttpClient}) and authenticates, at most
 * {@code --connect-concurrency} at a time; then a warm-up and the measured phase, each posting
 * {@code rate / (per-conversation - 1)} messages per second, round-robin over the conversations, each by the next of
 * its participants in turn.
 *
 * <p>Figures. A <em>delivery</em> is a {@code message} event received by a client whose identity did not author the
 * message: each post has {@code per-conversation - 1} of them, and the rate asked for is deliveries/s. The author's
 * own client receives the event too (its echo); echoes are counted and shown apart, not as deliveries. Latency is from
 * just before the POST is written to the client receiving its {@code message} event, over every delivery of the
 * measured phase's posts, and split into the POST's answer and the event after that answer (the push, once the message
 * is committed). Each client checks that its conversation's indexes arrive in order with no gap and no duplicate.
 * Parley's CPU, in all and per thread (/proc). Heap: the server's GC log (used before and after each collection during
 * the phase) and, outside the measured phases, {@code jcmd GC.run} then {@code GC.heap_info}: the live heap before the
 * clients connect, with all of them connected, and after the load.
 *
 * <p>One file, longer than most: the benches run as single-file source programs on JDK 21 (no build step).
 */
public class ChatBench {
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"([A-Z]{2}[0-9a-f]{32})\"");
    private static final Pattern SERVICE = Pattern.compile("\"chat_service_sid\"\\s*:\\s*\"(IS[0-9a-f]{32})\"");
    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)\\s+([\\d.]+)ms");
    private static final Pattern HEAP_USED =
            Pattern.compile("heap\\s+total reserved \\d+K, committed (\\d+)K, used (\\d+)K");

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        int conversations = o.clients / o.perConversation;
        int clients = conversations * o.perConversation;
        double postsPerSecond = o.rate / (double) (o.perConversation - 1);
        System.out.printf(Locale.ROOT, "== %,d chat clients: %,d conversations × %d identities; %,d deliveries/s"
                + " asked = %.1f posts/s (each post reaches the %d other participants; the author's echo apart)%n",
                clients, conversations, o.perConversation, o.rate, postsPerSecond, o.perConversation - 1);
        Api api = new Api(o);
        Server server = new Server(o);

        // The API key whose secret signs the tokens, and the default Conversation Service the conversations land in.
        String keyJson = api.post("/2010-04-01/Accounts/" + o.accountSid + "/Keys.json",
                Map.of("FriendlyName", "chat bench"));
        String keySid = group(SID, keyJson);
        String keySecret = group(SECRET, keyJson);

        String[] conversationSids = new String[conversations];
        double cpu = server.cpuSeconds();
        String service = setUp(o, api, conversationSids);
        System.out.printf(Locale.ROOT, "   Parley's CPU per setup request: %.2f ms%n",
                (server.cpuSeconds() - cpu) * 1000 / (conversations + clients));
        Heap beforeConnect = server.heapInfo();
        System.out.printf("== Parley's live heap after setup (jcmd GC.run): %s%n", beforeConnect);

        Load load = new Load(o, conversations, clients, postsPerSecond);
        Client[] all = new Client[clients];
        for (int i = 0; i < clients; i++) {
            all[i] = new Client(load, i, i / o.perConversation, i % o.perConversation);
        }
        ExecutorService listeners = Executors.newFixedThreadPool(o.listenerThreads, r -> {
            Thread t = new Thread(r, "ws-listener");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().executor(listeners).connectTimeout(Duration.ofSeconds(30)).build();
        cpu = server.cpuSeconds();
        if (o.jfrConnect != null) {
            server.startRecording(o.jfrConnect, 600);
        }
        connect(o, http, all, keySid, keySecret, service);
        if (o.jfrConnect != null) {
            server.stopRecording();
        }
        System.out.printf(Locale.ROOT, "   Parley's CPU per connection (upgrade, authenticate, attach): %.2f ms%n",
                (server.cpuSeconds() - cpu) * 1000 / clients);
        Thread keepAlive = Thread.ofPlatform().daemon(true).name("keep-alive").start(() -> keepAlive(o, all));

        Heap connected = server.heapInfo();
        long authenticated = Arrays.stream(all).filter(c -> c.state == Client.AUTHENTICATED).count();
        System.out.printf(Locale.ROOT, "== Parley's live heap with %,d clients connected (jcmd GC.run): %s; %s per"
                + " connection; process: %s%n", authenticated, connected, authenticated == 0 ? "—"
                : kib((connected.usedKib() - beforeConnect.usedKib()) / (double) authenticated), server.process());

        System.out.println("   largest classes on Parley's heap with the clients connected (jcmd GC.class_histogram):");
        server.histogram(14).forEach(line -> System.out.println("   " + line));

        PhaseResult warm = null;
        if (o.warmUpSeconds > 0) {
            warm = load.run("warm-up", o.warmUpSeconds, api, conversationSids, all, server);
        }
        if (o.jfr != null) {
            server.startRecording(o.jfr, o.seconds);
        }
        PhaseResult measured = load.run("measured", o.seconds, api, conversationSids, all, server);
        Heap after = server.heapInfo();
        System.out.printf("== Parley's live heap after the load, clients still connected (jcmd GC.run): %s%n", after);
        keepAlive.interrupt();

        Map<Integer, Long> closes = new java.util.TreeMap<>();
        for (Client c : all) {
            if (c.closeCode != 0) {
                closes.merge(c.closeCode, 1L, Long::sum);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "== summary (%d cores, load average %s; Parley %s)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), o.maxHeap);
        System.out.println("| figure | target | measured | |");
        System.out.println("|---|---|---|---|");
        long open = Arrays.stream(all).filter(c -> c.state == Client.AUTHENTICATED).count();
        row("clients connected and authenticated (at the end)", "10,000", String.format(Locale.ROOT, "%,d of %,d%s",
                open, clients, closes.isEmpty() ? "" : "; closed by the server: " + closes), open >= 10_000);
        row("deliveries/s (`message` events received by the other participants)", "2,000",
                String.format(Locale.ROOT, "%,.0f (asked %,d; %,.1f posts/s offered, %,.1f answered 201)",
                        measured.deliveriesPerSecond, o.rate, measured.postsPerSecond, measured.answeredPerSecond),
                measured.deliveriesPerSecond >= 0.98 * 2000);
        row("POST → `message` event received, p50 · p99 · max", "p99 ≤ 100 ms",
                String.format(Locale.ROOT, "%s · %s · %s", ms(measured.p50), ms(measured.p99), ms(measured.max)),
                measured.p99 <= 100_000_000L && measured.deliveries > 0);
        row("deliveries missing · out of order or duplicated", "0 · 0", String.format(Locale.ROOT, "%,d · %,d",
                measured.missing, measured.disorder), measured.missing == 0 && measured.disorder == 0);
        row("Parley's heap: live after GC with all connected · after the load", "≤ 512 MB",
                connected + " · " + after, Math.max(connected.usedKib(), after.usedKib()) <= 512 * 1024);
        row("Parley's heap during the measured phase (GC log): used after GC, max · used before GC, max",
                "≤ 512 MB", measured.gc.afterSummary(), measured.gc.maxBeforeMib() <= 512);
        row("of which: POST answered, p50 · p99", "", ms(measured.postP50) + " · " + ms(measured.postP99), null);
        row("of which: `message` event after the POST's answer, p50 · p99 (negative: before it)", "",
                ms(measured.afterAnswerP50) + " · " + ms(measured.afterAnswerP99), null);
        row("Parley's CPU during the measured phase · the bench client's", "", String.format(Locale.ROOT,
                "%.2f · %.2f cores", measured.parleyCores, measured.clientCores), null);
        row("GC pauses during the measured phase: count · longest", "", measured.gc.pauses(), null);
        if (warm != null) {
            row("warm-up: deliveries/s · p99", "", String.format(Locale.ROOT, "%,.0f · %s",
                    warm.deliveriesPerSecond, ms(warm.p99)), null);
        }
        System.exit(0);
    }

    // --- setup through the REST API ---

    /** Creates the conversations and their chat participants; answers the Conversation Service they are in. */
    static String setUp(Options o, Api api, String[] conversationSids) throws Exception {
        int conversations = conversationSids.length;
        String first = api.post("/conversations/v1/Conversations", Map.of("FriendlyName", "chat bench 0"));
        String service = group(SERVICE, first);
        conversationSids[0] = group(SID, first);
        AtomicInteger nextConversation = new AtomicInteger(1);
        AtomicInteger conversationsMade = new AtomicInteger(1);
        AtomicInteger participantsMade = new AtomicInteger();
        AtomicInteger nextParticipant = new AtomicInteger();
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "== setup: %,d conversations and %,d chat participants through the REST API,"
                + " %d connections%n", conversations, conversations * o.perConversation, o.setupConcurrency);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread progress = progress(() -> String.format(Locale.ROOT, "conversations %,d of %,d, participants %,d of %,d",
                conversationsMade.get(), conversations, participantsMade.get(), conversations * o.perConversation), 2);
        for (int w = 0; w < o.setupConcurrency; w++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try (HttpConnection http = new HttpConnection(o.port)) {
                    // Conversations first, then participants: a participant needs its conversation's SID.
                    for (int c = nextConversation.getAndIncrement(); c < conversations;
                            c = nextConversation.getAndIncrement()) {
                        conversationSids[c] = group(SID, api.post(http, "/conversations/v1/Conversations",
                                Map.of("FriendlyName", "chat bench " + c)));
                        conversationsMade.incrementAndGet();
                    }
                    while (conversationsMade.get() < conversations && failures.isEmpty()) {
                        Thread.sleep(5);
                    }
                    int total = conversations * o.perConversation;
                    for (int p = nextParticipant.getAndIncrement(); p < total && failures.isEmpty();
                            p = nextParticipant.getAndIncrement()) {
                        api.post(http, "/conversations/v1/Conversations/" + conversationSids[p / o.perConversation]
                                + "/Participants", Map.of("Identity", identity(p, o.perConversation)));
                        participantsMade.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        progress.interrupt();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("setup failed", failures.get(0));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "   setup done in %.1f s (%,.0f requests/s); Conversation Service %s%n", seconds,
                (conversations + participantsMade.get()) / seconds, service);
        return service;
    }

    /** The identity of client {@code i}: conversation and member, e.g. {@code c0042-p3}. */
    static String identity(int i, int perConversation) {
        return String.format(Locale.ROOT, "c%04d-p%d", i / perConversation, i % perConversation);
    }

    // --- tokens ---

    /**
     * A Twilio AccessToken for one chat identity, as twilio-java's {@code AccessToken} + {@code ChatGrant} mint it:
     * HS256 over the key's secret, header {@code cty: twilio-fpa;v=1}, {@code iss} the key, {@code sub} the account.
     */
    static String token(String accountSid, String keySid, String secret, String identity, String service,
            long ttlSeconds) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"cty\":\"twilio-fpa;v=1\"}";
        String payload = "{\"jti\":\"" + keySid + "-" + now + "\",\"iss\":\"" + keySid + "\",\"sub\":\"" + accountSid
                + "\",\"nbf\":" + now + ",\"exp\":" + (now + ttlSeconds) + ",\"grants\":{\"identity\":\"" + identity
                + "\",\"chat\":{\"service_sid\":\"" + service + "\"}}}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    // --- the WebSocket clients ---

    /** Connects and authenticates every client, at most --connect-concurrency in flight. */
    static void connect(Options o, HttpClient http, Client[] all, String keySid, String secret, String service)
            throws Exception {
        URI uri = URI.create(o.url.replaceFirst("^http", "ws") + "/chat");
        Semaphore inFlight = new Semaphore(o.connectConcurrency);
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "== connecting %,d clients to %s (tokens minted here, at most %d connecting at"
                + " once)%n", all.length, uri, o.connectConcurrency);
        Thread progress = progress(() -> {
            long open = Arrays.stream(all).filter(c -> c.state >= Client.OPEN && c.state != Client.CLOSED).count();
            long ok = Arrays.stream(all).filter(c -> c.state == Client.AUTHENTICATED).count();
            long failed = Arrays.stream(all).filter(c -> c.state == Client.CLOSED).count();
            return String.format(Locale.ROOT, "open %,d, authenticated %,d, failed or closed %,d", open, ok, failed);
        }, 2);
        for (Client c : all) {
            inFlight.acquire();
            c.whenSettled = inFlight::release;
            String token = token(o.accountSid, keySid, secret, identity(c.number, o.perConversation), service,
                    o.tokenTtlSeconds);
            c.token = token;
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, c)
                    .whenComplete((ws, failure) -> {
                        if (failure != null) {
                            c.fail(failure);
                        }
                    });
        }
        inFlight.acquire(o.connectConcurrency);
        inFlight.release(o.connectConcurrency);
        progress.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        long ok = Arrays.stream(all).filter(c -> c.state == Client.AUTHENTICATED).count();
        System.out.printf(Locale.ROOT, "   %,d of %,d authenticated in %.1f s (%,.0f/s)%n", ok, all.length, seconds,
                ok / seconds);
        Client.printFailures(all);
    }

    /**
     * With {@code --ping-seconds} above 0: sends a WebSocket ping (a control frame, answered by Jetty without reaching
     * Parley's code) to any client that has neither sent nor received anything for that long. Off by default: a browser
     * sends no pings, and Parley pings every connection itself; this is for a server that would drop idle clients
     * while the others connect. Under load every client receives a message every few seconds and this sends nothing.
     */
    static void keepAlive(Options o, Client[] all) {
        if (o.pingSeconds <= 0) {
            return;
        }
        long idle = TimeUnit.SECONDS.toNanos(o.pingSeconds);
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            for (Client c : all) {
                WebSocket ws = c.ws;
                if (ws != null && c.state == Client.AUTHENTICATED && now - c.lastActivity > idle) {
                    c.lastActivity = now;
                    ws.sendPing(java.nio.ByteBuffer.allocate(0));
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One chat identity's connection: authenticates on open, then checks and times the message events. */
    static final class Client implements WebSocket.Listener {
        static final int CONNECTING = 0;
        static final int OPEN = 1;
        static final int AUTHENTICATED = 2;
        static final int CLOSED = 3;
        static final Map<String, LongAdder> FRAMES = new ConcurrentHashMap<>();
        static final Map<String, LongAdder> FAILURES = new ConcurrentHashMap<>();

        final Load load;
        final int number;
        final int conversation;
        final int member;
        volatile WebSocket ws;
        volatile int state = CONNECTING;
        volatile long lastActivity = System.nanoTime();
        volatile int closeCode;
        String token;
        Runnable whenSettled;
        private final StringBuilder partial = new StringBuilder();
        private long lastIndex = -1;

        Client(Load load, int number, int conversation, int member) {
            this.load = load;
            this.number = number;
            this.conversation = conversation;
            this.member = member;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            state = OPEN;
            webSocket.sendText("{\"type\":\"authenticate\",\"token\":\"" + token + "\",\"protocol\":1}", true);
            token = null;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            lastActivity = now;
            String frame;
            if (!last || !partial.isEmpty()) {
                partial.append(data);
                if (!last) {
                    webSocket.request(1);
                    return null;
                }
                frame = partial.toString();
                partial.setLength(0);
            } else {
                frame = data.toString();
            }
            onFrame(frame, now);
            webSocket.request(1);
            return null;
        }

        private void onFrame(String frame, long now) {
            String type = field(frame, "\"type\":\"");
            if ("message".equals(type)) {
                long index = number(frame, "\"index\":");
                if (lastIndex >= 0 && index != lastIndex + 1) {
                    load.disorder.increment();
                }
                lastIndex = Math.max(lastIndex, index);
                long seq = number(frame, "\"body\":\"bench ");
                if (seq >= 0) {
                    load.received(this, (int) seq, now);
                }
                return;
            }
            FRAMES.computeIfAbsent(type == null ? "?" : type, k -> new LongAdder()).increment();
            if ("authenticated".equals(type)) {
                state = AUTHENTICATED;
                settle();
            } else if ("error".equals(type)) {
                FAILURES.computeIfAbsent("error frame: " + frame.substring(0, Math.min(200, frame.length())),
                        k -> new LongAdder()).increment();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            state = CLOSED;
            FAILURES.computeIfAbsent("closed " + statusCode + " " + reason, k -> new LongAdder()).increment();
            settle();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail(error);
        }

        void fail(Throwable error) {
            state = CLOSED;
            if (closeCode == 0) {
                closeCode = -1;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            FAILURES.computeIfAbsent(cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                    k -> new LongAdder()).increment();
            settle();
        }

        private synchronized void settle() {
            if (whenSettled != null) {
                whenSettled.run();
                whenSettled = null;
            }
        }

        static void printFailures(Client[] all) {
            FAILURES.forEach((what, n) -> System.out.printf(Locale.ROOT, "   %,d × %s%n", n.sum(), what));
            FAILURES.clear();
        }

        /** The string value after {@code key}, up to its closing quote; null when absent. */
        static String field(String frame, String key) {
            int at = frame.indexOf(key);
            if (at < 0) {
                return null;
            }
            int from = at + key.length();
            int end = frame.indexOf('"', from);
            return end < 0 ? null : frame.substring(from, end);
        }

        /** The unsigned number right after {@code key}; -1 when absent. */
        static long number(String frame, String key) {
            int at = frame.indexOf(key);
            if (at < 0) {
                return -1;
            }
            long n = 0;
            int i = at + key.length();
            int digits = 0;
            for (; i < frame.length() && Character.isDigit(frame.charAt(i)); i++, digits++) {
                n = n * 10 + (frame.charAt(i) - '0');
            }
            return digits == 0 ? -1 : n;
        }
    }

    // --- the load ---

    /** What a phase measured. */
    record PhaseResult(double postsPerSecond, double answeredPerSecond, double deliveriesPerSecond, long deliveries,
            long p50, long p99, long max, long missing, long disorder, long postP50, long postP99,
            long afterAnswerP50, long afterAnswerP99, double parleyCores, double clientCores, GcSummary gc) {
    }

    /**
     * The paced posts and what the clients received: each post's sequence number is in its body ({@code bench <n>}),
     * the time just before it was written is kept by number, and each client's receipt is counted by number.
     */
    static final class Load {
        final Options o;
        final int conversations;
        final int clients;
        final double postsPerSecond;
        final AtomicLongArray sentAt;
        final AtomicIntegerArray receivedBy;
        final LongAdder deliveries = new LongAdder();
        final LongAdder echoes = new LongAdder();
        final LongAdder disorder = new LongAdder();
        final AtomicInteger nextSeq = new AtomicInteger();
        volatile int measureFrom = Integer.MAX_VALUE;
        volatile int measureTo = Integer.MAX_VALUE;
        long[] latencies = new long[0];
        int[] latencySeqs = new int[0];
        final AtomicLongArray answeredAt;
        final AtomicInteger latencyCount = new AtomicInteger();
        final AtomicLong intervalMax = new AtomicLong();

        Load(Options o, int conversations, int clients, double postsPerSecond) {
            this.o = o;
            this.conversations = conversations;
            this.clients = clients;
            this.postsPerSecond = postsPerSecond;
            int capacity = (int) Math.ceil(postsPerSecond * (o.warmUpSeconds + o.seconds) * 1.1) + 1000;
            sentAt = new AtomicLongArray(capacity);
            receivedBy = new AtomicIntegerArray(capacity);
            answeredAt = new AtomicLongArray(capacity);
        }

        int conversationOf(int seq) {
            return seq % conversations;
        }

        int authorOf(int seq) {
            return (seq / conversations) % o.perConversation;
        }

        void received(Client c, int seq, long now) {
            if (seq >= sentAt.length()) {
                return;
            }
            if (c.member == authorOf(seq)) {
                echoes.increment();
                return;
            }
            deliveries.increment();
            receivedBy.incrementAndGet(seq);
            long sent = sentAt.get(seq);
            long latency = sent == 0 ? 0 : now - sent;
            intervalMax.accumulateAndGet(latency, Math::max);
            if (seq >= measureFrom && seq < measureTo) {
                int i = latencyCount.getAndIncrement();
                long[] l = latencies;
                int[] q = latencySeqs;
                if (i < l.length && i < q.length) {
                    l[i] = latency;
                    q[i] = seq;
                }
            }
        }

        /** Posts at the paced rate for {@code seconds}, then waits for the deliveries of its posts. */
        PhaseResult run(String name, int seconds, Api api, String[] conversationSids, Client[] all, Server server)
                throws Exception {
            int firstSeq = nextSeq.get();
            int lastSeq = (int) Math.min(sentAt.length(), firstSeq + Math.round(postsPerSecond * seconds));
            latencySeqs = new int[(lastSeq - firstSeq) * (o.perConversation - 1) + 16];
            latencies = new long[latencySeqs.length];
            latencyCount.set(0);
            measureFrom = firstSeq;
            measureTo = lastSeq;
            int gcFrom = server.gcLines();
            Map<String, Double> threadsBefore = server.threadCpu();
            double parleyCpu = server.cpuSeconds();
            double clientCpu = selfCpuSeconds();
            long deliveriesBefore = deliveries.sum();
            long[] postNanos = new long[lastSeq - firstSeq];
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
            System.out.printf(Locale.ROOT, "== %s: %.1f posts/s for %d s (load average %s)%n", name, postsPerSecond,
                    seconds, loadAverage());
            List<Thread> posters = new ArrayList<>();
            for (int w = 0; w < o.postConcurrency; w++) {
                posters.add(Thread.ofPlatform().name("poster").start(() -> {
                    try (HttpConnection http = new HttpConnection(o.port)) {
                        for (int seq = queue.take(); seq >= 0; seq = queue.take()) {
                            int conversation = conversationOf(seq);
                            byte[] request = api.request("/conversations/v1/Conversations/"
                                    + conversationSids[conversation] + "/Messages", Map.of("Author",
                                    identity(conversation * o.perConversation + authorOf(seq), o.perConversation),
                                    "Body", "bench " + seq));
                            long before = System.nanoTime();
                            sentAt.set(seq, before);
                            HttpConnection.Response r = http.exchange(request);
                            long after = System.nanoTime();
                            answeredAt.set(seq, after);
                            postNanos[seq - firstSeq] = after - before;
                            if (r.status() == 201) {
                                answered.incrementAndGet();
                            } else if (refused.incrementAndGet() <= 3) {
                                System.out.println("   POST refused: " + r.status() + " " + r.body().strip());
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        System.out.println("   poster stopped: " + e);
                    }
                }));
            }
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long nextReport = start + TimeUnit.SECONDS.toNanos(5);
            long reportedDeliveries = deliveriesBefore;
            int reportedPosts = firstSeq;
            long behind = 0;
            int seq = firstSeq;
            while (seq < lastSeq) {
                long now = System.nanoTime();
                long due = firstSeq + (long) ((now - start) / 1e9 * postsPerSecond);
                for (; seq < Math.min(due, lastSeq); seq++) {
                    queue.add(seq);
                }
                behind = Math.max(behind, queue.size());
                if (now >= nextReport) {
                    long d = deliveries.sum();
                    long open = Arrays.stream(all).filter(c -> c.state == Client.AUTHENTICATED).count();
                    System.out.printf(Locale.ROOT, "   t=%3.0fs posts %,6d (%5.1f/s) deliveries %,8d (%,6.0f/s)"
                            + " max latency %s, clients open %,d, Parley heap %s, load %s%n", (now - start) / 1e9,
                            seq - firstSeq, (seq - reportedPosts) / 5.0, d - deliveriesBefore,
                            (d - reportedDeliveries) / 5.0, ms(intervalMax.getAndSet(0)), open, server.lastGc(),
                            loadAverage());
                    reportedDeliveries = d;
                    reportedPosts = seq;
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                }
                LockSupport.parkNanos(500_000);
            }
            nextSeq.set(lastSeq);
            for (int w = 0; w < o.postConcurrency; w++) {
                queue.add(-1);
            }
            for (Thread t : posters) {
                t.join();
            }
            long postedAt = System.nanoTime();
            double postSeconds = Math.max((postedAt - start) / 1e9, seconds);
            long phaseDeliveries = deliveries.sum() - deliveriesBefore;
            double parleyCores = (server.cpuSeconds() - parleyCpu) / postSeconds;
            Map<String, Double> threadsAfter = server.threadCpu();
            double clientCores = (selfCpuSeconds() - clientCpu) / postSeconds;
            int gcTo = server.gcLines();
            // The stragglers of the phase's last posts.
            long expected = (long) answered.get() * (o.perConversation - 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainSeconds);
            while (received(firstSeq, lastSeq) < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long got = received(firstSeq, lastSeq);
            int n = Math.min(latencyCount.get(), latencies.length);
            // The same deliveries timed from the POST's answer instead (negative: the event came first).
            long[] fromAnswer = new long[n];
            for (int i = 0; i < n; i++) {
                int s = latencySeqs[i];
                fromAnswer[i] = answeredAt.get(s) == 0 ? 0 : sentAt.get(s) + latencies[i] - answeredAt.get(s);
            }
            Arrays.sort(fromAnswer);
            long[] l = Arrays.copyOf(latencies, n);
            Arrays.sort(l);
            long[] p = Arrays.stream(postNanos).filter(x -> x > 0).sorted().toArray();
            measureFrom = Integer.MAX_VALUE;
            PhaseResult result = new PhaseResult((lastSeq - firstSeq) / postSeconds, answered.get() / postSeconds,
                    phaseDeliveries / postSeconds, got, pct(l, 50), pct(l, 99), n == 0 ? 0 : l[n - 1],
                    Math.max(0, expected - got), disorder.sum(), pct(p, 50), pct(p, 99), pct(fromAnswer, 50),
                    pct(fromAnswer, 99), parleyCores, clientCores, server.gc(gcFrom, gcTo));
            System.out.printf(Locale.ROOT, "%s: %,d posts in %.1f s (%.1f/s, %,d answered 201, at most %d waiting to be"
                    + " written); %,d deliveries received during it (%,.0f/s), %,d of %,d expected in all (%,d"
                    + " missing), echoes to authors %,d; latency p50 %s p99 %s max %s; POST answered p50 %s p99 %s;"
                    + " event after the POST's answer p50 %s p99 %s; Parley %.2f"
                    + " cores, bench client %.2f cores; GC %s; disorder %,d%n", name, lastSeq - firstSeq, postSeconds,
                    result.postsPerSecond, answered.get(), behind, phaseDeliveries, result.deliveriesPerSecond, got,
                    expected, result.missing, echoes.sumThenReset(), ms(result.p50), ms(result.p99), ms(result.max),
                    ms(result.postP50), ms(result.postP99), ms(result.afterAnswerP50), ms(result.afterAnswerP99),
                    parleyCores, clientCores, result.gc, disorder.sum());
            StringBuilder threads = new StringBuilder();
            threadsAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0.0))
                            / postSeconds))
                    .filter(e -> e.getValue() >= 0.005)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> threads.append(threads.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                            .append(String.format(Locale.ROOT, "%.0f%%", e.getValue() * 100)));
            System.out.println("   Parley's threads during it (share of one core): " + threads);
            return result;
        }

        private long received(int from, int to) {
            long sum = 0;
            for (int s = from; s < to; s++) {
                sum += receivedBy.get(s);
            }
            return sum;
        }
    }

    static long pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1)];
    }

    // --- the server's side: CPU, heap, GC ---

    /** What the bench reads of the Parley process: /proc, its GC log, and jcmd. */
    static final class Server {
        final Options o;

        Server(Options o) {
            this.o = o;
        }

        double cpuSeconds() {
            return o.parleyPid <= 0 ? 0 : procCpuSeconds(o.parleyPid);
        }

        int gcLines() {
            return gcLog().size();
        }

        List<String> gcLog() {
            try {
                return o.gcLog == null ? List.of() : Files.readAllLines(o.gcLog);
            } catch (IOException e) {
                return List.of();
            }
        }

        GcSummary gc(int from, int to) {
            List<String> lines = gcLog();
            GcSummary s = new GcSummary();
            for (String line : lines.subList(Math.min(from, lines.size()), Math.min(to, lines.size()))) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    s.add(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(4)),
                            line.contains("Pause Young") || line.contains("Pause Full"));
                }
            }
            return s;
        }

        /** The latest collection in the GC log, as {@code before->after(committed)}. */
        String lastGc() {
            List<String> lines = gcLog();
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = GC_LINE.matcher(lines.get(i));
                if (m.find()) {
                    return m.group(1) + "→" + m.group(2) + " MiB";
                }
            }
            return "—";
        }

        /**
         * CPU seconds of Parley's threads by name (digits dropped, so that a pool's threads add up), from
         * /proc/PID/task.
         */
        Map<String, Double> threadCpu() {
            Map<String, Double> byName = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + o.parleyPid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("[0-9]+", "#");
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not on Linux
            }
            return byName;
        }

        /** Resident memory, threads and open files of the process, from /proc. */
        String process() {
            try {
                String status = Files.readString(Path.of("/proc/" + o.parleyPid + "/status"));
                Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
                Matcher threads = Pattern.compile("Threads:\\s+(\\d+)").matcher(status);
                long fds;
                try (var files = Files.list(Path.of("/proc/" + o.parleyPid + "/fd"))) {
                    fds = files.count();
                }
                return String.format(Locale.ROOT, "RSS %s MiB, %s threads, %,d open files",
                        rss.find() ? Long.parseLong(rss.group(1)) / 1024 : "?", threads.find() ? threads.group(1) : "?",
                        fds);
            } catch (IOException | RuntimeException e) {
                return "?";
            }
        }

        /** The first {@code rows} classes of {@code jcmd GC.class_histogram} (by bytes, after a full collection). */
        List<String> histogram(int rows) throws Exception {
            if (o.jcmd == null || o.parleyPid <= 0) {
                return List.of();
            }
            String out = jcmd("GC.class_histogram");
            List<String> table = out.lines().filter(l -> l.matches("\\s*(num|\\d+:\\s).*")).limit(rows + 1L).toList();
            return table.isEmpty() ? out.lines().limit(5).toList() : table;
        }

        /** A JFR recording (profile settings) of the measured phase, written to {@code file} at its end. */
        void startRecording(Path file, int seconds) throws Exception {
            System.out.println("   " + jcmd("JFR.start", "name=chat-bench", "settings=profile",
                    "duration=" + seconds + "s", "filename=" + file.toAbsolutePath()).strip().replace('\n', ' '));
        }

        void stopRecording() throws Exception {
            System.out.println("   " + jcmd("JFR.stop", "name=chat-bench").strip().replace('\n', ' '));
        }

        /** A full collection ({@code jcmd GC.run}), then the heap's use ({@code GC.heap_info}). */
        Heap heapInfo() throws Exception {
            if (o.jcmd == null || o.parleyPid <= 0) {
                return new Heap(-1, -1);
            }
            jcmd("GC.run");
            String info = jcmd("GC.heap_info");
            Matcher m = HEAP_USED.matcher(info);
            return m.find() ? new Heap(Long.parseLong(m.group(2)), Long.parseLong(m.group(1))) : new Heap(-1, -1);
        }

        private String jcmd(String... command) throws Exception {
            List<String> line = new ArrayList<>(List.of(o.jcmd, String.valueOf(o.parleyPid)));
            line.addAll(List.of(command));
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        }
    }

    /** The heap's use and committed size, in KiB (-1: not known). */
    record Heap(long usedKib, long committedKib) {
        @Override
        public String toString() {
            return usedKib < 0 ? "—" : String.format(Locale.ROOT, "%.0f MiB used (%.0f MiB committed)",
                    usedKib / 1024.0, committedKib / 1024.0);
        }
    }

    /** The collections of a phase from the GC log: heap used before and after each, and the pauses. */
    static final class GcSummary {
        int count;
        int maxBefore;
        int maxAfter;
        long sumAfter;
        double maxPause;
        int over50;

        int collections;

        /** A pause; {@code collected}: a young or full collection (a remark or cleanup pause frees nothing). */
        void add(int before, int after, double pauseMs, boolean collected) {
            count++;
            over50 += pauseMs > 50 ? 1 : 0;
            maxPause = Math.max(maxPause, pauseMs);
            maxBefore = Math.max(maxBefore, before);
            if (collected) {
                collections++;
                maxAfter = Math.max(maxAfter, after);
                sumAfter += after;
            }
        }

        int maxBeforeMib() {
            return maxBefore;
        }

        String afterSummary() {
            return collections == 0 ? "no collection" : String.format(Locale.ROOT, "%d MiB (mean %d) · %d MiB",
                    maxAfter, sumAfter / collections, maxBefore);
        }

        String pauses() {
            return String.format(Locale.ROOT, "%d · %.1f ms (%d over 50 ms)", count, maxPause, over50);
        }

        @Override
        public String toString() {
            return count == 0 ? "no collection" : String.format(Locale.ROOT, "%d pauses (%d collections), used after"
                    + " a collection %d MiB max, before %d MiB max, longest pause %.1f ms", count, collections,
                    maxAfter, maxBefore, maxPause);
        }
    }

    static double procCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0; // not on Linux
        }
    }

    static double selfCpuSeconds() {
        return procCpuSeconds(ProcessHandle.current().pid());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // --- printing ---

    static void row(String figure, String target, String measured, Boolean met) {
        System.out.println("| " + figure + " | " + target + " | " + measured + " | "
                + (met == null ? "" : met ? "met" : "**not met**") + " |");
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, Math.abs(nanos) >= 10_000_000 ? "%.0f ms" : "%.1f ms", nanos / 1e6);
    }

    static String kib(double kib) {
        return String.format(Locale.ROOT, "%.1f KiB", kib);
    }

    /** Prints {@code what} every {@code seconds} until interrupted. */
    static Thread progress(java.util.function.Supplier<String> what, int seconds) {
        long start = System.nanoTime();
        return Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (true) {
                    Thread.sleep(seconds * 1000L);
                    System.out.printf(Locale.ROOT, "   t=%3.0fs %s%n", (System.nanoTime() - start) / 1e9, what.get());
                }
            } catch (InterruptedException e) {
                // done
            }
        });
    }

    static String group(Pattern p, String json) {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + json);
        }
        return m.group(1);
    }

    // --- options and HTTP ---

    static final class Options {
        final String url;
        final int port;
        final String accountSid;
        final String authToken;
        final long parleyPid;
        final String jcmd;
        final Path gcLog;
        final String maxHeap;
        final int clients;
        final int perConversation;
        final int rate;
        final int seconds;
        final int warmUpSeconds;
        final int drainSeconds;
        final int setupConcurrency;
        final int connectConcurrency;
        final int postConcurrency;
        final int listenerThreads;
        final int pingSeconds;
        final long tokenTtlSeconds;
        final Path jfr;
        final Path jfrConnect;

        Options(String[] args) {
            url = arg(args, "--url", "http://localhost:18083");
            port = URI.create(url).getPort();
            accountSid = arg(args, "--account-sid", "");
            authToken = arg(args, "--auth-token", "");
            parleyPid = Long.parseLong(arg(args, "--parley-pid", "0"));
            String j = arg(args, "--jcmd", "");
            jcmd = j.isEmpty() ? null : j;
            String g = arg(args, "--gc-log", "");
            gcLog = g.isEmpty() ? null : Path.of(g);
            maxHeap = arg(args, "--max-heap", "");
            clients = Integer.parseInt(arg(args, "--clients", "10000"));
            perConversation = Integer.parseInt(arg(args, "--per-conversation", "10"));
            rate = Integer.parseInt(arg(args, "--rate", "2000"));
            seconds = Integer.parseInt(arg(args, "--seconds", "60"));
            warmUpSeconds = Integer.parseInt(arg(args, "--warm-up-seconds", "20"));
            drainSeconds = Integer.parseInt(arg(args, "--drain-seconds", "30"));
            setupConcurrency = Integer.parseInt(arg(args, "--setup-concurrency", "32"));
            connectConcurrency = Integer.parseInt(arg(args, "--connect-concurrency", "100"));
            postConcurrency = Integer.parseInt(arg(args, "--post-concurrency", "64"));
            listenerThreads = Integer.parseInt(arg(args, "--listener-threads", "2"));
            pingSeconds = Integer.parseInt(arg(args, "--ping-seconds", "0"));
            tokenTtlSeconds = Long.parseLong(arg(args, "--token-ttl-seconds", "14400"));
            String recording = arg(args, "--jfr", "");
            jfr = recording.isEmpty() ? null : Path.of(recording);
            String connectRecording = arg(args, "--jfr-connect", "");
            jfrConnect = connectRecording.isEmpty() ? null : Path.of(connectRecording);
            if (perConversation < 2 || clients < perConversation) {
                throw new IllegalArgumentException("--per-conversation must be at least 2 and at most --clients");
            }
        }
    }

    static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    /** Parley's REST API with the account's Basic credentials: form POSTs over keep-alive HTTP/1.1 connections. */
    static final class Api {
        final Options o;
        final String auth;
        private final ThreadLocal<HttpConnection> own;

        Api(Options o) {
            this.o = o;
            auth = "Basic " + Base64.getEncoder().encodeToString((o.accountSid + ":" + o.authToken)
                    .getBytes(StandardCharsets.UTF_8));
            own = ThreadLocal.withInitial(() -> new HttpConnection(o.port));
        }

        String post(String path, Map<String, String> form) throws IOException {
            return post(own.get(), path, form);
        }

        /** POSTs the form; answers the body of a 2xx answer, or stops the bench with the refusal. */
        String post(HttpConnection http, String path, Map<String, String> form) throws IOException {
            HttpConnection.Response r = http.exchange(request(path, form));
            if (r.status() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + r.status() + ": " + r.body());
            }
            return r.body();
        }

        byte[] request(String path, Map<String, String> form) {
            StringBuilder body = new StringBuilder();
            new LinkedHashMap<>(form).forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost:" + o.port + "\r\nAuthorization: " + auth
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + b.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(head, head.length + b.length);
            System.arraycopy(b, 0, all, head.length, b.length);
            return all;
        }
    }

    /** A blocking HTTP/1.1 keep-alive connection to a loopback port: far cheaper on 2 shared cores than a library. */
    static final class HttpConnection implements AutoCloseable {
        record Response(int status, String body) {
        }

        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        HttpConnection(int port) {
            this.port = port;
        }

        Response exchange(byte[] request) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (socket == null) {
                        socket = new Socket(InetAddress.getLoopbackAddress(), port);
                        socket.setTcpNoDelay(true);
                        in = new BufferedInputStream(socket.getInputStream(), 16384);
                        out = socket.getOutputStream();
                    }
                    out.write(request);
                    out.flush();
                    return read();
                } catch (IOException e) {
                    close();
                    if (attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        private Response read() throws IOException {
            String status = line(in);
            if (status == null) {
                throw new IOException("connection closed");
            }
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                String name = h.substring(0, Math.max(colon, 0)).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            byte[] body;
            if (chunked) {
                var all = new java.io.ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
                body = all.toByteArray();
            } else {
                body = in.readNBytes(Math.max(length, 0));
            }
            if (close) {
                close();
            }
            return new Response(Integer.parseInt(status.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** One CRLF-terminated line without its end; null at the end of the stream. */
    static String line(InputStream in) throws IOException {
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
}
