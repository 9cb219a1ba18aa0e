package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.message.Message;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.smsc.Cidr;
import dev.parley.core.smsc.SmppCredential;
import dev.parley.core.smsc.SmppCredentialStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** SMPP credentials. A system id is unique across the installation (a unique index, not a lookup). */
final class SqlSmppCredentialStore implements SmppCredentialStore {
    private static final Table<Record> TABLE = table(name("smpp_credentials"));
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> SID = field(name("sid"), String.class);
    private static final Field<String> SYSTEM_ID = field(name("system_id"), String.class);
    private static final Field<String> PASSWORD_HASH = field(name("password_hash"), String.class);
    private static final Field<String> ALLOWED_NETWORKS = field(name("allowed_networks"), String.class);
    private static final Field<Integer> WINDOW = field(name("bind_window"), Integer.class);
    private static final Field<Integer> MAX_SUBMITS = field(name("max_submits_per_second"), Integer.class);
    private static final Field<String> STATUS_CALLBACK = field(name("status_callback"), String.class);
    private static final Field<String> STATUS_CALLBACK_METHOD = field(name("status_callback_method"), String.class);
    private static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    private static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlSmppCredentialStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(SmppCredential c) {
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, c.accountSid())
                .set(SID, c.sid())
                .set(DATE_CREATED, Micros.of(c.dateCreated()))
                .set(mutableColumns(c))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public void update(SmppCredential c) {
        jdbc.dsl().update(TABLE).set(mutableColumns(c)).where(ACCOUNT_SID.eq(c.accountSid()), SID.eq(c.sid()))
                .execute();
    }

    private static Map<Field<?>, Object> mutableColumns(SmppCredential c) {
        Map<Field<?>, Object> m = new LinkedHashMap<>();
        m.put(SYSTEM_ID, c.systemId());
        m.put(PASSWORD_HASH, c.passwordHash());
        m.put(ALLOWED_NETWORKS, JsonLists.write(c.allowedNetworks().stream().map(Cidr::toString).toList()));
        m.put(WINDOW, c.limits().window());
        m.put(MAX_SUBMITS, c.limits().maxSubmitsPerSecond());
        m.put(STATUS_CALLBACK, c.statusCallback().url());
        m.put(STATUS_CALLBACK_METHOD, c.statusCallback().method());
        m.put(FRIENDLY_NAME, c.friendlyName());
        m.put(DATE_UPDATED, Micros.of(c.dateUpdated()));
        return m;
    }

    @Override
    public Optional<SmppCredential> find(String accountSid, String sid) {
        return jdbc.dsl().select().from(TABLE).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid))
                .fetchOptional(SqlSmppCredentialStore::credential);
    }

    @Override
    public Optional<SmppCredential> findBySystemId(String systemId) {
        return jdbc.dsl().select().from(TABLE).where(SYSTEM_ID.eq(systemId))
                .fetchOptional(SqlSmppCredentialStore::credential);
    }

    @Override
    public Page<SmppCredential> list(String accountSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), TABLE, ACCOUNT_SID.eq(accountSid), DATE_CREATED, SID, page,
                SqlSmppCredentialStore::credential);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return jdbc.dsl().deleteFrom(TABLE).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid)).execute() > 0;
    }

    private static SmppCredential credential(Record r) {
        return new SmppCredential(r.get(SID), r.get(ACCOUNT_SID), r.get(SYSTEM_ID), r.get(PASSWORD_HASH),
                JsonLists.read(r.get(ALLOWED_NETWORKS)).stream().map(n -> Cidr.parse(n).orElseThrow()).toList(),
                new SmppCredential.Limits(r.get(WINDOW), r.get(MAX_SUBMITS)),
                new Message.StatusCallback(r.get(STATUS_CALLBACK), r.get(STATUS_CALLBACK_METHOD)),
                r.get(FRIENDLY_NAME), Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
