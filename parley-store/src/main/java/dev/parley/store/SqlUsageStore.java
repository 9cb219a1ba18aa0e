package dev.parley.store;

import dev.parley.core.billing.UsageStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The usage ledger in {@code usage_ledger}; prices as whole hundred-thousandths so that sums are exact. */
final class SqlUsageStore implements UsageStore {
    private static final int SCALE = 5;
    // Portable upsert: SQLite (3.24+) and PostgreSQL both take ON CONFLICT … DO UPDATE with excluded.
    private static final String ADD = "INSERT INTO usage_ledger (account_sid, usage_day, category, price_unit,"
            + " event_count, usage_units, price_e5) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (account_sid, usage_day, category, price_unit) DO UPDATE"
            + " SET event_count = usage_ledger.event_count + excluded.event_count,"
            + " usage_units = usage_ledger.usage_units + excluded.usage_units,"
            + " price_e5 = usage_ledger.price_e5 + excluded.price_e5";
    // One account at a time: one cached statement whatever the number of subaccounts.
    private static final String READ = "SELECT usage_day, category, price_unit, event_count, usage_units, price_e5"
            + " FROM usage_ledger WHERE account_sid = ? AND usage_day >= ? AND usage_day <= ?"
            + " ORDER BY usage_day, category";

    private static final String ACTIVE = "INSERT INTO conversation_active_months (account_sid, conversation_sid,"
            + " active_month, date_created) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final Jdbc jdbc;

    SqlUsageStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Charge c) {
        long priceE5;
        try {
            priceE5 = c.price().movePointRight(SCALE).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("price " + c.price() + " has more than " + SCALE + " decimals", e);
        }
        jdbc.update(ADD, s -> {
            s.setString(1, c.accountSid());
            s.setLong(2, c.day().toEpochDay());
            s.setString(3, c.category());
            s.setString(4, c.priceUnit());
            s.setLong(5, c.count());
            s.setLong(6, c.usage());
            s.setLong(7, priceE5);
        });
    }

    @Override
    public List<Charge> read(Collection<String> accountSids, LocalDate from, LocalDate to) {
        List<Charge> out = new ArrayList<>();
        for (String account : accountSids) {
            out.addAll(jdbc.all(READ, s -> {
                s.setString(1, account);
                s.setLong(2, from.toEpochDay());
                s.setLong(3, to.toEpochDay());
            }, r -> new Charge(account, LocalDate.ofEpochDay(r.getLong(1)), r.getString(2), r.getString(3),
                    r.getLong(4), r.getLong(5), BigDecimal.valueOf(r.getLong(6), SCALE))));
        }
        return out;
    }

    @Override
    public boolean markConversationActive(String accountSid, String conversationSid, YearMonth month, Instant at) {
        // The row count tells a first insert from a conflict on both databases (no RETURNING needed).
        return jdbc.update(ACTIVE, s -> {
            s.setString(1, accountSid);
            s.setString(2, conversationSid);
            s.setString(3, month.toString());
            s.setLong(4, Micros.of(at));
        }) == 1;
    }
}
