package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.ShortCode;
import dev.parley.core.number.ShortCodeStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Provisioned short codes. A code is unique per country across the installation (a unique index, not a lookup). */
final class SqlShortCodeStore implements ShortCodeStore {
    private static final Table<Record> TABLE = table(name("short_codes"));
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> SID = field(name("sid"), String.class);
    private static final Field<String> SHORT_CODE = field(name("short_code"), String.class);
    private static final Field<String> ISO_COUNTRY_CODE = field(name("iso_country_code"), String.class);
    private static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
    private static final Field<String> SMS_URL = field(name("sms_url"), String.class);
    private static final Field<String> SMS_METHOD = field(name("sms_method"), String.class);
    private static final Field<String> SMS_FALLBACK_URL = field(name("sms_fallback_url"), String.class);
    private static final Field<String> SMS_FALLBACK_METHOD = field(name("sms_fallback_method"), String.class);
    private static final Field<String> CHANNEL = field(name("channel"), String.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    private static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlShortCodeStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ShortCode s) {
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, s.accountSid())
                .set(SID, s.sid())
                .set(SHORT_CODE, s.shortCode())
                .set(ISO_COUNTRY_CODE, s.isoCountryCode())
                .set(CHANNEL, s.channel())
                .set(DATE_CREATED, Micros.of(s.dateCreated()))
                .set(mutableColumns(s))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public void update(ShortCode s) {
        jdbc.dsl().update(TABLE).set(mutableColumns(s))
                .where(ACCOUNT_SID.eq(s.accountSid()), SID.eq(s.sid()))
                .execute();
    }

    private static Map<Field<?>, Object> mutableColumns(ShortCode s) {
        IncomingPhoneNumber.Webhooks w = s.webhooks();
        Map<Field<?>, Object> c = new LinkedHashMap<>();
        c.put(FRIENDLY_NAME, s.friendlyName());
        c.put(SMS_URL, w.smsUrl());
        c.put(SMS_METHOD, w.smsMethod());
        c.put(SMS_FALLBACK_URL, w.smsFallbackUrl());
        c.put(SMS_FALLBACK_METHOD, w.smsFallbackMethod());
        c.put(DATE_UPDATED, Micros.of(s.dateUpdated()));
        return c;
    }

    @Override
    public Optional<ShortCode> find(String accountSid, String sid) {
        return jdbc.dsl().select().from(TABLE).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid))
                .fetchOptional(SqlShortCodeStore::shortCode);
    }

    @Override
    public Optional<ShortCode> findByCode(String isoCountryCode, String shortCode) {
        return jdbc.dsl().select().from(TABLE).where(ISO_COUNTRY_CODE.eq(isoCountryCode), SHORT_CODE.eq(shortCode))
                .fetchOptional(SqlShortCodeStore::shortCode);
    }

    @Override
    public Page<ShortCode> list(String accountSid, String shortCode, String friendlyName, PageRequest page) {
        Condition where = ACCOUNT_SID.eq(accountSid);
        if (shortCode != null) {
            where = where.and(SHORT_CODE.eq(shortCode));
        }
        if (friendlyName != null) {
            where = where.and(FRIENDLY_NAME.eq(friendlyName));
        }
        return Paging.newestFirst(jdbc.dsl(), TABLE, where, DATE_CREATED, SID, page, SqlShortCodeStore::shortCode);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return jdbc.dsl().deleteFrom(TABLE).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid)).execute() > 0;
    }

    private static ShortCode shortCode(Record r) {
        return new ShortCode(r.get(SID), r.get(ACCOUNT_SID), r.get(SHORT_CODE), r.get(ISO_COUNTRY_CODE),
                r.get(FRIENDLY_NAME), new IncomingPhoneNumber.Webhooks(r.get(SMS_URL), r.get(SMS_METHOD),
                        r.get(SMS_FALLBACK_URL), r.get(SMS_FALLBACK_METHOD), null, "POST"),
                r.get(CHANNEL), Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
