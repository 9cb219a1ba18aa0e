package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.message.OptOutStore;
import java.time.Instant;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Opt-outs, one row per (account, sender, recipient); opting out twice keeps the first date. */
final class SqlOptOutStore implements OptOutStore {

    private static final class OptOuts {
        static final Table<Record> TABLE = table(name("opt_outs"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SENDER = field(name("sender"), String.class);
        static final Field<String> RECIPIENT = field(name("recipient"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    }

    private static final String IS_OPTED_OUT = "SELECT 1 FROM opt_outs"
            + " WHERE account_sid = ? AND sender = ? AND recipient = ?";

    private final Jdbc jdbc;

    SqlOptOutStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isOptedOut(String accountSid, String sender, String recipient) {
        return jdbc.exists(IS_OPTED_OUT, s -> {
            s.setString(1, accountSid);
            s.setString(2, sender);
            s.setString(3, recipient);
        });
    }

    @Override
    public void optOut(String accountSid, String sender, String recipient, Instant at) {
        jdbc.dsl().insertInto(OptOuts.TABLE)
                .set(OptOuts.ACCOUNT_SID, accountSid)
                .set(OptOuts.SENDER, sender)
                .set(OptOuts.RECIPIENT, recipient)
                .set(OptOuts.DATE_CREATED, Micros.of(at))
                .onConflict(OptOuts.ACCOUNT_SID, OptOuts.SENDER, OptOuts.RECIPIENT).doNothing()
                .execute();
    }

    @Override
    public void optIn(String accountSid, String sender, String recipient) {
        jdbc.dsl().deleteFrom(OptOuts.TABLE)
                .where(OptOuts.ACCOUNT_SID.eq(accountSid), OptOuts.SENDER.eq(sender), OptOuts.RECIPIENT.eq(recipient))
                .execute();
    }
}
