package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.connection.SmppSettings;
import dev.parley.core.connection.SmppSettings.DataCoding;
import dev.parley.core.connection.SmppSettings.Split;
import dev.parley.testing.smpp.TestSmsc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MO through real binds: Parley's ESME ({@link SmppChannel}, two transceiver binds) against a jSMPP SMSC that sends
 * the parts of one message on different binds, out of order; {@link SmppInbound} behind it.
 */
class SmppInboundBindTest {
    private InboundStack stack;
    private MoSmsc smsc;
    private SmppChannel channel;

    @BeforeEach
    void start() throws Exception {
        stack = new InboundStack();
        smsc = new MoSmsc();
        SmppSettings settings = new SmppSettings("127.0.0.1", smsc.port(), false, TestSmsc.SYSTEM_ID,
                TestSmsc.PASSWORD, "", SmppSettings.BindType.TRANSCEIVER, 2, 10, 0, Duration.ofSeconds(30),
                Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(5), 1, 1, 1, 1,
                DataCoding.SMSC_DEFAULT, false, Split.UDH8, SmppSettings.IdFormat.STRING,
                SmppSettings.IdFormat.STRING, null);
        channel = new SmppChannel("carrier-a", settings, new SmppChannel.Parts(stack.database, stack.clock,
                (tx, receipt) -> { }, stack.handler(false), new SplittableRandom(7)));
        await().atMost(Duration.ofSeconds(10)).until(() -> smsc.sessions.size() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        channel.close();
        smsc.close();
        stack.close();
    }

    @Test
    void partsOnTwoBindsInAnyOrderBecomeOneInboundMessage() throws Exception {
        String body = "Part one of a long message that a carrier delivers in two pieces, "
                + "over two binds of the same connection and out of order; Parley puts it back together and "
                + "posts it to the number's webhook as one message {with escapes}.";
        List<ShortMessage> parts = SmppCodec.encode(body, CodecSettings.gsm(Split.UDH8), 0x33);
        assertThat(parts).hasSize(2);
        SMPPServerSession first = smsc.sessions.get(0);
        SMPPServerSession second = smsc.sessions.get(1);

        smsc.deliver(second, parts.get(1));
        assertThat(stack.received()).isEmpty();
        smsc.deliver(first, parts.get(0));

        assertThat(stack.received()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.from()).isEqualTo("+447700900123");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !stack.receiver.requests("/sms").isEmpty());
        assertThat(stack.receiver.requests("/sms").getFirst().formParam("Body")).isEqualTo(body);
    }

    @Test
    void theSmscHearsTheRefusalAsTheCommandStatus() {
        ShortMessage hello = SmppCodec.encode("hello", CodecSettings.gsm(Split.UDH8), 0).getFirst();

        assertThatThrownBy(() -> smsc.deliver(smsc.sessions.getFirst(), "447700900123", "14155550199", hello))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVDSTADR));
        assertThat(stack.messages()).isEmpty();
    }

    /** A jSMPP SMSC on loopback that accepts the test credentials and sends deliver_sm on the session asked for. */
    private static final class MoSmsc implements AutoCloseable {
        final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        private final SMPPServerSessionListener listener;

        MoSmsc() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            listener = new SMPPServerSessionListener(0, new Loopback(socket));
            Thread.ofVirtual().start(this::acceptLoop);
        }

        int port() {
            return socket.getLocalPort();
        }

        void deliver(SMPPServerSession session, ShortMessage sm) throws Exception {
            deliver(session, "447700900123", InboundStack.NUMBER.substring(1), sm);
        }

        void deliver(SMPPServerSession session, String from, String to, ShortMessage sm) throws Exception {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from,
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(sm.esmClass()),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.newInstance(sm.dataCoding()),
                    sm.bytes(), sm.tlvArray());
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    SMPPServerSession session = listener.accept();
                    BindRequest bind = session.waitForBind(5_000);
                    if (TestSmsc.SYSTEM_ID.equals(bind.getSystemId()) && TestSmsc.PASSWORD.equals(bind.getPassword())) {
                        bind.accept("mo-smsc");
                        sessions.add(session);
                    } else {
                        bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                    }
                } catch (Exception e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            sessions.forEach(SMPPServerSession::close);
            listener.close();
            socket.close();
        }
    }

    private record Loopback(ServerSocket socket) implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) {
            return new ServerConnection() {
                @Override
                public Connection accept() throws IOException {
                    Socket s = socket.accept();
                    s.setTcpNoDelay(true);
                    return new SocketConnection(s);
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

        @Override
        public ServerConnection listen(int port, int timeout) {
            return listen(port);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) {
            return listen(port);
        }
    }
}
