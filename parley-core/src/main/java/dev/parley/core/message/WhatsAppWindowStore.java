package dev.parley.core.message;

import java.time.Instant;
import java.util.Optional;

/**
 * WhatsApp's customer-service windows: when each user last wrote to each of an account's WhatsApp senders. The
 * window is open for 24 hours from that time ({@link WhatsAppWindow}). Keyed by (account, sender, user), the two
 * numbers in E.164 without the {@code whatsapp:} prefix.
 */
public interface WhatsAppWindowStore {

    /**
     * Records that {@code user} wrote to {@code sender} at {@code at}. A time earlier than the one stored (a late
     * or repeated message) leaves the stored time as it is: the window only moves forward.
     */
    void recordInbound(String accountSid, String sender, String user, Instant at);

    /** When {@code user} last wrote to {@code sender}; empty when never. */
    Optional<Instant> lastInbound(String accountSid, String sender, String user);
}
