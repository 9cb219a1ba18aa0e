package dev.parley.store;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.id.RandomIdGenerator;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.queue.Job;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Rows for the contracts. Times carry microseconds, the precision the stores keep. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-07-03T20:12:31.123456Z");
    private static final RandomIdGenerator IDS = new RandomIdGenerator();

    private Fixtures() {
    }

    static String sid(String prefix) {
        return IDS.sid(prefix);
    }

    static Account account(Instant created) {
        String sid = sid("AC");
        return new Account(sid, sid, "Main " + sid.substring(2, 8), AccountStatus.ACTIVE, IDS.secret(), created,
                created);
    }

    static Account subaccount(Account parent, Instant created) {
        return new Account(sid("AC"), parent.sid(), "Sub", AccountStatus.ACTIVE, IDS.secret(), created, created);
    }

    /** An accepted outbound message with the optional fields empty. */
    static Message message(String accountSid, String from, String to, Instant created) {
        return new Message(sid("SM"), accountSid, null, from, to, "Hello", List.of(), 1, Direction.OUTBOUND_API,
                MessageStatus.ACCEPTED, null, null, null, null, "sms", null, Message.StatusCallback.NONE, created,
                created, null);
    }

    /** A message sent on {@code channel}, which gave it {@code providerId}. */
    static Message sentOn(String accountSid, String channel, String providerId) {
        return new Message(sid("SM"), accountSid, null, "+14155550100", "+14155550199", "Hello", List.of(), 1,
                Direction.OUTBOUND_API, MessageStatus.SENT, null, null, null, null, channel, providerId,
                Message.StatusCallback.NONE, T0, T0, T0);
    }

    static Message message(String accountSid, Instant created) {
        return message(accountSid, "+14155550100", "+14155550199", created);
    }

    /** A message with every field set, to non-default values. */
    static Message fullMessage(String accountSid) {
        return new Message(sid("MM"), accountSid, sid("MG"), "+14155550100", "whatsapp:+447700900123",
                "Ünïcödé body ✓ with 'quotes'", List.of("https://example.com/a.png", "https://example.com/b.jpg?x=1&y=2"),
                3, Direction.OUTBOUND_REPLY, MessageStatus.UNDELIVERED, 30005, "Unknown destination handset",
                new BigDecimal("-0.00790"), "USD", "whatsapp", "provider-42",
                new Message.StatusCallback("https://example.com/status?a=1", "GET"), T0, T0.plusMillis(1500),
                T0.plusNanos(250_000_000_000L + 7_000));
    }

    static Job job(String accountSid, Instant runAt) {
        return Job.create(sid("JB"), accountSid, "message.send", "{\"sid\":\"" + sid("SM") + "\"}", runAt, 5, T0);
    }
}
