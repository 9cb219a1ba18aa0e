package dev.parley.channels.smpp;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;

/**
 * An SMSC on a raw socket, for {@link SmppEsmeFuzzTest}: it accepts the ESME's connections one at a time, binds
 * whoever asks, and writes whatever bytes the test gives it — well-formed PDUs composed by jSMPP, or mutated ones.
 * Everything the ESME sends is read with jSMPP's PDU reader and kept ({@link #received()}); {@code enquire_link} is
 * answered, and each {@code submit_sm} is answered with the next message id ({@code 7000001}, ...), recorded in
 * {@link #submitted()}.
 */
final class HostileSmsc implements AutoCloseable {
    static final DefaultComposer COMPOSE = new DefaultComposer();
    private static final DefaultDecomposer DECOMPOSE = new DefaultDecomposer();

    /** One PDU from the ESME. */
    record Pdu(int commandId, int commandStatus, int sequence) {
    }

    /** A submit_sm the ESME sent and the message id it was answered with. */
    record Submitted(SubmitSm pdu, String messageId) {
    }

    private final ServerSocket server;
    private final AtomicInteger ids = new AtomicInteger(7_000_000);
    private final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<Pdu> received = new LinkedBlockingQueue<>();
    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean answerSubmits = true;

    HostileSmsc() {
        try {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections the ESME has made so far. */
    int connections() {
        return connections.get();
    }

    /**
     * Takes the ESME's next connection and answers its bind with ESME_ROK; then reads what it sends on a thread of
     * its own until the connection ends.
     */
    void acceptAndBind(Duration within) throws IOException {
        server.setSoTimeout(Math.toIntExact(within.toMillis()));
        Socket s = server.accept();
        connections.incrementAndGet();
        s.setTcpNoDelay(true);
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        Command bind;
        try {
            bind = new DefaultPDUReader().readPDUHeader(in);
        } catch (InvalidCommandLengthException e) {
            throw new IOException("the ESME's bind has a bad command_length", e);
        }
        new DefaultPDUReader().readPDU(in, bind);
        OutputStream o = s.getOutputStream();
        try {
            o.write(COMPOSE.bindResp(bind.getCommandId() | SMPPConstant.MASK_CID_RESP, bind.getSequenceNumber(),
                    "hostile"));
        } catch (PDUStringException e) {
            throw new IllegalStateException(e);
        }
        o.flush();
        socket = s;
        out = o;
        received.clear();
        Thread.ofVirtual().name("hostile-smsc-reader").start(() -> read(s, in, o));
    }

    private void read(Socket s, DataInputStream in, OutputStream o) {
        DefaultPDUReader reader = new DefaultPDUReader();
        try {
            while (true) {
                Command h = reader.readPDUHeader(in);
                byte[] pdu = reader.readPDU(in, h);
                received.add(new Pdu(h.getCommandId(), h.getCommandStatus(), h.getSequenceNumber()));
                if (h.getCommandId() == SMPPConstant.CID_ENQUIRE_LINK) {
                    write(o, COMPOSE.composeHeader(SMPPConstant.CID_ENQUIRE_LINK_RESP, 0, h.getSequenceNumber()));
                } else if (h.getCommandId() == SMPPConstant.CID_SUBMIT_SM && answerSubmits) {
                    String id = String.valueOf(ids.incrementAndGet());
                    submitted.add(new Submitted(DECOMPOSE.submitSm(pdu), id));
                    write(o, COMPOSE.submitSmResp(h.getSequenceNumber(), id));
                } else if (h.getCommandId() == SMPPConstant.CID_UNBIND) {
                    write(o, COMPOSE.unbindResp(0, h.getSequenceNumber()));
                }
            }
        } catch (IOException | InvalidCommandLengthException | PDUStringException e) {
            // The connection ended (either side closed it): the ESME will connect again.
        } finally {
            try {
                s.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

    private static void write(OutputStream o, byte[] bytes) throws IOException {
        synchronized (o) {
            o.write(bytes);
            o.flush();
        }
    }

    /** Writes raw bytes on the current connection; false when the ESME has closed it. */
    boolean send(byte[] bytes) {
        try {
            write(out, bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next PDU from the ESME within {@code within}, or null. */
    Pdu next(Duration within) throws InterruptedException {
        return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the ESME closed the current connection (read end reached) within {@code within}. */
    boolean closedByEsme(Duration within) throws IOException {
        Socket s = socket;
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (s.isClosed()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return s.isClosed();
    }

    List<Submitted> submitted() {
        return submitted;
    }

    /** Drops the current connection from this side. */
    void drop() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

    @Override
    public void close() {
        drop();
        try {
            server.close();
        } catch (IOException e) {
            // closed anyway
        }
    }
}
