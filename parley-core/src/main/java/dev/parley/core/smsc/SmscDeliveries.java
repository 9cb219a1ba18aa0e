package dev.parley.core.smsc;

import dev.parley.core.id.IdGenerator;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.MessageStatusListener;
import dev.parley.core.queue.Job;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What Parley's SMPP server owes its clients, queued as {@code smpp.deliver} jobs in the transaction that calls for
 * them: a receipt per accepted submit that asked for one, when its message reaches {@code delivered},
 * {@code undelivered} or {@code failed} (a {@link MessageStatusListener}: composed beside Conversations' receipts), and
 * a handset's message to a number whose {@code SmsUrl} is {@code smpp://<SystemId>} ({@link #mo}). A job is retried
 * while no bind of the credential can take it, for about a day, then kept as a dead letter.
 */
public final class SmscDeliveries implements MessageStatusListener {
    /** The scheme of an {@code SmsUrl} that routes a number's inbound messages to an SMPP credential's binds. */
    public static final String SCHEME = "smpp://";
    /** With retries capped at a minute apart ({@code SmppDeliverHandler}), about a day without a bind. */
    public static final int MAX_ATTEMPTS = 1500;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    private final IdGenerator ids;
    private final Clock clock;

    public SmscDeliveries(IdGenerator ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    /** The system id an {@code SmsUrl} of the form {@code smpp://<SystemId>} names, if it has that form. */
    public static Optional<String> systemIdOf(String smsUrl) {
        if (smsUrl == null || !smsUrl.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String id = smsUrl.substring(SCHEME.length());
        return id.isEmpty() || id.length() > SmppCredentialService.MAX_SYSTEM_ID || !id.matches("[\\x21-\\x7e]+")
                || id.contains("/") ? Optional.empty() : Optional.of(id);
    }

    @Override
    public void statusChanged(Tx tx, Message message) {
        MessageStatus status = message.status();
        if (status != MessageStatus.DELIVERED && status != MessageStatus.UNDELIVERED
                && status != MessageStatus.FAILED || !message.direction().outbound()) {
            return;
        }
        List<SmppSubmit> submits = tx.smppSubmits().forMessage(message.sid());
        boolean success = status == MessageStatus.DELIVERED;
        Instant now = clock.instant();
        for (SmppSubmit submit : submits) {
            if (!submit.wantsReceipt(success)) {
                continue;
            }
            SmppDelivery.Receipt receipt = new SmppDelivery.Receipt(submit.id(), stat(message), state(message),
                    err(message), DATE.format(message.dateCreated()), DATE.format(now));
            enqueue(tx, message.accountSid(), new SmppDelivery(SmppDelivery.Kind.RECEIPT, submit.credentialSid(),
                    message.sid(), message.to(), message.from(), message.body(), receipt), now);
        }
    }

    /**
     * Queues the received {@code message} for the binds of the account's credential named {@code systemId}. False when
     * the account has no such credential (the message then stays stored, unposted, as with no webhook at all).
     */
    public boolean mo(Tx tx, Message message, String systemId) {
        Optional<SmppCredential> credential = tx.smppCredentials().findBySystemId(systemId)
                .filter(c -> c.accountSid().equals(message.accountSid()));
        credential.ifPresent(c -> enqueue(tx, message.accountSid(), new SmppDelivery(SmppDelivery.Kind.MO, c.sid(),
                message.sid(), message.from(), message.to(), message.body(), null), clock.instant()));
        return credential.isPresent();
    }

    private void enqueue(Tx tx, String accountSid, SmppDelivery delivery, Instant now) {
        tx.jobs().enqueue(Job.create(ids.sid("JB"), accountSid, SmppDelivery.JOB_KIND, delivery.toJson(), now,
                MAX_ATTEMPTS, now));
    }

    /** SMPP 3.4 appendix B's stat word. A message that failed for want of time is EXPIRED, else REJECTD. */
    private static String stat(Message m) {
        return switch (m.status()) {
            case DELIVERED -> "DELIVRD";
            case UNDELIVERED -> "UNDELIV";
            default -> expired(m) ? "EXPIRED" : "REJECTD";
        };
    }

    /** The message_state TLV's value for the same outcome (SMPP 3.4 section 5.2.28). */
    private static int state(Message m) {
        return switch (m.status()) {
            case DELIVERED -> 2;
            case UNDELIVERED -> 5;
            default -> expired(m) ? 3 : 8;
        };
    }

    private static boolean expired(Message m) {
        return m.errorCode() != null && m.errorCode() == 30036;
    }

    /** The receipt's three-digit err: 000 on delivery, else the Twilio code's last three digits (30003 → 003). */
    private static int err(Message m) {
        return m.status() == MessageStatus.DELIVERED || m.errorCode() == null ? 0 : m.errorCode() % 1000;
    }
}
