package dev.parley.core.message;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Twilio's message lifecycle, with its one transition function. */
public enum MessageStatus {
    ACCEPTED, SCHEDULED, QUEUED, SENDING, SENT, FAILED, DELIVERED, UNDELIVERED, RECEIVING, RECEIVED, READ,
    PARTIALLY_DELIVERED, CANCELED;

    private static final Set<MessageStatus> FINAL = EnumSet.of(FAILED, DELIVERED, UNDELIVERED, RECEIVED, READ, CANCELED);

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<MessageStatus> fromWire(String value) {
        for (MessageStatus s : values()) {
            if (s.wire().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** No further change is expected (a delivered WhatsApp message may still become {@code read}). */
    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** Still on its way out: such a message cannot be deleted yet. */
    public boolean inFlight() {
        return this == ACCEPTED || this == QUEUED || this == SENDING || this == RECEIVING;
    }

    public boolean canMoveTo(MessageStatus next) {
        return switch (this) {
            case ACCEPTED -> next == QUEUED || next == FAILED || next == SCHEDULED;
            case SCHEDULED -> next == QUEUED || next == CANCELED || next == FAILED;
            case QUEUED -> next == SENDING || next == FAILED || next == CANCELED;
            case SENDING -> next == SENT || next == FAILED || next == UNDELIVERED || next == DELIVERED;
            case SENT -> next == DELIVERED || next == UNDELIVERED || next == FAILED || next == READ;
            case DELIVERED -> next == READ;
            case RECEIVING -> next == RECEIVED;
            case FAILED, UNDELIVERED, RECEIVED, READ, PARTIALLY_DELIVERED, CANCELED -> false;
        };
    }
}
