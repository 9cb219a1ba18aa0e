package dev.parley.core.account;

import java.util.Optional;

/** Twilio's account states. {@code closed} is final. */
public enum AccountStatus {
    ACTIVE, SUSPENDED, CLOSED;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<AccountStatus> fromWire(String value) {
        for (AccountStatus s : values()) {
            if (s.wire().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The one transition function: closed accounts never reopen. */
    public boolean canMoveTo(AccountStatus next) {
        return this != CLOSED || next == CLOSED;
    }
}
