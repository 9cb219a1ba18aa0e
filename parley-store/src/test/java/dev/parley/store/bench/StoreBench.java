package dev.parley.store.bench;

import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.queue.Job;
import dev.parley.store.Database;
import dev.parley.testing.PostgresCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throwaway load harness, not a test (surefire does not pick it up): 64 virtual threads writing a message and a
 * job per unit, then 64 virtual threads finding messages by key; each phase after a warm-up of the same length.
 * Prints throughput, latency percentiles, process CPU per operation and the writer thread's CPU per operation.
 *
 * <p>Run after {@code ./mvnw -pl parley-store -am test-compile} with the module's test classpath, e.g.
 * {@code java --enable-native-access=ALL-UNNAMED -cp parley-store/target/classes:parley-store/target/test-classes:
 * parley-core/target/classes:parley-testing/target/classes:<dependencies> dev.parley.store.bench.StoreBench
 * sqlite 15} (or {@code postgres}, which starts a private cluster).
 */
public final class StoreBench {
    private static final int THREADS = 64;
    private static final AtomicLong SEQ = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "sqlite";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String url = kind.equals("postgres") ? PostgresCluster.shared().createDatabase()
                : "jdbc:sqlite:" + Files.createTempDirectory("parley-bench-").resolve("bench.db");
        try (Database db = Database.open(url)) {
            String account = "AC" + "0".repeat(32);
            List<String> sids = new ArrayList<>();
            run("write-warmup", seconds, () -> write(db, account, null));
            ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
            run("write", seconds, () -> write(db, account, written));
            sids.addAll(written);
            String[] keys = sids.toArray(String[]::new);
            run("read-warmup", seconds, () -> read(db, account, keys));
            run("read", seconds, () -> read(db, account, keys));
        }
        System.exit(0);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long writerCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("parley-writer")) {
                return threads.getThreadCpuTime(t.threadId());
            }
        }
        return 0;
    }

    private static void write(Database db, String account, ConcurrentLinkedQueue<String> written) {
        long n = SEQ.incrementAndGet();
        Instant now = Instant.now();
        String sid = String.format("SM%032x", n);
        Message m = new Message(sid, account, null, "+14155550100", "+14155550199", "Hello " + n, List.of(), 1,
                Direction.OUTBOUND_API, MessageStatus.ACCEPTED, null, null, null, null, "sms", null,
                Message.StatusCallback.NONE, now, now, null);
        Job j = Job.create(String.format("JB%032x", n), account, "message.send", "{\"sid\":\"" + sid + "\"}",
                now.plusSeconds(3600), 5, now);
        db.writeVoid(tx -> {
            tx.messages().insert(m);
            tx.jobs().enqueue(j);
        });
        if (written != null) {
            written.add(sid);
        }
    }

    private static void read(Database db, String account, String[] keys) {
        String sid = keys[ThreadLocalRandom.current().nextInt(keys.length)];
        if (db.read(tx -> tx.messages().find(account, sid)).isEmpty()) {
            throw new IllegalStateException("missing " + sid);
        }
    }

    private static void run(String name, int seconds, Runnable op) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] lat = new long[THREADS][];
        int[] counts = new int[THREADS];
        long writerCpu0 = writerCpu();
        long cpu0 = processCpu();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                threads.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int c = 0;
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        op.run();
                        long d = System.nanoTime() - s;
                        if (c == mine.length) {
                            mine = Arrays.copyOf(mine, c * 2);
                        }
                        mine[c++] = d;
                    }
                    lat[id] = mine;
                    counts[id] = c;
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long writerCpu = writerCpu() - writerCpu0;
        long cpu = processCpu() - cpu0;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < THREADS; t++) {
            System.arraycopy(lat[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        System.out.printf("%-13s %8d ops %9.0f ops/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms"
                + "  cpu/op %6.1f us  writer-cpu/op %6.1f us%n", name, total,
                total / elapsed, all[total / 2] / 1e6, all[(int) (total * 0.99)] / 1e6, all[total - 1] / 1e6,
                cpu / 1e3 / total, writerCpu / 1e3 / total);
    }
}
