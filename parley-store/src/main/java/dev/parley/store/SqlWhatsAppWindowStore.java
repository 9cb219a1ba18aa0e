package dev.parley.store;

import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.message.WhatsAppWindowStore;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** WhatsApp windows, one row per (account, sender, user): the latest inbound time, never moved back. */
final class SqlWhatsAppWindowStore implements WhatsAppWindowStore {

    private static final class Windows {
        static final Table<Record> TABLE = table(name("whatsapp_windows"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SENDER = field(name("sender"), String.class);
        static final Field<String> RECIPIENT = field(name("recipient"), String.class);
        static final Field<Long> LAST_INBOUND = field(name("last_inbound"), Long.class);
        /** The stored row's value, named with its table: in an upsert's condition the bare name is ambiguous. */
        static final Field<Long> STORED_LAST_INBOUND = field(name("whatsapp_windows", "last_inbound"), Long.class);
    }

    private static final String LAST_INBOUND = "SELECT last_inbound FROM whatsapp_windows"
            + " WHERE account_sid = ? AND sender = ? AND recipient = ?";

    private final Jdbc jdbc;

    SqlWhatsAppWindowStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recordInbound(String accountSid, String sender, String user, Instant at) {
        jdbc.dsl().insertInto(Windows.TABLE)
                .set(Windows.ACCOUNT_SID, accountSid)
                .set(Windows.SENDER, sender)
                .set(Windows.RECIPIENT, user)
                .set(Windows.LAST_INBOUND, Micros.of(at))
                .onConflict(Windows.ACCOUNT_SID, Windows.SENDER, Windows.RECIPIENT).doUpdate()
                .set(Windows.LAST_INBOUND, excluded(Windows.LAST_INBOUND))
                .where(Windows.STORED_LAST_INBOUND.lt(excluded(Windows.LAST_INBOUND)))
                .execute();
    }

    @Override
    public Optional<Instant> lastInbound(String accountSid, String sender, String user) {
        return jdbc.one(LAST_INBOUND, s -> {
            s.setString(1, accountSid);
            s.setString(2, sender);
            s.setString(3, user);
        }, row -> Micros.toInstant(row.getLong(1)));
    }
}
