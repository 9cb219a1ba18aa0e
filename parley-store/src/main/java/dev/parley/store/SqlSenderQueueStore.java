package dev.parley.store;

import dev.parley.core.throughput.SenderQueueStore;
import java.time.Instant;
import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * The send schedules of rate-limited senders, one row per (account, sender). On PostgreSQL the read locks the row
 * ({@code FOR UPDATE}) so that nodes sharing the database reserve one after the other; SQLite has one writer.
 */
final class SqlSenderQueueStore implements SenderQueueStore {
    private static final String NEXT_SLOT = "SELECT next_slot FROM sender_rates WHERE account_sid = ? AND sender = ?";
    private static final String NEXT_SLOT_LOCKED = NEXT_SLOT + " FOR UPDATE";
    private static final String UPDATE = "UPDATE sender_rates SET next_slot = ? WHERE account_sid = ? AND sender = ?";
    // A first reservation by two nodes at once: the second insert finds the row and updates it instead.
    private static final String INSERT = "INSERT INTO sender_rates (account_sid, sender, next_slot) VALUES (?, ?, ?)"
            + " ON CONFLICT (account_sid, sender) DO UPDATE SET next_slot = excluded.next_slot";

    private final Jdbc jdbc;

    SqlSenderQueueStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> nextSlot(String accountSid, String sender) {
        boolean postgres = jdbc.dialect().family() == SQLDialect.POSTGRES;
        return jdbc.one(postgres ? NEXT_SLOT_LOCKED : NEXT_SLOT, s -> {
            s.setString(1, accountSid);
            s.setString(2, sender);
        }, r -> Micros.toInstant(Jdbc.getLong(r, 1)));
    }

    @Override
    public void setNextSlot(String accountSid, String sender, Instant slot) {
        long micros = Micros.of(slot);
        int updated = jdbc.update(UPDATE, s -> {
            s.setLong(1, micros);
            s.setString(2, accountSid);
            s.setString(3, sender);
        });
        if (updated == 0) {
            jdbc.update(INSERT, s -> {
                s.setString(1, accountSid);
                s.setString(2, sender);
                s.setLong(3, micros);
            });
        }
    }
}
