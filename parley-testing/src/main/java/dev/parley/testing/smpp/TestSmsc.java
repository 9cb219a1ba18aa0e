package dev.parley.testing.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.QueryBroadcastSm;
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
 * An SMSC for tests: jSMPP's server side on a loopback port. It binds whoever knows {@link #SYSTEM_ID} and
 * {@link #PASSWORD} (or refuses every bind, {@link #refuseBinds}), records every {@code submit_sm} ({@link #submits()}),
 * answers each as {@link #answer} says (at once, after a delay, with an error status, or not until {@link #release} or
 * a {@link #dropAll}), and sends delivery receipts ({@link #receipts}: text and/or TLVs, before or after the response,
 * ids in decimal or hex) and MO {@code deliver_sm} ({@link #deliver}). Message ids count up from 1.
 */
public final class TestSmsc implements AutoCloseable {
    public static final String SYSTEM_ID = "parley";
    public static final String PASSWORD = "secret";

    /** How the SMSC answers one {@code submit_sm}. */
    public sealed interface Answer {
        /** ESME_ROK with the next message id. */
        Answer OK = new Ok(Duration.ZERO);

        /** ESME_ROK after {@code delay}. */
        record Ok(Duration delay) implements Answer {
        }

        /** A {@code submit_sm_resp} with this {@code command_status}. */
        record Error(int commandStatus) implements Answer {
        }

        /** A {@code generic_nack} with this {@code command_status} instead of a response. */
        record Nack(int commandStatus) implements Answer {
        }

        /** No response until {@link #release()}, or never if the bind is dropped first. */
        record Withhold() implements Answer {
        }
    }

    /** When receipts are sent and what they look like. */
    public enum ReceiptTiming {
        NONE, AFTER_RESPONSE, BEFORE_RESPONSE
    }

    /**
     * How receipts are written.
     *
     * @param timing   none, after the {@code submit_sm_resp} is sent, or before it (the response waits for the
     *                 receipt's {@code deliver_sm_resp})
     * @param text     the standard text in the short message ({@code id:… stat:… err:…})
     * @param tlvs     {@code receipted_message_id} and {@code message_state} TLVs
     * @param hexIds   ids in receipts written in hex (the response writes them in decimal)
     * @param stat     the receipt's {@code stat} for a submit ({@code DELIVRD}, {@code UNDELIV}, …)
     */
    public record Receipts(ReceiptTiming timing, boolean text, boolean tlvs, boolean hexIds,
            Function<Submitted, String> stat) {
        public static final Receipts NONE = new Receipts(ReceiptTiming.NONE, true, false, false, s -> "DELIVRD");

        public static Receipts delivered(ReceiptTiming timing) {
            return new Receipts(timing, true, false, false, s -> "DELIVRD");
        }
    }

    /** One {@code submit_sm} as received; {@code messageId} is the id it was (or would have been) given. */
    public record Submitted(String sessionId, Instant at, SubmitSm pdu, String messageId) {
        public String destination() {
            return pdu.getDestAddress();
        }

        public byte[] shortMessage() {
            return pdu.getShortMessage();
        }
    }

    private final SMPPServerSessionListener listener;
    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicLong ids = new AtomicLong();
    private final List<Submitted> submits = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Submitted> byId = new ConcurrentHashMap<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<Instant> bindAttempts = new CopyOnWriteArrayList<>();
    private final AtomicLong enquireLinks = new AtomicLong();
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final java.util.Map<SMPPServerSession, Connection> connections = new ConcurrentHashMap<>();
    private final Loopback loopback;
    private volatile Function<Submitted, Answer> answer = s -> Answer.OK;
    private volatile Receipts receipts = Receipts.NONE;
    private volatile Integer refuseBinds;
    private volatile CountDownLatch released = new CountDownLatch(1);
    /** Receipts no bound session took (none was up, or the ESME died before answering): sent again at the next bind. */
    private final java.util.Queue<Runnable> undelivered = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private TestSmsc(javax.net.ServerSocketFactory sockets) throws IOException {
        socket = sockets.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        loopback = new Loopback(socket);
        listener = new SMPPServerSessionListener(0, loopback);
        listener.setPduProcessorDegree(64);
        listener.setQueueCapacity(4096);
        listener.setMessageReceiverListener(new Receiver());
        listener.setResponseDeliveryListener(new Responses());
        acceptor = Thread.ofPlatform().daemon().name("test-smsc-" + socket.getLocalPort()).start(this::acceptLoop);
    }

    /** Listens on a free loopback port. */
    public static TestSmsc start() {
        return start(javax.net.ServerSocketFactory.getDefault());
    }

    /** Listens on a free loopback port through {@code sockets} (an {@code SSLServerSocketFactory} for TLS). */
    public static TestSmsc start(javax.net.ServerSocketFactory sockets) {
        try {
            return new TestSmsc(sockets);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How each later {@code submit_sm} is answered. */
    public TestSmsc answer(Function<Submitted, Answer> how) {
        this.answer = how;
        return this;
    }

    public TestSmsc receipts(Receipts how) {
        this.receipts = how;
        return this;
    }

    /** Refuses every later bind with {@code commandStatus} (null: bind again). */
    public TestSmsc refuseBinds(Integer commandStatus) {
        this.refuseBinds = commandStatus;
        return this;
    }

    /** Answers every withheld submit (ESME_ROK) and lets later withheld ones through at once. */
    public void release() {
        released.countDown();
    }

    /** Withholds again after a {@link #release()}. */
    public void withholdAgain() {
        released = new CountDownLatch(1);
    }

    /** Closes every session from the SMSC's side, as a crash or a network cut would (no unbind). */
    public void dropAll() {
        for (SMPPServerSession s : sessions) {
            s.close();
        }
        sessions.clear();
    }

    /** Every {@code submit_sm} received, in order. */
    public List<Submitted> submits() {
        return List.copyOf(submits);
    }

    /** Counts message ids from 1 again, as an SMSC may after a restart: new submits get ids given before. */
    public void restartIds() {
        ids.set(0);
    }

    /** The message ids of the {@code submit_sm_resp} with ESME_ROK that were written to the socket. */
    public List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /**
     * {@link #acknowledged()} once it holds at least {@code count} ids, or after five seconds: a response is counted
     * when jSMPP reports it written, which can be after the ESME has read it.
     */
    public List<String> acknowledged(int count) {
        Instant deadline = Instant.now().plusSeconds(5);
        while (acknowledged.size() < count && Instant.now().isBefore(deadline)) {
            Receiver.sleep(Duration.ofMillis(5));
        }
        return acknowledged();
    }

    /** How many {@code enquire_link} the ESMEs sent. */
    public long enquireLinks() {
        return enquireLinks.get();
    }

    /** When each bind request arrived. */
    public List<Instant> bindAttempts() {
        return List.copyOf(bindAttempts);
    }

    /** Sessions bound now. */
    public int boundSessions() {
        return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    /**
     * Sends an MO {@code deliver_sm} on a bound session that can receive; returns once the ESME answered it, or
     * throws with what it answered.
     */
    public void deliver(String source, String destination, ESMClass esmClass, byte dataCoding, byte[] shortMessage,
            OptionalParameter... tlvs) throws Exception {
        receiverSession().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, source,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, esmClass, (byte) 0, (byte) 0,
                new RegisteredDelivery(0), DataCodings.newInstance(dataCoding), shortMessage, tlvs);
    }

    /** Sends a delivery receipt for {@code submitted} with {@code stat} (as {@link #receipts} writes them). */
    public void sendReceipt(Submitted submitted, String stat) throws Exception {
        Receipts how = receipts;
        String id = how.hexIds() ? Long.toHexString(Long.parseLong(submitted.messageId())).toUpperCase()
                : submitted.messageId();
        String date = java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmm")
                .withZone(java.time.ZoneOffset.UTC).format(submitted.at());
        String err = "DELIVRD".equals(stat) ? "000" : "001";
        byte[] text = how.text() ? ("id:" + id + " sub:001 dlvrd:" + ("DELIVRD".equals(stat) ? "001" : "000")
                + " submit date:" + date + " done date:" + date + " stat:" + stat + " err:" + err + " text:")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII) : new byte[0];
        List<OptionalParameter> tlvs = new ArrayList<>();
        if (how.tlvs()) {
            tlvs.add(new OptionalParameter.Receipted_message_id(id));
            tlvs.add(new OptionalParameter.Message_state(messageState(stat)));
        }
        SubmitSm pdu = submitted.pdu();
        receiverSession().deliverShortMessage("", TypeOfNumber.valueOf(pdu.getDestAddrTon()),
                NumberingPlanIndicator.valueOf(pdu.getDestAddrNpi()), pdu.getDestAddress(),
                TypeOfNumber.valueOf(pdu.getSourceAddrTon()), NumberingPlanIndicator.valueOf(pdu.getSourceAddrNpi()),
                pdu.getSourceAddr(), new ESMClass(0x04), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                DataCodings.ZERO, text, tlvs.toArray(new OptionalParameter[0]));
    }

    /** Sends a receipt, or keeps it for the next bind when no session takes it, as an SMSC's store and forward does. */
    private void deliverReceipt(Submitted submitted, String stat) {
        try {
            sendReceipt(submitted, stat);
        } catch (Exception e) {
            undelivered.add(() -> deliverReceipt(submitted, stat));
        }
    }

    private void redeliver() {
        for (int n = undelivered.size(); n > 0 && receiverSessionOrNull() != null; n--) {
            Runnable next = undelivered.poll();
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    private SMPPServerSession receiverSessionOrNull() {
        return sessions.stream().filter(s -> s.getSessionState().isReceivable()).findFirst().orElse(null);
    }

    private static byte messageState(String stat) {
        return switch (stat) {
            case "ENROUTE" -> 1;
            case "DELIVRD" -> 2;
            case "EXPIRED" -> 3;
            case "DELETED" -> 4;
            case "UNDELIV" -> 5;
            case "ACCEPTD" -> 6;
            case "REJECTD" -> 8;
            default -> 7;
        };
    }

    private void nack(SMPPServerSession session, int sequenceNumber, int status) throws ProcessRequestException {
        Connection c = connections.get(session);
        try {
            new SynchronizedPDUSender(new DefaultPDUSender()).sendGenericNack(c.getOutputStream(), status,
                    sequenceNumber);
        } catch (IOException e) {
            throw new ProcessRequestException("generic_nack not sent: " + e, 0x08);
        }
    }

    private SMPPServerSession receiverSession() {
        return sessions.stream().filter(s -> s.getSessionState().isReceivable()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bound session can receive"));
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                SMPPServerSession session = listener.accept();
                connections.put(session, loopback.lastAccepted);
                Thread.ofVirtual().start(() -> bind(session));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            bindAttempts.add(Instant.now());
            Integer refuse = refuseBinds;
            if (refuse != null) {
                request.reject(refuse);
            } else if (!SYSTEM_ID.equals(request.getSystemId()) || !PASSWORD.equals(request.getPassword())) {
                request.reject(0x0E);
            } else {
                sessions.add(session);
                session.addSessionStateListener((now, before, source) -> {
                    if (now == SessionState.CLOSED) {
                        sessions.remove(session);
                        connections.remove(session);
                    }
                });
                request.accept("testsmsc");
                if (!undelivered.isEmpty()) {
                    Thread.ofVirtual().start(this::redeliver);
                }
            }
        } catch (Exception e) {
            session.close();
        }
    }

    @Override
    public void close() {
        release();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
        acceptor.interrupt();
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm pdu, SMPPServerSession source)
                throws ProcessRequestException {
            String id = Long.toString(ids.incrementAndGet());
            Submitted submitted = new Submitted(source.getSessionId(), Instant.now(), pdu, id);
            submits.add(submitted);
            byId.put(id, submitted);
            Answer a = answer.apply(submitted);
            switch (a) {
                case Answer.Error e -> throw new ProcessRequestException("refused by the test SMSC",
                        e.commandStatus());
                case Answer.Nack n -> {
                    nack(source, pdu.getSequenceNumber(), n.commandStatus());
                    // jSMPP answers the exception too, with a submit_sm_resp of the same status. The ESME reads PDUs
                    // in order but may process them on several threads: held back a moment, that response comes
                    // after the generic_nack has settled the sequence number, and the ESME ignores it.
                    sleep(Duration.ofMillis(250));
                    throw new ProcessRequestException("nacked", n.commandStatus());
                }
                case Answer.Ok ok when !ok.delay().isZero() -> sleep(ok.delay());
                case Answer.Ok ok -> {
                }
                case Answer.Withhold w -> {
                    while (!awaitRelease()) {
                        if (!source.getSessionState().isBound()) {
                            throw new ProcessRequestException("dropped", 0x08);
                        }
                    }
                }
            }
            Receipts how = receipts;
            if (how.timing() == ReceiptTiming.BEFORE_RESPONSE) {
                try {
                    sendReceipt(submitted, how.stat().apply(submitted));
                } catch (Exception e) {
                    throw new ProcessRequestException("receipt failed: " + e, 0x08);
                }
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), 0x08);
            }
        }

        private boolean awaitRelease() {
            try {
                return released.await(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }

        private static void sleep(Duration d) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti pdu, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm pdu, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm pdu, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm pdu, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm pdu, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm pdu, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm pdu, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm pdu, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptEnquireLink(org.jsmpp.bean.EnquireLink enquireLink, Session source) {
            enquireLinks.incrementAndGet();
        }
    }

    /** Counts what was really written back, and sends receipts after their response. */
    private final class Responses implements ServerResponseDeliveryListener {
        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
            acknowledged.add(result.getMessageId());
            Receipts how = receipts;
            if (how.timing() == ReceiptTiming.AFTER_RESPONSE) {
                Submitted submitted = byId.get(result.getMessageId());
                Thread.ofVirtual().start(() -> deliverReceipt(submitted, how.stat().apply(submitted)));
            }
        }

        @Override
        public void onSubmitSmRespError(SubmitSmResult result, Exception e, SMPPServerSession source) {
        }

        @Override
        public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {
        }

        @Override
        public void onSubmitMultiRespError(SubmitMultiResult result, Exception e, SMPPServerSession source) {
        }
    }

    /** Listens on the loopback socket already opened (so the port is known before jSMPP starts). */
    private static final class Loopback implements ServerConnectionFactory {
        private final ServerSocket socket;
        /** The connection accepted last: the accept loop reads it right after jSMPP's accept, on the same thread. */
        private volatile Connection lastAccepted;

        Loopback(ServerSocket socket) {
            this.socket = socket;
        }

        @Override
        public ServerConnection listen(int port) {
            return connection();
        }

        @Override
        public ServerConnection listen(int port, int timeout) {
            return connection();
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) {
            return connection();
        }

        private ServerConnection connection() {
            return new ServerConnection() {
                @Override
                public Connection accept() throws IOException {
                    java.net.Socket s = socket.accept();
                    s.setTcpNoDelay(true);
                    Connection c = new SocketConnection(s);
                    lastAccepted = c;
                    return c;
                }

                @Override
                public void setSoTimeout(int timeout) throws IOException {
                    socket.setSoTimeout(timeout);
                }

                @Override
                public int getSoTimeout() throws IOException {
                    return socket.getSoTimeout();
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }
            };
        }
    }
}
