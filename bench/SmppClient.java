import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/**
 * An SMPP application sending through Parley's SMPP server (Parley as SMSC), for bench/smpp-server. For each window it
 * binds a transceiver with the given SMPP credential and keeps that many {@code submit_sm} in flight for
 * {@code --seconds} (one thread per slot, each submitting again as soon as its response came), every one asking for a
 * receipt; then it waits for the receipts Parley sends back as {@code deliver_sm} and unbinds. A warm-up at window 100
 * comes first (not counted: the JIT compiles Parley's SMPP path meanwhile). Prints, per window:
 * {@code submit_sm}/s answered ESME_ROK, the refusals by {@code command_status}, receipts/s (from the first submit to
 * the last receipt), the receipts missing, and Parley's CPU per message (from /proc, with {@code --parley-pid}).
 * jSMPP (in Parley's shaded jar) speaks the protocol.
 *
 * <p>Run: {@code java -cp parley-server/target/parley.jar bench/SmppClient.java --port 2775 --system-id ID
 * --password PW --from +14155550123 [--windows 10,100] [--seconds 20] [--warm-up-seconds 20] [--parley-pid PID]}.
 */
public class SmppClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "--port", "2775"));
        String systemId = arg(args, "--system-id", "bench");
        String password = arg(args, "--password", "bench");
        String from = arg(args, "--from", "+14155550123").replace("+", "");
        int seconds = Integer.parseInt(arg(args, "--seconds", "20"));
        String pid = arg(args, "--parley-pid", "");
        int warmUp = Integer.parseInt(arg(args, "--warm-up-seconds", "20"));
        if (warmUp > 0) {
            System.out.println("== warm-up: window 100, " + warmUp + " s (not counted)");
            phase(port, systemId, password, from, 100, warmUp, pid);
        }
        List<String> rows = new ArrayList<>();
        for (String w : arg(args, "--windows", "10,100").split(",")) {
            int window = Integer.parseInt(w.strip());
            rows.add(phase(port, systemId, password, from, window, seconds, pid));
        }
        System.out.println();
        System.out.println("| window | submit_sm/s (ESME_ROK) | refused | receipts/s | receipts missing | Parley CPU per"
                + " message (ms) |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    static String phase(int port, String systemId, String password, String from, int window, int seconds, String pid)
            throws Exception {
        LongAdder receipts = new LongAdder();
        AtomicLong lastReceipt = new AtomicLong();
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(30_000);
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                    receipts.increment();
                    lastReceipt.set(System.nanoTime());
                }
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
        session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        double cpuBefore = cpuSeconds(pid);
        LongAdder accepted = new LongAdder();
        ConcurrentHashMap<String, LongAdder> refused = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> slots = new ArrayList<>();
        for (int s = 0; s < window; s++) {
            slots.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    String to = "1202555" + String.format("%04d", next.getAndIncrement() % 10_000);
                    try {
                        session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from,
                                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0,
                                (byte) 0, null, null, new RegisteredDelivery(1), (byte) 0, DataCodings.ZERO, (byte) 0,
                                "bench".getBytes(StandardCharsets.ISO_8859_1));
                        accepted.increment();
                    } catch (NegativeResponseException e) {
                        refused.computeIfAbsent(String.format("0x%08x", e.getCommandStatus()), k -> new LongAdder())
                                .increment();
                    } catch (Exception e) {
                        refused.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                    }
                }
            }));
        }
        for (Thread t : slots) {
            t.join();
        }
        double submitSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (receipts.sum() < accepted.sum() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double cpu = cpuSeconds(pid) - cpuBefore;
        session.unbindAndClose();
        double receiptSeconds = (Math.max(lastReceipt.get(), start) - start) / 1e9;
        long ok = accepted.sum();
        String refusals = refused.isEmpty() ? "0" : refused.toString();
        String cpuPerMessage = pid.isEmpty() || ok == 0 ? "—" : String.format(Locale.ROOT, "%.2f", cpu * 1000 / ok);
        System.out.printf(Locale.ROOT, "window %d: %d submit_sm answered ESME_ROK in %.1f s = %.0f/s, refused %s;"
                + " %d receipts in %.1f s = %.0f/s, %d missing; Parley CPU per message %s ms%n", window, ok,
                submitSeconds, ok / submitSeconds, refusals, receipts.sum(), receiptSeconds,
                receipts.sum() / Math.max(0.1, receiptSeconds), ok - receipts.sum(), cpuPerMessage);
        return String.format(Locale.ROOT, "| %d | %,.0f | %s | %,.0f | %d | %s |", window, ok / submitSeconds,
                refusals, receipts.sum() / Math.max(0.1, receiptSeconds), ok - receipts.sum(), cpuPerMessage);
    }

    /** utime + stime of a process from /proc (clock ticks of 10 ms); 0 without a pid or /proc. */
    static double cpuSeconds(String pid) {
        if (pid.isEmpty()) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
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
}
