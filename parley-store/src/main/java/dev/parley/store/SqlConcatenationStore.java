package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.inbound.ConcatKey;
import dev.parley.core.inbound.ConcatPart;
import dev.parley.core.inbound.ConcatenationStore;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Parts of concatenated SMS, one row per (message key, part number); see V24. */
final class SqlConcatenationStore implements ConcatenationStore {

    private static final class Parts {
        static final Table<Record> TABLE = table(name("concat_parts"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> CHANNEL = field(name("channel"), String.class);
        static final Field<String> FROM = field(name("from_address"), String.class);
        static final Field<String> TO = field(name("to_address"), String.class);
        static final Field<Integer> REF = field(name("ref"), Integer.class);
        static final Field<Integer> TOTAL = field(name("total"), Integer.class);
        static final Field<Integer> SEQ = field(name("seq"), Integer.class);
        static final Field<String> PURPOSE = field(name("purpose"), String.class);
        static final Field<String> BODY = field(name("body"), String.class);
        static final Field<String> CONTEXT = field(name("context"), String.class);
        static final Field<Long> RECEIVED_AT = field(name("received_at"), Long.class);
    }

    private final Jdbc jdbc;

    SqlConcatenationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ConcatPart part) {
        ConcatKey key = part.key();
        // The row count tells a conflict apart (see stack notes: no RETURNING after ON CONFLICT on SQLite).
        return jdbc.dsl().insertInto(Parts.TABLE)
                .set(Parts.ACCOUNT_SID, key.accountSid())
                .set(Parts.CHANNEL, key.channel())
                .set(Parts.FROM, key.from())
                .set(Parts.TO, key.to())
                .set(Parts.REF, key.ref())
                .set(Parts.TOTAL, key.total())
                .set(Parts.SEQ, part.seq())
                .set(Parts.PURPOSE, part.purpose())
                .set(Parts.BODY, part.text())
                .set(Parts.CONTEXT, part.context())
                .set(Parts.RECEIVED_AT, Micros.of(part.receivedAt()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public List<ConcatPart> parts(ConcatKey key) {
        return jdbc.dsl().select(Parts.SEQ, Parts.PURPOSE, Parts.BODY, Parts.CONTEXT, Parts.RECEIVED_AT)
                .from(Parts.TABLE).where(of(key)).orderBy(Parts.SEQ)
                .fetch(r -> new ConcatPart(key, r.get(Parts.SEQ), r.get(Parts.PURPOSE), r.get(Parts.BODY),
                        r.get(Parts.CONTEXT), Micros.toInstant(r.get(Parts.RECEIVED_AT))));
    }

    @Override
    public void delete(ConcatKey key) {
        jdbc.dsl().deleteFrom(Parts.TABLE).where(of(key)).execute();
    }

    private static Condition of(ConcatKey key) {
        return Parts.ACCOUNT_SID.eq(key.accountSid()).and(Parts.CHANNEL.eq(key.channel())).and(Parts.FROM.eq(key.from()))
                .and(Parts.TO.eq(key.to())).and(Parts.REF.eq(key.ref())).and(Parts.TOTAL.eq(key.total()));
    }
}
