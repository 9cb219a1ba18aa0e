package dev.parley.channels.smpp.server;

import dev.parley.channels.smpp.BoundedPduReader;
import java.io.DataInputStream;
import java.io.IOException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.QueueMaxException;
import org.jsmpp.util.DefaultDecomposer;

/**
 * {@link BoundedPduReader} for untrusted clients: a command that carries a message may take {@link #MAX_PDU_LENGTH},
 * and before the bind is up any PDU only {@link #MAX_UNBOUND_PDU_LENGTH}, so a connection that has not bound queues
 * little in jSMPP. A {@code submit_sm} beyond the bind's window is answered {@code ESME_RTHROTTLED} by jSMPP (it treats
 * {@link QueueMaxException} as "tell the other side to throttle") and never processed.
 */
final class GuardedPduReader extends BoundedPduReader {
    /** The largest PDU accepted: a 1,600-character UCS-2 body in {@code message_payload} with its addresses fits. */
    static final int MAX_PDU_LENGTH = 8 * 1024;
    /** The largest PDU before the bind is up: a bind with every field at its longest is 98 bytes. */
    static final int MAX_UNBOUND_PDU_LENGTH = 256;
    private final ClientBind bind;

    GuardedPduReader(ClientBind bind) {
        super(MAX_PDU_LENGTH, bind);
        this.bind = bind;
    }

    @Override
    protected int maxLength(int commandId) {
        return bind.isBound() ? super.maxLength(commandId) : MAX_UNBOUND_PDU_LENGTH;
    }

    @Override
    public byte[] readPDU(DataInputStream in, int length, int id, int status, int sequence) throws IOException {
        byte[] pdu = super.readPDU(in, length, id, status, sequence);
        if (id == SMPPConstant.CID_SUBMIT_SM && bind.isBound() && decodes(pdu)) {
            int window = bind.credential().limits().window();
            if (!bind.submits().tryEnter(sequence, window, System.nanoTime())) {
                throw new QueueMaxException("SMPP window full (inflight=" + bind.submits().size() + ", window="
                        + window + ", bind=" + bind + ")");
            }
        }
        return pdu;
    }

    /** Whether jSMPP will hand this submit to Parley: one it cannot decode it answers itself, outside the window. */
    private static boolean decodes(byte[] pdu) {
        try {
            DefaultDecomposer.getInstance().submitSm(pdu);
            return true;
        } catch (PDUStringException | RuntimeException e) {
            return false;
        }
    }
}
