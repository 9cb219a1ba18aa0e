package dev.parley.channels.smpp;

/**
 * The life of one bind (a transceiver session, or a transmitter and a receiver session that live and die together).
 * {@link #on} is the one place that decides a move; an event that means nothing in a state (a session lost while
 * already disconnected, anything after {@link #CLOSED}) leaves the state as it is, because jSMPP reports session
 * changes from its own threads, in any order with Parley's.
 */
enum BindState {
    /** No session; the supervisor waits out its backoff before connecting again. */
    DISCONNECTED,
    /** Opening the TCP (or TLS) connection and sending the bind. */
    CONNECTING,
    /** Bound: submits may go out. */
    BOUND,
    /** Closing: no new submits, the window drains, then unbind. */
    UNBINDING,
    /** For good: the channel was closed. */
    CLOSED;

    /** What happens to a bind. */
    enum Event {
        /** The supervisor starts a connection attempt. */
        CONNECT,
        /** The SMSC answered the bind with ESME_ROK. */
        BOUND,
        /** The SMSC refused the bind, or the connection could not be opened. */
        REFUSED,
        /** The session closed (I/O error, enquire_link unanswered, unbind from the SMSC). */
        LOST,
        /** The channel is closing. */
        CLOSE,
        /** The unbind was answered, or given up. */
        UNBOUND
    }

    BindState on(Event event) {
        return switch (this) {
            case DISCONNECTED -> switch (event) {
                case CONNECT -> CONNECTING;
                case CLOSE -> CLOSED;
                case BOUND, REFUSED, LOST, UNBOUND -> this;
            };
            case CONNECTING -> switch (event) {
                case BOUND -> BOUND;
                case REFUSED, LOST -> DISCONNECTED;
                case CLOSE -> CLOSED;
                case CONNECT, UNBOUND -> this;
            };
            case BOUND -> switch (event) {
                case LOST -> DISCONNECTED;
                case CLOSE -> UNBINDING;
                case CONNECT, BOUND, REFUSED, UNBOUND -> this;
            };
            case UNBINDING -> switch (event) {
                case UNBOUND, LOST -> CLOSED;
                case CONNECT, BOUND, REFUSED, CLOSE -> this;
            };
            case CLOSED -> this;
        };
    }

    /** Whether a submit may be sent in this state. */
    boolean takesSubmits() {
        return this == BOUND;
    }
}
