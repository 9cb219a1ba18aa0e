package dev.parley.core.message.channel;

import dev.parley.core.message.Message;
import java.util.Optional;

/**
 * A way out to handsets: the simulator, an SMPP bind, an upstream provider. Called from a job worker on a
 * virtual thread; may block on the network. Delivery receipts arrive later through {@link ReceiptSink}.
 */
public interface Channel extends AutoCloseable {

    /** The name numbers are bound to ({@code simulator}, {@code smpp:carrier-a}, …). */
    String name();

    /** Hands the message to the channel. The result says whether a retry can help. */
    SendResult send(Message message);

    /**
     * True when the dispatcher may store {@code sending} together with the outcome, in one transaction after
     * {@link #send} returns, instead of a write of its own before the call: the channel answers at once without network
     * I/O (the simulator), or keeps its own durable record of what it handed on, so that a send repeated after a crash
     * never repeats what the other side acknowledged (SMPP's stored segments). Until then the message shows its waiting
     * status.
     */
    default boolean storesSendingWithOutcome() {
        return false;
    }

    /**
     * True when this channel can carry {@code whatsapp:} messages (a number's {@code WhatsAppChannel} must name such
     * a channel). The simulator serves WhatsApp handsets as it serves SMS ones; carrier channels do not.
     */
    default boolean carriesWhatsApp() {
        return false;
    }

    /**
     * True when this channel can deliver one recipient's copy of a group MMS ({@link Message#group()}) with the other
     * recipients visible to the handset. Only the simulator can; {@link Channels#send} refuses group copies elsewhere.
     */
    default boolean carriesGroupMms() {
        return false;
    }

    /** What the channel reports of its connections; empty for a channel without any (the simulator). */
    default Optional<ChannelState> state() {
        return Optional.empty();
    }

    /**
     * Stops the channel: no new sends are taken, those in flight finish (or end retryable), connections are closed
     * cleanly. Called when the channel is removed or replaced, and at shutdown.
     */
    default void close() {
    }
}
