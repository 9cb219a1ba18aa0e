package dev.parley.core.conversation;

import dev.parley.core.error.ApiException;
import java.util.Locale;

/** A conversation's state: active, inactive (its inactive timer fired), closed (final). */
public enum ConversationState {
    ACTIVE, INACTIVE, CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a conversation in this state may move to {@code next}: anything but out of closed. */
    public boolean canMoveTo(ConversationState next) {
        return switch (this) {
            case ACTIVE, INACTIVE -> true;
            case CLOSED -> next == CLOSED;
        };
    }

    /** A state parameter as Twilio spells it; refused with 20001 otherwise. */
    public static ConversationState parse(String value) {
        for (ConversationState s : values()) {
            if (s.wire().equalsIgnoreCase(value.strip())) {
                return s;
            }
        }
        throw ApiException.badRequest(20001, "State must be active, inactive or closed, not " + value);
    }
}
