package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.smsc.SmppSubmit;
import dev.parley.core.smsc.SmppSubmitStore;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Which messages came over which SMPP credential, one row per accepted submit_sm. */
final class SqlSmppSubmitStore implements SmppSubmitStore {
    private static final Table<Record> TABLE = table(name("smpp_submits"));
    private static final Field<String> ID = field(name("id"), String.class);
    private static final Field<String> CREDENTIAL_SID = field(name("credential_sid"), String.class);
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> MESSAGE_SID = field(name("message_sid"), String.class);
    private static final Field<String> CONCAT_KEY = field(name("concat_key"), String.class);
    private static final Field<Integer> RECEIPT = field(name("receipt"), Integer.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);

    private final Jdbc jdbc;

    SqlSmppSubmitStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(SmppSubmit s) {
        jdbc.dsl().insertInto(TABLE)
                .set(ID, s.id())
                .set(CREDENTIAL_SID, s.credentialSid())
                .set(ACCOUNT_SID, s.accountSid())
                .set(MESSAGE_SID, s.messageSid())
                .set(CONCAT_KEY, s.concatKey())
                .set(RECEIPT, s.receipt())
                .set(DATE_CREATED, Micros.of(s.dateCreated()))
                .execute();
    }

    @Override
    public List<SmppSubmit> forMessage(String messageSid) {
        return jdbc.dsl().select().from(TABLE).where(MESSAGE_SID.eq(messageSid)).orderBy(DATE_CREATED, ID)
                .fetch(SqlSmppSubmitStore::submit);
    }

    @Override
    public int attach(String credentialSid, String concatKey, String messageSid) {
        return jdbc.dsl().update(TABLE).set(MESSAGE_SID, messageSid)
                .where(CREDENTIAL_SID.eq(credentialSid), CONCAT_KEY.eq(concatKey), MESSAGE_SID.isNull())
                .execute();
    }

    private static SmppSubmit submit(Record r) {
        return new SmppSubmit(r.get(ID), r.get(CREDENTIAL_SID), r.get(ACCOUNT_SID), r.get(MESSAGE_SID),
                r.get(CONCAT_KEY), r.get(RECEIPT), Micros.toInstant(r.get(DATE_CREATED)));
    }
}
