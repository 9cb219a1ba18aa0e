package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.simulator.HandsetBehavior;
import dev.parley.core.simulator.HandsetStore;
import java.time.Duration;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Simulated handset behaviour per (account, number); latency kept in milliseconds. */
final class SqlHandsetStore implements HandsetStore {

    private static final class Handsets {
        static final Table<Record> TABLE = table(name("handsets"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> NUMBER = field(name("phone_number"), String.class);
        static final Field<String> MODE = field(name("mode"), String.class);
        static final Field<Integer> ERROR_CODE = field(name("error_code"), Integer.class);
        static final Field<Long> LATENCY_MILLIS = field(name("latency_millis"), Long.class);
    }

    private static final String FIND = "SELECT mode, error_code, latency_millis FROM handsets"
            + " WHERE account_sid = ? AND phone_number = ?";

    private final Jdbc jdbc;

    SqlHandsetStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<HandsetBehavior> find(String accountSid, String number) {
        return jdbc.one(FIND, s -> {
            s.setString(1, accountSid);
            s.setString(2, number);
        }, r -> {
            Long latency = Jdbc.getLong(r, 3);
            return new HandsetBehavior(HandsetBehavior.Mode.valueOf(r.getString(1)), Jdbc.getInt(r, 2),
                    latency == null ? null : Duration.ofMillis(latency));
        });
    }

    @Override
    public void put(String accountSid, String number, HandsetBehavior behavior) {
        String mode = behavior.mode().name();
        Long latency = behavior.latency() == null ? null : behavior.latency().toMillis();
        jdbc.dsl().insertInto(Handsets.TABLE)
                .set(Handsets.ACCOUNT_SID, accountSid)
                .set(Handsets.NUMBER, number)
                .set(Handsets.MODE, mode)
                .set(Handsets.ERROR_CODE, behavior.errorCode())
                .set(Handsets.LATENCY_MILLIS, latency)
                .onConflict(Handsets.ACCOUNT_SID, Handsets.NUMBER).doUpdate()
                .set(Handsets.MODE, mode)
                .set(Handsets.ERROR_CODE, behavior.errorCode())
                .set(Handsets.LATENCY_MILLIS, latency)
                .execute();
    }
}
