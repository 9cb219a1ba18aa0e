package dev.parley.channels.smpp;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A delivery receipt as an SMSC reports it in a {@code deliver_sm}, read by {@link DeliveryReceipts}. Any field but
 * {@code messageId} may be missing (null): SMSCs leave out what they like.
 *
 * @param messageId  the SMSC's id of the receipted message, as written ({@code receipted_message_id} when present,
 *                   else the text's {@code id:}); matching it to a {@code submit_sm_resp} id as a string, decimal or
 *                   hex number is the connection's {@code receiptIds} setting
 * @param state      the final (or intermediate) state, from the {@code message_state} TLV or the text's {@code stat:}
 * @param stat       the text's {@code stat:} as written (upper-cased), e.g. {@code DELIVRD}
 * @param error      the text's {@code err:} as written, else the {@code network_error_code} TLV's error (decimal)
 * @param submitted  {@code sub:}
 * @param delivered  {@code dlvrd:}
 * @param submitDate {@code submit date:} (YYMMDDhhmm or YYMMDDhhmmss, the SMSC's local time)
 * @param doneDate   {@code done date:}
 * @param text       {@code text:}, the start of the original message
 */
public record SmscReceipt(String messageId, State state, String stat, String error, Integer submitted,
        Integer delivered, LocalDateTime submitDate, LocalDateTime doneDate, String text) {

    public SmscReceipt {
        Objects.requireNonNull(messageId, "messageId");
    }

    /** SMPP 3.4's message states (5.2.28), the {@code message_state} TLV's values. */
    public enum State {
        SCHEDULED(0), ENROUTE(1), DELIVERED(2), EXPIRED(3), DELETED(4), UNDELIVERABLE(5), ACCEPTED(6), UNKNOWN(7),
        REJECTED(8), SKIPPED(9);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** Whether the SMSC is done with the message (every state but SCHEDULED and ENROUTE). */
        public boolean isFinal() {
            return this != SCHEDULED && this != ENROUTE;
        }

        /** The state of a {@code message_state} value; null for a value SMPP does not define. */
        public static State ofCode(int code) {
            for (State s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            return null;
        }
    }
}
