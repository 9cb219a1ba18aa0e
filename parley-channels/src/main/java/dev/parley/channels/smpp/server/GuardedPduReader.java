package dev.parley.channels.smpp.server;

import dev.parley.channels.smpp.BoundedPduReader;
import java.io.DataInputStream;
import java.io.IOException;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.extra.QueueMaxException;
import org.jsmpp.util.DefaultDecomposer;

/**
 * {@link BoundedPduReader} for untrusted clients. A {@code command_length} past what its command may need is refused
 * before a buffer of that size is allocated (jSMPP answers {@code generic_nack} ESME_RINVCMDLEN and closes): under 16,
 * over {@link #MAX_UNBOUND_PDU_LENGTH} before the bind is up, over {@link #MAX_PDU_LENGTH} for a command that carries a
 * message, over {@link #MAX_OTHER_PDU_LENGTH} for any other. So what jSMPP queues for a session's busy threads stays
 * small: a connection that has not bound, or floods with commands that carry no message, queues at most that many bytes
 * a PDU. A {@code submit_sm} beyond the bind's window is answered {@code ESME_RTHROTTLED} by jSMPP (it treats
 * {@link QueueMaxException} as "tell the other side to throttle") and never processed.
 */
final class GuardedPduReader extends BoundedPduReader {
    /** The largest PDU accepted: a 1,600-character UCS-2 body in {@code message_payload} with its addresses fits. */
    static final int MAX_PDU_LENGTH = 8 * 1024;
    /** The largest PDU before the bind is up: a bind with every field at its longest is 98 bytes. */
    static final int MAX_UNBOUND_PDU_LENGTH = 256;
    /** The largest PDU of a bound client's command that carries no message: a response, a query, a cancel. */
    static final int MAX_OTHER_PDU_LENGTH = 1024;
    private final ClientBind bind;

    GuardedPduReader(ClientBind bind) {
        super(MAX_PDU_LENGTH, bind);
        this.bind = bind;
    }

    @Override
    public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
        Command header = super.readPDUHeader(in);
        int limit = !bind.isBound() ? MAX_UNBOUND_PDU_LENGTH
                : carriesMessage(header.getCommandId()) ? MAX_PDU_LENGTH : MAX_OTHER_PDU_LENGTH;
        if (header.getCommandLength() > limit) {
            throw new InvalidCommandLengthException("Command length " + header.getCommandLength() + " of command 0x"
                    + Integer.toHexString(header.getCommandId()) + " is over " + limit + " (bind=" + bind + ")");
        }
        return header;
    }

    private static boolean carriesMessage(int commandId) {
        return switch (commandId) {
            case SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_DATA_SM, SMPPConstant.CID_SUBMIT_MULTI,
                    SMPPConstant.CID_REPLACE_SM, SMPPConstant.CID_BROADCAST_SM -> true;
            default -> false;
        };
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
