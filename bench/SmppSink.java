import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;

/**
 * A local SMSC that answers at once, for bench/smpp: accepts any bind (transceiver, transmitter or receiver, any
 * credentials), answers every {@code submit_sm} with a fresh decimal {@code message_id} and, when the
 * {@code submit_sm} asks for one ({@code registered_delivery}), sends its delivery receipt right after the response:
 * a {@code deliver_sm} with the standard text ({@code id:… sub:001 dlvrd:001 … stat:DELIVRD err:000 text:…}). Every
 * accepted socket gets TCP_NODELAY unless {@code --nagle} says to leave Nagle's algorithm on (to show what it costs).
 * jSMPP (in Parley's shaded jar) speaks the protocol.
 *
 * <p>Run: {@code java -cp parley-server/target/parley.jar bench/SmppSink.java [--port 2775] [--nagle]
 * [--receipts requested|all|none] [--receipt-window 100] [--quiet]}. It prints {@code listening <port>} once bound,
 * then submits/s and receipts/s each second while traffic flows. Each line read on stdin is answered with
 * {@code count <submits> <receipts answered> <binds> <nanoTime>}: bench/SmppBench.java reads its figures that way.
 */
public class SmppSink implements ServerMessageReceiverListener, ServerResponseDeliveryListener {
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private final boolean nagle;
    private final String receipts;
    private final int receiptWindow;
    private final AtomicLong nextId = new AtomicLong(1_000_000_000L);
    private final LongAdder submits = new LongAdder();
    private final LongAdder receiptsAnswered = new LongAdder();
    private final LongAdder receiptsFailed = new LongAdder();
    private final AtomicInteger binds = new AtomicInteger();
    /** Receipts wait here between the response's creation and its being written. */
    private final Map<String, Receipt> answered = new ConcurrentHashMap<>();
    /** The receipt queue of each bind that can receive, and the system_id each bind came as. */
    private final Map<SMPPServerSession, BlockingQueue<Receipt>> receiptQueues = new ConcurrentHashMap<>();
    private final Map<SMPPServerSession, String> systemIds = new ConcurrentHashMap<>();

    SmppSink(boolean nagle, String receipts, int receiptWindow) {
        this.nagle = nagle;
        this.receipts = receipts;
        this.receiptWindow = receiptWindow;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "--port", "2775"));
        boolean nagle = has(args, "--nagle");
        String receipts = arg(args, "--receipts", "requested");
        if (!receipts.matches("requested|all|none")) {
            throw new IllegalArgumentException("--receipts must be requested, all or none, not " + receipts);
        }
        SmppSink sink = new SmppSink(nagle, receipts, Integer.parseInt(arg(args, "--receipt-window", "100")));
        sink.run(port, !has(args, "--quiet"));
    }

    void run(int port, boolean report) throws IOException {
        SMPPServerSessionListener listener = new SMPPServerSessionListener(port, new Sockets(nagle));
        // Several threads answer PDUs (responses may leave out of order, as a real SMSC's do), and the queue holds
        // far more than any window: the sink never answers ESME_RTHROTTLED.
        listener.setPduProcessorDegree(4);
        listener.setQueueCapacity(10_000);
        listener.setMessageReceiverListener(this);
        listener.setResponseDeliveryListener(this);
        System.out.printf("listening %d (TCP_NODELAY %s, receipts %s, receipt window %d per bind)%n",
                listener.getPort(), nagle ? "off: Nagle on" : "on", receipts, receiptWindow);
        Thread.ofPlatform().daemon(true).name("sink-control").start(this::answerCounts);
        if (report) {
            Thread.ofPlatform().daemon(true).name("sink-report").start(this::report);
        }
        while (true) {
            SMPPServerSession session = listener.accept();
            Thread.ofVirtual().start(() -> bind(session));
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(10_000);
            systemIds.put(session, request.getSystemId());
            session.addSessionStateListener((to, from, source) -> {
                if (to == SessionState.CLOSED && systemIds.remove(session) != null) {
                    binds.decrementAndGet();
                    receiptQueues.remove(session);
                }
            });
            request.accept("sink", InterfaceVersion.IF_34);
            binds.incrementAndGet();
            if (request.getBindType() != BindType.BIND_TX) {
                BlockingQueue<Receipt> queue = new LinkedBlockingQueue<>();
                receiptQueues.put(session, queue);
                for (int i = 0; i < receiptWindow; i++) {
                    Thread.ofVirtual().start(() -> sendReceipts(session, queue));
                }
            }
        } catch (Exception e) {
            System.out.println("bind failed: " + e);
            session.close();
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
        submits.increment();
        String id = Long.toString(nextId.getAndIncrement());
        boolean requested = (submit.getRegisteredDelivery() & 0x03) != 0;
        if (receipts.equals("all") || receipts.equals("requested") && requested) {
            answered.put(id, new Receipt(id, submit, ZonedDateTime.now(ZoneOffset.UTC)));
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (org.jsmpp.PDUStringException e) {
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    /**
     * Called once the response is written, so a receipt never overtakes its response. It goes to this bind if it
     * receives (a transceiver), else to a receiver bound with the same system_id.
     */
    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
        Receipt receipt = answered.remove(result.getMessageId());
        if (receipt == null) {
            return;
        }
        BlockingQueue<Receipt> queue = receiptQueues.get(source);
        if (queue == null) {
            String systemId = systemIds.get(source);
            queue = receiptQueues.entrySet().stream().filter(e -> e.getKey().getSessionState().isReceivable()
                    && systemId != null && systemId.equals(systemIds.get(e.getKey()))).map(Map.Entry::getValue)
                    .findAny().orElse(null);
        }
        if (queue == null) {
            receiptsFailed.increment();
        } else {
            queue.add(receipt);
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception e, SMPPServerSession source) {
        answered.remove(result.getMessageId());
    }

    @Override
    public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {
    }

    @Override
    public void onSubmitMultiRespError(SubmitMultiResult result, Exception e, SMPPServerSession source) {
    }

    record Receipt(String messageId, SubmitSm submit, ZonedDateTime submitted) {
    }

    private void sendReceipts(SMPPServerSession session, BlockingQueue<Receipt> queue) {
        while (session.getSessionState() != SessionState.CLOSED) {
            Receipt r;
            try {
                r = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                continue;
            }
            SubmitSm s = r.submit();
            byte[] sm = s.getShortMessage() == null ? new byte[0] : s.getShortMessage();
            String text = new String(sm, 0, Math.min(20, sm.length), StandardCharsets.ISO_8859_1);
            String date = RECEIPT_DATE.format(r.submitted());
            String body = "id:" + r.messageId() + " sub:001 dlvrd:001 submit date:" + date + " done date:" + date
                    + " stat:DELIVRD err:000 text:" + text;
            try {
                session.deliverShortMessage("", TypeOfNumber.valueOf(s.getDestAddrTon()),
                        NumberingPlanIndicator.valueOf(s.getDestAddrNpi()), s.getDestAddress(),
                        TypeOfNumber.valueOf(s.getSourceAddrTon()), NumberingPlanIndicator.valueOf(s.getSourceAddrNpi()),
                        s.getSourceAddr(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT,
                                GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                        DataCodings.ZERO, body.getBytes(StandardCharsets.ISO_8859_1));
                receiptsAnswered.increment();
            } catch (Exception e) {
                receiptsFailed.increment();
            }
        }
    }

    private void answerCounts() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                System.out.printf("count %d %d %d %d%n", submits.sum(), receiptsAnswered.sum(), binds.get(),
                        System.nanoTime());
            }
        } catch (IOException e) {
            // stdin closed: nobody asks any more
        }
        System.exit(0);
    }

    private void report() {
        long lastSubmits = 0;
        long lastReceipts = 0;
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long s = submits.sum();
            long r = receiptsAnswered.sum();
            if (s != lastSubmits || r != lastReceipts) {
                System.out.printf("sink: %d submit_sm/s, %d receipts/s (answered), %d binds; total %d submits, "
                        + "%d receipts, %d receipts failed%n", s - lastSubmits, r - lastReceipts, binds.get(), s, r,
                        receiptsFailed.sum());
            }
            lastSubmits = s;
            lastReceipts = r;
        }
    }

    // The data_sm, submit_multi, query, replace, cancel and broadcast operations are not what the bench sends.
    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s) throws ProcessRequestException {
        throw new ProcessRequestException("submit_multi not supported by the sink", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException {
        throw new ProcessRequestException("query_sm not supported by the sink", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
        throw new ProcessRequestException("replace_sm not supported by the sink", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
        throw new ProcessRequestException("cancel_sm not supported by the sink", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s) throws ProcessRequestException {
        throw new ProcessRequestException("broadcast_sm not supported by the sink", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException {
        throw new ProcessRequestException("cancel_broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s)
            throws ProcessRequestException {
        throw new ProcessRequestException("query_broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm not supported by the sink", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    /** Plain sockets on the loopback, with TCP_NODELAY on every accepted socket unless {@code nagle}. */
    record Sockets(boolean nagle) implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 1024);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 1024);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket server = new ServerSocket(port, backlog, InetAddress.getLoopbackAddress());
            server.setSoTimeout(timeout);
            return new ServerConnection() {
                @Override
                public Connection accept() throws IOException {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(!nagle);
                    return new SocketConnection(socket);
                }

                @Override
                public void setSoTimeout(int t) throws IOException {
                    server.setSoTimeout(t);
                }

                @Override
                public int getSoTimeout() throws IOException {
                    return server.getSoTimeout();
                }

                @Override
                public void close() throws IOException {
                    server.close();
                }
            };
        }
    }

    static boolean has(String[] args, String name) {
        for (String a : args) {
            if (a.equals(name)) {
                return true;
            }
        }
        return false;
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
