package dev.parley.channels.smpp;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.util.DefaultDecomposer;

/**
 * jSMPP's PDU reader with two guards for an untrusted peer. jSMPP's reader loop offers a reader two ways to refuse, and
 * both end the session (the bind then comes back as after any lost bind, and the peer sends again what it had in
 * flight):
 * <ul>
 * <li>A {@code command_length} under 16, or over what its command may need, is refused before a buffer of that size
 * exists (jSMPP's own reader allocates whatever length the peer claims): {@link InvalidCommandLengthException}, which
 * jSMPP answers with {@code generic_nack} ESME_RINVCMDLEN before it closes. A command that carries a message may take
 * {@code maxLength}; any other (a response, an {@code enquire_link}, a query) {@link #MAX_OTHER_PDU_LENGTH}. So the
 * PDUs that jSMPP queues for a session's busy threads stay small unless they carry a message.</li>
 * <li>A {@code deliver_sm} or {@code data_sm} that jSMPP's decomposer would fail on with a runtime exception
 * (a truncated TLV, a TLV length past 32,767 that it reads as a signed short) ends the connection
 * ({@link UndecodablePduException}, an {@link IOException}) instead of being handed to jSMPP's processing pool, where
 * the exception would end the task and leave the request unanswered on a bind that looks healthy. Content errors the
 * decomposer reports itself (a bad C-string) are left to jSMPP, which answers them with their status.</li>
 * </ul>
 * A {@code deliver_sm_resp} that is a bare header (SMPP lets a peer leave out its unused message_id) is given the empty
 * message_id: jSMPP's decoder reads one, and without it the answer was lost and the {@code deliver_sm} timed out and
 * went again.
 * It also tells {@code responded} the sequence number of each {@code submit_sm_resp} and {@code generic_nack} it reads,
 * in the order they came on the wire and before jSMPP hands them to its processing pool, where they may wait behind
 * other PDUs.
 */
public class BoundedPduReader implements PDUReader {
    /**
     * The longest PDU of a command that carries no message: a response with every optional field SMPP gives it fits
     * in half of this.
     */
    protected static final int MAX_OTHER_PDU_LENGTH = 1024;
    private final DefaultPDUReader reader = new DefaultPDUReader();
    private final int maxLength;
    private final Object peer;
    private final IntConsumer responded;

    /** {@code peer} names the bind in the refusal's message (logged by jSMPP), as it prints at the time. */
    public BoundedPduReader(int maxLength, Object peer) {
        this(maxLength, peer, sequence -> { });
    }

    /**
     * {@code peer} names the bind in the refusal's message (logged by jSMPP), as it prints at the time; {@code responded}
     * takes the sequence numbers of the responses to submits, as they are read.
     */
    public BoundedPduReader(int maxLength, Object peer, IntConsumer responded) {
        this.maxLength = maxLength;
        this.peer = peer;
        this.responded = responded;
    }

    @Override
    public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
        int length = in.readInt();
        int id = in.readInt();
        int limit = maxLength(id);
        if (length < 16 || length > limit) {
            throw new InvalidCommandLengthException("Command length " + length + " of command 0x"
                    + Integer.toHexString(id) + " is outside 16.." + limit + " (bind=" + peer + ")");
        }
        Command header = new Command();
        header.setCommandLength(length);
        header.setCommandId(id);
        header.setCommandStatus(in.readInt());
        header.setSequenceNumber(in.readInt());
        return header;
    }

    /** The longest PDU accepted for {@code commandId}: never more than the reader's {@code maxLength}. */
    protected int maxLength(int commandId) {
        return carriesMessage(commandId) ? maxLength : Math.min(maxLength, MAX_OTHER_PDU_LENGTH);
    }

    private static boolean carriesMessage(int commandId) {
        return switch (commandId) {
            case SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_DELIVER_SM, SMPPConstant.CID_DATA_SM,
                    SMPPConstant.CID_SUBMIT_MULTI, SMPPConstant.CID_REPLACE_SM, SMPPConstant.CID_BROADCAST_SM -> true;
            default -> false;
        };
    }

    @Override
    public byte[] readPDU(DataInputStream in, Command header) throws IOException {
        return readPDU(in, header.getCommandLength(), header.getCommandId(), header.getCommandStatus(),
                header.getSequenceNumber());
    }

    @Override
    public byte[] readPDU(DataInputStream in, int length, int id, int status, int sequence) throws IOException {
        byte[] pdu = reader.readPDU(in, length, id, status, sequence);
        if (id == SMPPConstant.CID_SUBMIT_SM_RESP || id == SMPPConstant.CID_GENERIC_NACK) {
            responded.accept(sequence);
        }
        if (id == SMPPConstant.CID_DELIVER_SM_RESP && length == 16) {
            return withEmptyMessageId(pdu);
        }
        if (id == SMPPConstant.CID_DELIVER_SM || id == SMPPConstant.CID_DATA_SM) {
            try {
                if (id == SMPPConstant.CID_DELIVER_SM) {
                    DefaultDecomposer.getInstance().deliverSm(pdu);
                } else {
                    DefaultDecomposer.getInstance().dataSm(pdu);
                }
            } catch (PDUStringException e) {
                // jSMPP answers this one itself, with the status the exception carries.
            } catch (RuntimeException e) {
                throw new UndecodablePduException("PDU 0x" + Integer.toHexString(id) + " seq " + sequence
                        + " does not decode (" + e + ", bind=" + peer + ")");
            }
        }
        return pdu;
    }

    /** {@code pdu}, a bare header, with the empty message_id jSMPP's decoder reads after it. */
    private static byte[] withEmptyMessageId(byte[] pdu) {
        byte[] whole = Arrays.copyOf(pdu, pdu.length + 1);
        ByteBuffer.wrap(whole).putInt(0, whole.length);
        return whole;
    }

    /** A PDU that jSMPP cannot decode: the connection it came on cannot be trusted further. */
    public static final class UndecodablePduException extends IOException {
        public UndecodablePduException(String message) {
            super(message);
        }
    }
}
