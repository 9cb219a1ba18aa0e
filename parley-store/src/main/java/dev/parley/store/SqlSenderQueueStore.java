package dev.parley.store;

import dev.parley.core.throughput.SenderQueueStore;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
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

    // Rate-limited senders (they have a schedule row) with pending send jobs overdue, and how overdue. A send job's
    // payload starts with its message's SID (34 characters), followed by its validity deadline.
    private static final String OVERDUE = "SELECT m.account_sid, m.from_address, MIN(j.run_at) FROM jobs j"
            + " JOIN messages m ON m.account_sid = j.account_sid AND m.sid = SUBSTR(j.payload, 1, 34)"
            + " JOIN sender_rates r ON r.account_sid = m.account_sid AND r.sender = m.from_address"
            + " WHERE j.state = 'PENDING' AND j.kind IN (%s) AND j.run_at < ?"
            + " GROUP BY m.account_sid, m.from_address";
    private static final String SHIFT_JOBS = "UPDATE jobs SET run_at = run_at + ?, fair_at = run_at + ?"
            + " WHERE state = 'PENDING' AND kind IN (%s) AND account_sid = ?"
            + " AND SUBSTR(payload, 1, 34) IN (SELECT sid FROM messages WHERE account_sid = ? AND from_address = ?)";
    private static final String SHIFT_SLOT = "UPDATE sender_rates SET next_slot = next_slot + ?"
            + " WHERE account_sid = ? AND sender = ?";

    private record Overdue(String accountSid, String sender, long earliest) {
    }

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

    @Override
    public int resumeOverdue(List<String> sendKinds, Instant overdueBefore, Instant now) {
        long nowMicros = Micros.of(now);
        String kinds = String.join(", ", Collections.nCopies(sendKinds.size(), "?"));
        List<Overdue> overdue = jdbc.all(OVERDUE.formatted(kinds), s -> {
            int i = 1;
            for (String kind : sendKinds) {
                s.setString(i++, kind);
            }
            s.setLong(i, Micros.of(overdueBefore));
        }, r -> new Overdue(r.getString(1), r.getString(2), r.getLong(3)));
        String shiftJobs = SHIFT_JOBS.formatted(kinds);
        for (Overdue o : overdue) {
            long shift = nowMicros - o.earliest();
            jdbc.update(shiftJobs, s -> {
                s.setLong(1, shift);
                s.setLong(2, shift);
                int i = 3;
                for (String kind : sendKinds) {
                    s.setString(i++, kind);
                }
                s.setString(i++, o.accountSid());
                s.setString(i++, o.accountSid());
                s.setString(i, o.sender());
            });
            jdbc.update(SHIFT_SLOT, s -> {
                s.setLong(1, shift);
                s.setString(2, o.accountSid());
                s.setString(3, o.sender());
            });
        }
        return overdue.size();
    }
}
