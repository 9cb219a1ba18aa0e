package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.message.OptOutStore;
import java.time.Instant;
import org.jooq.DSLContext;
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

    private final DSLContext dsl;

    SqlOptOutStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean isOptedOut(String accountSid, String sender, String recipient) {
        return dsl.fetchExists(dsl.selectOne().from(OptOuts.TABLE).where(OptOuts.ACCOUNT_SID.eq(accountSid),
                OptOuts.SENDER.eq(sender), OptOuts.RECIPIENT.eq(recipient)));
    }

    @Override
    public void optOut(String accountSid, String sender, String recipient, Instant at) {
        dsl.insertInto(OptOuts.TABLE)
                .set(OptOuts.ACCOUNT_SID, accountSid)
                .set(OptOuts.SENDER, sender)
                .set(OptOuts.RECIPIENT, recipient)
                .set(OptOuts.DATE_CREATED, Micros.of(at))
                .onConflict(OptOuts.ACCOUNT_SID, OptOuts.SENDER, OptOuts.RECIPIENT).doNothing()
                .execute();
    }

    @Override
    public void optIn(String accountSid, String sender, String recipient) {
        dsl.deleteFrom(OptOuts.TABLE)
                .where(OptOuts.ACCOUNT_SID.eq(accountSid), OptOuts.SENDER.eq(sender), OptOuts.RECIPIENT.eq(recipient))
                .execute();
    }
}
