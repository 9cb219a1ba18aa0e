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

    private static final String FOR_MESSAGE = "SELECT id, credential_sid, account_sid, message_sid, concat_key, receipt,"
            + " date_created FROM smpp_submits WHERE message_sid = ? ORDER BY date_created, id";

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

    /**
     * Read at every final status of every outbound message (is a bind owed a receipt?), so hand-written and prepared
     * once per connection: through jOOQ, rendering it and reading the columns' metadata cost more than the query.
     */
    @Override
    public List<SmppSubmit> forMessage(String messageSid) {
        return jdbc.all(FOR_MESSAGE, st -> st.setString(1, messageSid), r -> new SmppSubmit(r.getString(1),
                r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getInt(6),
                Micros.toInstant(r.getLong(7))));
    }

    @Override
    public int attach(String credentialSid, String concatKey, String messageSid) {
        return jdbc.dsl().update(TABLE).set(MESSAGE_SID, messageSid)
                .where(CREDENTIAL_SID.eq(credentialSid), CONCAT_KEY.eq(concatKey), MESSAGE_SID.isNull())
                .execute();
    }
}
