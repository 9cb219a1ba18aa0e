package dev.parley.channels.smpp.server;

import dev.parley.channels.smpp.BoundedPduReader;
import java.io.DataInputStream;
import java.io.IOException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.QueueMaxException;
import org.jsmpp.util.DefaultDecomposer;

/**
 * {@link BoundedPduReader} for untrusted clients. Only a {@code submit_sm} may take {@link #MAX_PDU_LENGTH} (Parley
 * refuses every other command that carries a message), and only once the bind is up: before, any PDU may take
 * {@link #MAX_UNBOUND_PDU_LENGTH}. A {@code submit_sm} beyond the bind's window is answered {@code ESME_RTHROTTLED} by
 * jSMPP (it treats {@link QueueMaxException} as "tell the other side to throttle") and never processed. One that does
 * not decode is left to jSMPP to answer, outside the window, unless it is longer than
 * {@link #MAX_OTHER_PDU_LENGTH}: then it ends the connection. So what jSMPP queues for a session's busy threads, besides
 * the client's window of submits, is never more than {@link #MAX_OTHER_PDU_LENGTH} a PDU.
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
        return !bind.isBound() ? MAX_UNBOUND_PDU_LENGTH
                : commandId == SMPPConstant.CID_SUBMIT_SM ? MAX_PDU_LENGTH : MAX_OTHER_PDU_LENGTH;
    }

    @Override
    public byte[] readPDU(DataInputStream in, int length, int id, int status, int sequence) throws IOException {
        byte[] pdu = super.readPDU(in, length, id, status, sequence);
        if (id != SMPPConstant.CID_SUBMIT_SM || !bind.isBound()) {
            return pdu;
        }
        if (!decodes(pdu)) {
            if (length > MAX_OTHER_PDU_LENGTH) {
                throw new UndecodablePduException("submit_sm seq " + sequence + " of " + length
                        + " bytes does not decode (bind=" + bind + ")");
            }
            return pdu;
        }
        int window = bind.credential().limits().window();
        if (!bind.submits().tryEnter(sequence, window, System.nanoTime())) {
            throw new QueueMaxException("SMPP window full (inflight=" + bind.submits().size() + ", window="
                    + window + ", bind=" + bind + ")");
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
