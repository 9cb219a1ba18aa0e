import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * SMPP throughput of Parley's carrier connections and of Kannel 1.4.5, against the same local SMSC sink
 * (bench/SmppSink.java, a process of its own), in one run. Run by bench/smpp; plain JDK, no dependencies.
 *
 * <p>Kannel: bearerbox + smsbox bound as ESME to the sink (one transceiver, {@code max-pending-submits} 10 and 100),
 * messages sent through its HTTP sendsms with {@code dlr-mask=1} and a {@code dlr-url} to the receiver here.
 * Parley: a channel made through {@code POST /parley/v1/Channels} ({@code Type=smpp}, 1 or 4 binds, window 10 or
 * 100), a number routed to it ({@code Channel=smpp:<name>}), messages created through the Messages API with a
 * {@code StatusCallback} to the receiver here; Parley's SMPP channel asks for a receipt for every message. Then, for
 * each window, one bind with messages created without a {@code StatusCallback}: each still asks for a receipt, and
 * counts as delivered once Parley has answered its receipt's {@code deliver_sm} at the sink, which it does only after
 * storing the receipt (a receipt that overtook its segment is applied once the segment is stored; a sample of
 * messages is read back afterwards, each must be {@code delivered}).
 *
 * <p>Each phase offers messages from {@code --concurrency} keep-alive HTTP connections for {@code --seconds}, as
 * fast as they are accepted, with at most {@code --max-inflight} messages created and not yet reported delivered
 * (the queues stay bounded, so a phase measures a steady state and its backlog drains in seconds). Figures:
 * {@code submit_sm}/s counted at the sink over the phase, and end to end (create → submit_sm → receipt → delivered
 * callback received here) messages/s over the phase; then every message's callback is awaited and the missing
 * counted.
 *
 * <p>One file, longer than most: the benches run as single-file source programs on JDK 21 (no build step), and the
 * Kannel side, the Parley side, the load client and the receiver have to live in it.
 */
public class SmppBench {
    static final Map<String, String> TABLE = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        Path work = Files.createTempDirectory("parley-smpp-bench");
        System.out.println("== work files (sink and Kannel logs, configuration) in " + work);
        Receiver receiver = Receiver.start();
        List<Process> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(SmppBench::stop)));
        Sink sink = Sink.start(o, work, false, started);
        Sink nagleSink = null;
        try {
            if (!o.only.equals("parley")) {
                Kannel.run(o, work, sink, receiver, started);
            }
            if (!o.only.equals("kannel")) {
                nagleSink = Sink.start(o, work, true, started);
                ParleySide.run(o, work, sink, nagleSink, receiver, started);
            }
        } finally {
            receiver.stop();
        }
        System.out.println();
        System.out.println("== summary (" + Runtime.getRuntime().availableProcessors() + " cores; "
                + o.seconds + " s per phase, concurrency " + o.concurrency + ", at most " + o.maxInflight
                + " messages in flight)");
        printSummary(o);
    }

    /**
     * One measured phase: what was offered, what the sink counted, what came back. Rates are taken as
     * bench/messages takes them: submits from the phase's start to the last submit_sm the sink counted, end to end
     * from the first create to the last delivered callback (the backlog of at most --max-inflight drained).
     */
    record Phase(String name, long created, long errors, double seconds, long submits, double submitSeconds,
            long delivered, long missing, double allSeconds, double gatewayCpuSeconds, double sinkCpuSeconds,
            double benchCpuSeconds, double jitCpuSeconds, double writerCpuSeconds) {
        /** CPU time of the gateway (Parley, or bearerbox + smsbox) per delivered message, in ms. */
        double gatewayCpuPerMessage() {
            return delivered == 0 ? 0 : gatewayCpuSeconds * 1000 / delivered;
        }

        double createsPerSecond() {
            return created / seconds;
        }

        double submitsPerSecond() {
            return submits / submitSeconds;
        }

        double endToEnd() {
            return delivered / allSeconds;
        }

        void print() {
            System.out.printf(Locale.ROOT, "%s: %d created in %.1f s (%.0f/s, %d refused); sink: %d submit_sm in %.1f s"
                    + " = %.0f/s; end to end: all %d delivered after %.1f s = %.0f messages/s, %d missing; CPU per "
                    + "message: gateway %.2f ms%s, sink %.2f ms, load client and receiver %.2f ms%n",
                    name, created, seconds, createsPerSecond(), errors, submits, submitSeconds, submitsPerSecond(),
                    delivered, allSeconds, endToEnd(), missing, gatewayCpuPerMessage(), ofWhich(),
                    perMessage(sinkCpuSeconds), perMessage(benchCpuSeconds));
        }

        /** The gateway's JIT compilers and single writer, where it has them (a JVM; Parley). */
        private String ofWhich() {
            List<String> parts = new ArrayList<>();
            if (jitCpuSeconds >= 0) {
                parts.add(String.format(Locale.ROOT, "JIT compilers %.2f", perMessage(jitCpuSeconds)));
            }
            if (writerCpuSeconds >= 0) {
                parts.add(String.format(Locale.ROOT, "SQLite writer %.2f", perMessage(writerCpuSeconds)));
            }
            return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
        }

        private double perMessage(double cpuSeconds) {
            return delivered == 0 ? 0 : cpuSeconds * 1000 / delivered;
        }
    }

    /**
     * Offers {@code load} for the phase and measures it. {@code load} gives the n-th request's bytes;
     * {@code key} gives the key its delivered callback will carry, from n and the response body. Without
     * {@code callbacks} (messages created with no status callback), a message counts as delivered when its receipt
     * was answered at the sink: Parley answers a {@code deliver_sm} only once the receipt it carries is stored.
     */
    static Phase measure(Options o, String name, Sink sink, Receiver receiver, boolean callbacks, int port,
            List<Long> gateway, Function<Long, byte[]> load, BiFunction<Long, String, String> key) throws Exception {
        receiver.reset();
        double gatewayCpu = cpuSeconds(gateway);
        double sinkCpu = cpuSeconds(List.of(sink.process.pid()));
        double benchCpu = cpuSeconds(List.of(ProcessHandle.current().pid()));
        Map<String, Double> jitCpu = threadCpu(gateway, JIT_THREADS);
        Map<String, Double> writerCpu = threadCpu(gateway, WRITER_THREAD);
        Set<String> created = ConcurrentHashMap.newKeySet();
        LongAdder errors = new LongAdder();
        AtomicLong next = new AtomicLong();
        long[] counted = sink.count();
        long before = counted[0];
        long receiptsBefore = counted[1];
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(o.seconds).toNanos();
        // A permit per message created and not yet reported delivered: the clients wait on it (without spinning,
        // which took the CPU the gateway was measured on), the receiver (or the sampler) gives it back.
        Semaphore inflight = new Semaphore(o.maxInflight);
        Sampler sampler = new Sampler(sink, receiver, start, before, receiptsBefore,
                callbacks ? n -> { } : n -> inflight.release((int) n));
        receiver.onDelivered = callbacks ? inflight::release : () -> { };
        Thread sampling = Thread.ofPlatform().daemon(true).start(sampler);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < o.concurrency; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                try (HttpConnection http = new HttpConnection(port)) {
                    while (System.nanoTime() < end) {
                        if (!inflight.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                            break;
                        }
                        long n = next.getAndIncrement();
                        HttpConnection.Response r = http.exchange(load.apply(n));
                        if (r.status() / 100 == 2) {
                            created.add(key.apply(n, r.body()));
                        } else {
                            inflight.release();
                            errors.increment();
                            if (errors.sum() <= 3) {
                                System.out.println("   refused: " + r.status() + " " + r.body().strip());
                            }
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    System.out.println("   client stopped: " + e);
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        long createdEnd = System.nanoTime();
        double seconds = (createdEnd - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(o.drainSeconds).toNanos();
        while ((callbacks ? !receiver.delivered.keySet().containsAll(created)
                : sampler.receipts - receiptsBefore < created.size()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(300);
        sampling.interrupt();
        sampling.join();
        long delivered = callbacks ? created.stream().filter(receiver.delivered::containsKey).count()
                : Math.min(created.size(), sampler.receipts - receiptsBefore);
        long lastDelivered = callbacks ? receiver.lastDeliveredNanos.get() : sampler.lastReceiptNanos;
        double all = (Math.max(lastDelivered, createdEnd) - start) / 1e9;
        Phase p = new Phase(name, created.size(), errors.sum(), seconds, sampler.submits - before,
                Math.max(0.1, (sampler.lastSubmitNanos - start) / 1e9), delivered, created.size() - delivered, all,
                cpuSeconds(gateway) - gatewayCpu, cpuSeconds(List.of(sink.process.pid())) - sinkCpu,
                cpuSeconds(List.of(ProcessHandle.current().pid())) - benchCpu,
                threadCpuSince(jitCpu, threadCpu(gateway, JIT_THREADS)),
                threadCpuSince(writerCpu, threadCpu(gateway, WRITER_THREAD)));
        p.print();
        return p;
    }

    /**
     * Asks the sink for its count every 100 ms: notes when the last submit_sm came and the last receipt was answered,
     * hands each newly answered receipt count to {@code receiptsAnswered}, and prints submit_sm/s, receipts
     * answered/s and delivered callbacks/s every 5 s.
     */
    static final class Sampler implements Runnable {
        private final Sink sink;
        private final Receiver receiver;
        private final long start;
        private final java.util.function.LongConsumer receiptsAnswered;
        volatile long submits;
        volatile long lastSubmitNanos;
        volatile long receipts;
        volatile long lastReceiptNanos;

        Sampler(Sink sink, Receiver receiver, long start, long submits, long receipts,
                java.util.function.LongConsumer receiptsAnswered) {
            this.sink = sink;
            this.receiver = receiver;
            this.start = start;
            this.submits = submits;
            this.lastSubmitNanos = start;
            this.receipts = receipts;
            this.lastReceiptNanos = start;
            this.receiptsAnswered = receiptsAnswered;
        }

        @Override
        public void run() {
            long printedSubmits = submits;
            long printedReceipts = receipts;
            long printedDelivered = 0;
            long nextPrint = start + 5_000_000_000L;
            try {
                while (true) {
                    boolean stop = false;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        stop = true;
                    }
                    long now = System.nanoTime();
                    long[] count = sink.count();
                    if (count[0] != submits) {
                        submits = count[0];
                        lastSubmitNanos = now;
                    }
                    if (count[1] != receipts) {
                        long answered = count[1] - receipts;
                        receipts = count[1];
                        lastReceiptNanos = now;
                        receiptsAnswered.accept(answered);
                    }
                    if (stop) {
                        return;
                    }
                    if (now >= nextPrint) {
                        long delivered = receiver.delivered.size();
                        System.out.printf("   t=%3ds sink %6.0f submit_sm/s, %6.0f receipts answered/s; %6.0f delivered"
                                + " callbacks/s%n", Math.round((now - start) / 1e9), (count[0] - printedSubmits) / 5.0,
                                (count[1] - printedReceipts) / 5.0, (delivered - printedDelivered) / 5.0);
                        printedSubmits = count[0];
                        printedReceipts = count[1];
                        printedDelivered = delivered;
                        nextPrint += 5_000_000_000L;
                    }
                }
            } catch (IOException e) {
                System.out.println("   sink count failed: " + e);
            }
        }
    }

    /** HotSpot's JIT compiler threads, whose CPU a phase should not be paying for once warm. */
    static final Predicate<String> JIT_THREADS = name -> name.startsWith("C1 CompilerThre")
            || name.startsWith("C2 CompilerThre");
    /** Parley's single SQLite writer (GroupCommitWriter): the thread that bounds its throughput on two cores. */
    static final Predicate<String> WRITER_THREAD = name -> name.equals("parley-writer");

    /**
     * utime + stime of each of the processes' threads whose name {@code which} takes, by pid/tid, from /proc; empty
     * when none is found (Kannel has no such thread) or /proc is not there.
     */
    static Map<String, Double> threadCpu(List<Long> pids, Predicate<String> which) {
        Map<String, Double> cpu = new HashMap<>();
        for (long pid : pids) {
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (which.test(Files.readString(task.resolve("comm")).strip())) {
                            cpu.put(pid + "/" + task.getFileName(), cpuSeconds(Files.readString(task.resolve("stat"))));
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not on Linux, or the process is gone
            }
        }
        return cpu;
    }

    /**
     * The CPU those threads took between two {@link #threadCpu} readings: a thread that ended meanwhile (HotSpot
     * retires idle compiler threads) is not counted; -1 when there was no such thread.
     */
    static double threadCpuSince(Map<String, Double> before, Map<String, Double> after) {
        if (before.isEmpty() && after.isEmpty()) {
            return -1;
        }
        double total = 0;
        for (Map.Entry<String, Double> t : after.entrySet()) {
            total += Math.max(0, t.getValue() - before.getOrDefault(t.getKey(), 0.0));
        }
        return total;
    }

    /** utime + stime of the processes, from /proc (clock ticks of 10 ms); 0 where /proc is not there. */
    static double cpuSeconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            try {
                total += cpuSeconds(Files.readString(Path.of("/proc/" + pid + "/stat")));
            } catch (IOException | RuntimeException e) {
                // not on Linux, or the process is gone
            }
        }
        return total;
    }

    /** utime + stime in a /proc stat line (clock ticks of 10 ms), past the command name, which may hold spaces. */
    static double cpuSeconds(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static void printSummary(Options o) {
        System.out.println("| figure | Kannel 1.4.5 | Parley | Parley / Kannel |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, String> row : TABLE.entrySet()) {
            System.out.println("| " + row.getKey() + " | " + row.getValue() + " |");
        }
    }

    static void row(String figure, Double kannel, Double parley) {
        String ratio = kannel != null && parley != null && kannel > 0
                ? String.format(Locale.ROOT, "%.2f×", parley / kannel) : "";
        TABLE.put(figure, number(kannel) + " | " + number(parley) + " | " + ratio);
    }

    private static String number(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%,.0f", v);
    }

    static final Map<String, Double> KANNEL = new ConcurrentHashMap<>();
    static final Map<String, Double> PARLEY = new ConcurrentHashMap<>();

    static void record(Map<String, Double> side, String figure, double value) {
        side.put(figure, value);
        row(figure, KANNEL.get(figure), PARLEY.get(figure));
    }

    static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
        }
    }

    /**
     * A free port for another process to listen on, below Linux's ephemeral range (32768 and up): a port the system
     * hands out for an outgoing connection (bearerbox's to the sink, the load client's) would be taken meanwhile now
     * and then, and smsbox then fails to start (measured: a Kannel phase of 0 messages).
     */
    static int freePort() throws IOException {
        int offset = ThreadLocalRandom.current().nextInt(12_000);
        for (int i = 0; i < 12_000; i++) {
            int port = 20_000 + (offset + i) % 12_000;
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // the next one
            }
        }
        throw new IOException("no free port between 20000 and 31999");
    }

    static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** The sink process; {@link #count()} asks it for its counters over its stdin. */
    static final class Sink {
        final int port;
        final boolean nagle;
        final Process process;
        final BufferedWriter control;
        final BlockingQueue<long[]> counts = new ArrayBlockingQueue<>(16);

        private Sink(int port, boolean nagle, Process process) {
            this.port = port;
            this.nagle = nagle;
            this.process = process;
            this.control = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        static Sink start(Options o, Path work, boolean nagle, List<Process> started) throws Exception {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(o.java, "-Xmx512m", "-cp", o.jar,
                    o.benchDir.resolve("SmppSink.java").toString(), "--port", String.valueOf(port), "--quiet"));
            if (nagle) {
                command.add("--nagle");
            }
            Path log = work.resolve(nagle ? "sink-nagle.log" : "sink.log");
            // Its stderr (jSMPP's log, a dying thread's trace) to a file of its own: merged, it could break a count line.
            Process p = new ProcessBuilder(command)
                    .redirectError(work.resolve(nagle ? "sink-nagle-stderr.log" : "sink-stderr.log").toFile()).start();
            started.add(p);
            Sink sink = new Sink(port, nagle, p);
            BlockingQueue<String> listening = new ArrayBlockingQueue<>(1);
            Thread.ofPlatform().daemon(true).start(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("count ")) {
                            String[] f = line.split(" ");
                            sink.counts.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]),
                                    Long.parseLong(f[3])});
                        } else {
                            if (line.startsWith("listening ")) {
                                listening.offer(line);
                            }
                            out.write(line);
                            out.newLine();
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // the sink stopped
                }
            });
            String line = listening.poll(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the SMSC sink did not start; see " + log);
            }
            System.out.println("== SMSC sink on port " + port + ": " + line.substring(line.indexOf('(')));
            return sink;
        }

        /** {submit_sm received, receipts answered, binds up} */
        synchronized long[] count() throws IOException {
            control.write('\n');
            control.flush();
            try {
                long[] c = counts.poll(10, TimeUnit.SECONDS);
                if (c == null) {
                    throw new IOException("the SMSC sink does not answer");
                }
                return c;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }

        /** Waits until exactly {@code binds} binds are up at the sink. */
        void awaitBinds(int binds, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (count()[2] != binds) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("expected " + binds + " binds at the sink on port " + port
                            + ", found " + count()[2] + " after " + within.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        }
    }

    static final class Options {
        final String only;
        final int seconds;
        final int concurrency;
        final int maxInflight;
        final int drainSeconds;
        final String java;
        final String jar;
        final Path benchDir;
        final String parleyUrl;
        final String accountSid;
        final String authToken;
        final int warmUpSeconds;
        final List<Integer> windows;
        final List<Integer> binds;
        final List<Integer> kannelNodelay;
        final List<Long> parleyPid;
        final boolean naglePhases;
        final boolean receiptPhases;

        Options(String[] args) {
            naglePhases = !arg(args, "--nagle-phases", "yes").equals("no");
            receiptPhases = !arg(args, "--receipt-phases", "yes").equals("no");
            String pid = arg(args, "--parley-pid", "");
            parleyPid = pid.isEmpty() ? List.of() : List.of(Long.parseLong(pid));
            kannelNodelay = ints(arg(args, "--kannel-nodelay", "10"));
            windows = ints(arg(args, "--windows", "10,100"));
            binds = ints(arg(args, "--binds", "1,4"));
            only = arg(args, "--only", "both");
            seconds = Integer.parseInt(arg(args, "--seconds", "20"));
            concurrency = Integer.parseInt(arg(args, "--concurrency", "64"));
            maxInflight = Integer.parseInt(arg(args, "--max-inflight", "4000"));
            drainSeconds = Integer.parseInt(arg(args, "--drain-seconds", "60"));
            warmUpSeconds = Integer.parseInt(arg(args, "--warm-up-seconds", "30"));
            java = arg(args, "--java", "java");
            jar = arg(args, "--jar", "parley-server/target/parley.jar");
            benchDir = Path.of(arg(args, "--bench-dir", "bench"));
            parleyUrl = arg(args, "--url", "http://localhost:18082");
            accountSid = arg(args, "--account-sid", "");
            authToken = arg(args, "--auth-token", "");
        }

        private Options(Options o, int seconds) {
            this(o, seconds, o.parleyUrl, o.parleyPid);
        }

        private Options(Options o, int seconds, String parleyUrl, List<Long> parleyPid) {
            only = o.only;
            this.seconds = seconds;
            concurrency = o.concurrency;
            maxInflight = o.maxInflight;
            drainSeconds = o.drainSeconds;
            java = o.java;
            jar = o.jar;
            benchDir = o.benchDir;
            this.parleyUrl = parleyUrl;
            accountSid = o.accountSid;
            authToken = o.authToken;
            warmUpSeconds = o.warmUpSeconds;
            windows = o.windows;
            binds = o.binds;
            kannelNodelay = o.kannelNodelay;
            naglePhases = o.naglePhases;
            receiptPhases = o.receiptPhases;
            this.parleyPid = parleyPid;
        }

        Options withSeconds(int s) {
            return new Options(this, s);
        }

        Options withParley(String url, long pid) {
            return new Options(this, seconds, url, List.of(pid));
        }

        static List<Integer> ints(String csv) {
            List<Integer> l = new ArrayList<>();
            for (String v : csv.isBlank() ? new String[0] : csv.split(",")) {
                l.add(Integer.parseInt(v.strip()));
            }
            return l;
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

    /** A blocking HTTP/1.1 keep-alive connection to a loopback port: far cheaper on 2 shared cores than a client library. */
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

    /**
     * The callback receiver for both: Kannel's dlr-url ({@code GET /dlr?type=1&id=…}, type 1 = delivered) and
     * Parley's status callbacks ({@code POST /status}, form body with {@code MessageStatus=delivered} and
     * {@code MessageSid}). A plain HTTP/1.1 loop, one platform thread per keep-alive connection, answering
     * 200 with an empty body; it remembers which keys were reported delivered.
     */
    static final class Receiver {
        final ServerSocket server;
        final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
        final LongAdder callbacks = new LongAdder();
        final AtomicLong lastDeliveredNanos = new AtomicLong();
        /** Run once for each key newly reported delivered. */
        volatile Runnable onDelivered = () -> { };

        private Receiver(ServerSocket server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            Receiver r = new Receiver(new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()));
            Thread.ofPlatform().daemon(true).name("receiver-accept").start(() -> {
                while (!r.server.isClosed()) {
                    try {
                        Socket socket = r.server.accept();
                        Thread.ofPlatform().daemon(true).name("receiver").start(() -> r.serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return r;
        }

        int port() {
            return server.getLocalPort();
        }

        String url() {
            return "http://127.0.0.1:" + port() + "/status";
        }

        private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        private void serve(Socket socket) {
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                    OutputStream out = socket.getOutputStream()) {
                socket.setTcpNoDelay(true);
                while (true) {
                    String request = line(in);
                    if (request == null) {
                        return;
                    }
                    int length = 0;
                    boolean close = false;
                    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                        int colon = h.indexOf(':');
                        String name = colon < 0 ? h : h.substring(0, colon).trim();
                        String value = colon < 0 ? "" : h.substring(colon + 1).trim();
                        if (name.equalsIgnoreCase("Content-Length")) {
                            length = Integer.parseInt(value);
                        } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                            close = true;
                        }
                    }
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    received(request, body);
                    out.write(OK);
                    out.flush();
                    if (close) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private void received(String requestLine, String body) {
            callbacks.increment();
            String[] parts = requestLine.split(" ");
            String target = parts.length > 1 ? parts[1] : "";
            String fields = target.contains("?") ? target.substring(target.indexOf('?') + 1) : body;
            Map<String, String> f = new LinkedHashMap<>();
            for (String pair : fields.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    f.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String key = null;
            if ("1".equals(f.get("type"))) {
                key = f.get("id");
            } else if ("delivered".equals(f.get("MessageStatus"))) {
                key = f.get("MessageSid");
            }
            if (key != null && delivered.put(key, true) == null) {
                onDelivered.run();
                lastDeliveredNanos.set(System.nanoTime());
            }
        }

        void reset() {
            delivered.clear();
            callbacks.reset();
        }

        void stop() throws IOException {
            server.close();
        }
    }

    /**
     * Kannel 1.4.5 (Debian's kannel package): bearerbox with one SMPP transceiver to the sink and
     * {@code max-pending-submits} as the window, smsbox with HTTP sendsms; a fresh pair per window.
     */
    static final class Kannel {
        static void run(Options o, Path work, Sink sink, Receiver receiver, List<Process> started) throws Exception {
            String bearerbox = which("bearerbox");
            String smsbox = which("smsbox");
            if (bearerbox == null || smsbox == null) {
                System.out.println("== Kannel: bearerbox/smsbox not found (apt-get install kannel): skipped");
                return;
            }
            System.out.println("== Kannel: " + version(bearerbox));
            String shim = nodelayShim(o, work);
            List<int[]> runs = new ArrayList<>();
            for (int window : o.windows) {
                runs.add(new int[] {window, 0});
            }
            for (int window : o.kannelNodelay) {
                if (shim != null) {
                    runs.add(new int[] {window, 1});
                }
            }
            for (int[] run : runs) {
                int window = run[0];
                boolean forced = run[1] == 1;
                int admin = freePort();
                int boxes = freePort();
                int sendsms = freePort();
                Path dir = Files.createDirectories(work.resolve("kannel-window-" + window + (forced ? "-nodelay" : "")));
                Path conf = dir.resolve("kannel.conf");
                Files.writeString(conf, String.join("\n",
                        "group = core", "admin-port = " + admin, "admin-password = bench",
                        "smsbox-port = " + boxes, "box-allow-ip = 127.0.0.1",
                        "log-file = \"" + dir.resolve("bearerbox.log") + "\"", "log-level = 3",
                        "dlr-storage = internal", "",
                        "group = smsc", "smsc = smpp", "smsc-id = sink", "host = 127.0.0.1", "port = " + sink.port,
                        "transceiver-mode = true", "smsc-username = kannel", "smsc-password = bench",
                        "system-type = \"\"", "max-pending-submits = " + window, "enquire-link-interval = 30", "",
                        "group = smsbox", "bearerbox-host = 127.0.0.1", "bearerbox-port = " + boxes,
                        "sendsms-port = " + sendsms, "log-file = \"" + dir.resolve("smsbox.log") + "\"",
                        "log-level = 3", "",
                        "group = sendsms-user", "username = bench", "password = bench", "",
                        "group = sms-service", "keyword = default", "text = \"nothing here\"", ""));
                long binds = sink.count()[2];
                // -v 3: errors only on stderr too (Kannel's default there is debug: tens of MB per phase, a handicap).
                ProcessBuilder bbb = new ProcessBuilder(bearerbox, "-v", "3", conf.toString()).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("bearerbox.out").toFile());
                ProcessBuilder sbb = new ProcessBuilder(smsbox, "-v", "3", conf.toString()).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("smsbox.out").toFile());
                if (forced) {
                    bbb.environment().put("LD_PRELOAD", shim);
                    sbb.environment().put("LD_PRELOAD", shim);
                }
                Process bb = bbb.start();
                started.add(bb);
                sink.awaitBinds((int) binds + 1, Duration.ofSeconds(30));
                Process sb = sbb.start();
                started.add(sb);
                awaitPort(sendsms, Duration.ofSeconds(30));
                if (!bb.isAlive() || !sb.isAlive()) {
                    throw new IllegalStateException("Kannel did not start: see " + dir.resolve("bearerbox.out") + " and "
                            + dir.resolve("smsbox.log"));
                }
                System.out.printf("== Kannel, one bind, max-pending-submits %d%s: sendsms with dlr-mask=1 and a dlr-url"
                        + " (%s)%n", window, forced ? ", TCP_NODELAY forced on its sockets (LD_PRELOAD)" : "", dir);
                String dlrBase = "http://127.0.0.1:" + receiver.port() + "/dlr?type=%d&id=k" + window + "-";
                String suffix = forced ? ", TCP_NODELAY forced into Kannel" : "";
                Phase p = measure(o, "Kannel window " + window + suffix, sink, receiver, true, sendsms,
                        List.of(bb.pid(), sb.pid()),
                        n -> ("GET /cgi-bin/sendsms?username=bench&password=bench&from=12345&to=1202555"
                                + String.format("%04d", n % 10_000) + "&text=bench&dlr-mask=1&dlr-url="
                                + URLEncoder.encode(dlrBase + n, StandardCharsets.UTF_8)
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                        (n, body) -> "k" + window + "-" + n);
                record(KANNEL, "end to end, one bind, window " + window + suffix + " (messages/s)", p.endToEnd());
                record(KANNEL, "submit_sm/s at the sink, one bind, window " + window + suffix, p.submitsPerSecond());
                record(KANNEL, "CPU per message (ms), one bind, window " + window + suffix, p.gatewayCpuPerMessage());
                stop(sb);
                stop(bb);
                sink.awaitBinds((int) binds, Duration.ofSeconds(30));
            }
        }

        /**
         * bench/lib/nodelay.c built into the work folder: an LD_PRELOAD shim that sets TCP_NODELAY on every TCP
         * socket Kannel connects or accepts, to show what Nagle's algorithm costs it. Null without a C compiler.
         */
        static String nodelayShim(Options o, Path work) throws Exception {
            String cc = which("cc");
            if (cc == null || o.kannelNodelay.isEmpty()) {
                System.out.println("   (no C compiler: Kannel is not measured with TCP_NODELAY forced)");
                return null;
            }
            Path so = work.resolve("nodelay.so");
            Process p = new ProcessBuilder(cc, "-shared", "-fPIC", "-O2", "-o", so.toString(),
                    o.benchDir.resolve("lib/nodelay.c").toString(), "-ldl").inheritIO().start();
            return p.waitFor() == 0 ? so.toString() : null;
        }

        static String version(String bearerbox) {
            try {
                Process p = new ProcessBuilder(bearerbox, "--version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                return out.lines().findFirst().orElse("?").strip();
            } catch (IOException | InterruptedException e) {
                return "version unknown";
            }
        }
    }

    static String which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").concat(":/usr/sbin:/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static void awaitPort(int port, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nothing listens on port " + port + " after " + within.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Parley: a channel per configuration through {@code POST /parley/v1/Channels}, a number routed to it, messages
     * through the Messages API with a status callback (so each asks for a receipt); the channel is deleted after.
     */
    static final class ParleySide {
        static void run(Options o, Path work, Sink sink, Sink nagleSink, Receiver receiver, List<Process> started)
                throws Exception {
            if (o.accountSid.isEmpty()) {
                System.out.println("== Parley: no --account-sid given: skipped");
                return;
            }
            Api api = new Api(o);
            System.out.println("== Parley at " + o.parleyUrl + " (status callbacks to " + receiver.url() + ")");
            warmUp(o, api, sink, receiver, "warm-up");
            for (int window : o.windows) {
                for (int binds : o.binds) {
                    Phase p = phase(o, api, sink, receiver, "Parley", binds, window, true);
                    String b = binds == 1 ? "one bind" : binds + " binds";
                    record(PARLEY, "end to end, " + b + ", window " + window + " (messages/s)", p.endToEnd());
                    record(PARLEY, "submit_sm/s at the sink, " + b + ", window " + window, p.submitsPerSecond());
                    record(PARLEY, "CPU per message (ms), " + b + ", window " + window, p.gatewayCpuPerMessage());
                }
            }
            if (o.receiptPhases) {
                for (int window : o.windows) {
                    Phase p = phase(o, api, sink, receiver, "Parley, no status callback", 1, window, false);
                    record(PARLEY, "submit_sm/s at the sink, one bind, window " + window + ", receipts asked, no status"
                            + " callback", p.submitsPerSecond());
                    record(PARLEY, "create → submit_sm → receipt stored, one bind, window " + window
                            + ", no status callback (messages/s)", p.endToEnd());
                    record(PARLEY, "CPU per message (ms), one bind, window " + window + ", no status callback",
                            p.gatewayCpuPerMessage());
                }
            }
            if (o.naglePhases) {
                Phase nagle = phase(o, api, nagleSink, receiver, "Parley, Nagle on at the sink", 1, 10, true);
                record(PARLEY, "end to end, one bind, window 10, Nagle on at the sink (messages/s)", nagle.endToEnd());
                record(PARLEY, "submit_sm/s at the sink, one bind, window 10, Nagle on at the sink",
                        nagle.submitsPerSecond());
                withNagleOnItsSmppSocket(o, work, sink, receiver, started);
            }
        }

        /**
         * A second Parley (same jar, same account, fresh data) whose SMPP socket to the sink has TCP_NODELAY turned off
         * again after Parley set it (bench/lib/nagle.c through LD_PRELOAD; its HTTP sockets untouched): what Parley
         * would do at window 10 if it left Nagle's algorithm on, as Kannel does.
         */
        static void withNagleOnItsSmppSocket(Options o, Path work, Sink sink, Receiver receiver, List<Process> started)
                throws Exception {
            String cc = which("cc");
            if (cc == null) {
                System.out.println("== (no C compiler: Parley is not measured with Nagle on its SMPP socket)");
                return;
            }
            Path so = work.resolve("nagle.so");
            if (new ProcessBuilder(cc, "-shared", "-fPIC", "-O2", "-o", so.toString(),
                    o.benchDir.resolve("lib/nagle.c").toString(), "-ldl").inheritIO().start().waitFor() != 0) {
                return;
            }
            int port = freePort();
            Path data = Files.createDirectories(work.resolve("parley-nagle"));
            ProcessBuilder pb = new ProcessBuilder(o.java, "--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-jar", o.jar)
                    .redirectErrorStream(true).redirectOutput(data.resolve("parley.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("PARLEY_PORT", String.valueOf(port));
            env.put("PARLEY_HOST", "127.0.0.1");
            env.put("PARLEY_DATA_DIR", data.toString());
            env.put("PARLEY_ACCOUNT_SID", o.accountSid);
            env.put("PARLEY_AUTH_TOKEN", o.authToken);
            env.put("PARLEY_SMPP_PORT", "off");
            env.put("LD_PRELOAD", so.toString());
            env.put("NAGLE_PORT", String.valueOf(sink.port));
            Process parley = pb.start();
            started.add(parley);
            try {
                awaitPort(port, Duration.ofSeconds(60));
                Options other = o.withParley("http://localhost:" + port, parley.pid());
                Api api = new Api(other);
                System.out.println("== a second Parley on port " + port + ", its SMPP socket to the sink with Nagle on"
                        + " (LD_PRELOAD " + so + ")");
                warmUp(other, api, sink, receiver, "warm-up (Nagle on Parley's side)");
                Phase p = phase(other, api, sink, receiver, "Parley, Nagle on its SMPP socket", 1, 10, true);
                record(PARLEY, "end to end, one bind, window 10, Nagle on Parley's SMPP socket (messages/s)",
                        p.endToEnd());
                record(PARLEY, "submit_sm/s at the sink, one bind, window 10, Nagle on Parley's SMPP socket",
                        p.submitsPerSecond());
            } finally {
                stop(parley);
            }
        }

        /** A phase this long follows the warm-up while the JIT is still busy. */
        static final int WARM_UP_STEP_SECONDS = 15;
        /** The most the warm-up goes on for the JIT, past {@code --warm-up-seconds}. */
        static final int WARM_UP_EXTRA_SECONDS = 90;
        /** Below this share of one core taken by the JIT compilers, Parley is warm. */
        static final double JIT_QUIET = 0.05;

        /**
         * Four binds at window 100 for {@code --warm-up-seconds} (not counted), then {@value #WARM_UP_STEP_SECONDS} s
         * more at a time while HotSpot's compilers took over {@code JIT_QUIET} of a core, up to
         * {@value #WARM_UP_EXTRA_SECONDS} s: a measured phase should not pay for compiling (C2 took a third of a core
         * during the first one after 30 s of warm-up, 0.28 of its 1.24 ms per message).
         */
        static void warmUp(Options o, Api api, Sink sink, Receiver receiver, String what) throws Exception {
            if (o.warmUpSeconds <= 0) {
                return;
            }
            System.out.println("== " + what + ": four binds, window 100, " + o.warmUpSeconds + " s (not counted)");
            Phase p = phase(o.withSeconds(o.warmUpSeconds), api, sink, receiver, what, 4, 100, true);
            for (int extra = 0; extra < WARM_UP_EXTRA_SECONDS && p.jitCpuSeconds() > JIT_QUIET * p.allSeconds();
                    extra += WARM_UP_STEP_SECONDS) {
                System.out.printf(Locale.ROOT, "== the JIT compilers still took %.0f%% of a core: %d s more%n",
                        100 * p.jitCpuSeconds() / p.allSeconds(), WARM_UP_STEP_SECONDS);
                p = phase(o.withSeconds(WARM_UP_STEP_SECONDS), api, sink, receiver, what, 4, 100, true);
            }
        }

        /**
         * Messages through a new channel of {@code binds} binds at {@code window}; each asks for a receipt (Parley's
         * SMPP channel always does), and with {@code callbacks} for a status callback too. Without, a sample of the
         * messages is read back afterwards: each must be {@code delivered}.
         */
        static Phase phase(Options o, Api api, Sink sink, Receiver receiver, String what, int binds, int window,
                boolean callbacks) throws Exception {
            String name = "bench-" + binds + "x" + window + (sink.nagle ? "-nagle" : "") + "-"
                    + Long.toHexString(System.nanoTime() & 0xffff);
            long before = sink.count()[2];
            api.createChannel(name, sink.port, binds, window);
            sink.awaitBinds((int) before + binds, Duration.ofSeconds(30));
            String from = api.number(name);
            System.out.printf("== %s: %s, %d bind%s, window %d, number %s%n", what, name, binds, binds == 1 ? "" : "s",
                    window, from);
            byte[] head = ("POST /2010-04-01/Accounts/" + o.accountSid + "/Messages.json HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + api.auth + "\r\nContent-Type: application/x-www-form-urlencoded\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            String fixed = "&From=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&Body=bench"
                    + (callbacks ? "&StatusCallback=" + URLEncoder.encode(receiver.url(), StandardCharsets.UTF_8) : "");
            List<String> sids = java.util.Collections.synchronizedList(new ArrayList<>());
            Phase p = measure(o, what + " " + binds + "x" + window, sink, receiver, callbacks, api.port, o.parleyPid,
                    n -> {
                byte[] body = ("To=%2B1202555" + String.format("%04d", n % 10_000) + fixed)
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] length = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] request = new byte[head.length + length.length + body.length];
                System.arraycopy(head, 0, request, 0, head.length);
                System.arraycopy(length, 0, request, head.length, length.length);
                System.arraycopy(body, 0, request, head.length + length.length, body.length);
                return request;
            }, (n, body) -> {
                int i = body.indexOf("\"sid\":\"");
                String sid = i < 0 ? "?" + n : body.substring(i + 7, body.indexOf('"', i + 7));
                if (!callbacks && n % 97 == 0) {
                    sids.add(sid);
                }
                return sid;
            });
            if (!callbacks) {
                long notDelivered = sids.stream().filter(sid -> !api.status(sid).equals("delivered")).count();
                System.out.printf("   %d of %d messages read back are delivered%n", sids.size() - notDelivered,
                        sids.size());
            }
            api.deleteChannel(name);
            sink.awaitBinds((int) before, Duration.ofSeconds(30));
            return p;
        }
    }

    /** Parley's API, for the few set-up calls (java.net.http: not on the measured path). */
    static final class Api {
        final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        final String base;
        final String accounts;
        final String auth;
        final int port;

        Api(Options o) {
            base = o.parleyUrl;
            accounts = base + "/2010-04-01/Accounts/" + o.accountSid;
            auth = "Basic " + Base64.getEncoder().encodeToString((o.accountSid + ":" + o.authToken)
                    .getBytes(StandardCharsets.UTF_8));
            port = java.net.URI.create(base).getPort();
        }

        void createChannel(String name, int port, int binds, int window) throws Exception {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("Name", name);
            f.put("Type", "smpp");
            f.put("Host", "127.0.0.1");
            f.put("Port", String.valueOf(port));
            f.put("SystemId", "parley");
            f.put("Password", "bench");
            f.put("BindType", "transceiver");
            f.put("Binds", String.valueOf(binds));
            f.put("Window", String.valueOf(window));
            f.put("MaxSubmitsPerSecond", "0");
            call("POST", base + "/parley/v1/Channels", f);
        }

        void deleteChannel(String name) throws Exception {
            call("DELETE", base + "/parley/v1/Channels/" + name, null);
        }

        /** A new number whose messages go out through the channel. */
        String number(String channel) throws Exception {
            for (int attempt = 0; ; attempt++) {
                String number = "+1415555" + (1000 + (int) (Math.random() * 9000));
                try {
                    call("POST", accounts + "/IncomingPhoneNumbers.json",
                            Map.of("PhoneNumber", number, "Channel", "smpp:" + channel));
                    return number;
                } catch (IllegalStateException e) {
                    if (attempt > 5) {
                        throw e;
                    }
                }
            }
        }

        /** A message's status, read through the Messages API. */
        String status(String sid) {
            try {
                String body = call("GET", accounts + "/Messages/" + sid + ".json", null);
                int i = body.indexOf("\"status\":\"");
                return i < 0 ? "?" : body.substring(i + 10, body.indexOf('"', i + 10));
            } catch (Exception e) {
                return "unread (" + e.getMessage() + ")";
            }
        }

        String call(String method, String url, Map<String, String> fields) throws Exception {
            var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Authorization", auth);
            if (fields != null) {
                b.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(form(fields)));
            } else {
                b.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
            }
            var r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }
}
