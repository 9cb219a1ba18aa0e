package dev.parley.core.conversation.receipt;

import dev.parley.core.message.MessageStatus;
import java.util.Arrays;
import java.util.Optional;

/** A delivery receipt's status, as Twilio names it; a receipt has none until its message has been sent. */
public enum ReceiptStatus {
    SENT("sent"), DELIVERED("delivered"), READ("read"), FAILED("failed"), UNDELIVERED("undelivered");

    private final String wire;

    ReceiptStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ReceiptStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }

    /** What a message in {@code status} means for the receipt: empty while it is not sent yet. */
    public static Optional<ReceiptStatus> of(MessageStatus status) {
        return Optional.ofNullable(switch (status) {
            case SENT -> SENT;
            case DELIVERED -> DELIVERED;
            case READ -> READ;
            case UNDELIVERED -> UNDELIVERED;
            case FAILED, CANCELED -> FAILED;
            default -> null;
        });
    }
}
