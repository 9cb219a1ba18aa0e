package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.number.IncomingPhoneNumber;
import dev.parley.core.number.NumberStore;
import dev.parley.core.number.NumberType;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Provisioned numbers. A phone number is unique across the installation (a unique index, not a lookup). */
final class SqlNumberStore implements NumberStore {

    private static final class Numbers {
        static final Table<Record> TABLE = table(name("incoming_phone_numbers"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> PHONE_NUMBER = field(name("phone_number"), String.class);
        static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
        static final Field<String> SMS_URL = field(name("sms_url"), String.class);
        static final Field<String> SMS_METHOD = field(name("sms_method"), String.class);
        static final Field<String> SMS_FALLBACK_URL = field(name("sms_fallback_url"), String.class);
        static final Field<String> SMS_FALLBACK_METHOD = field(name("sms_fallback_method"), String.class);
        static final Field<String> STATUS_CALLBACK = field(name("status_callback"), String.class);
        static final Field<String> STATUS_CALLBACK_METHOD = field(name("status_callback_method"), String.class);
        static final Field<String> CHANNEL = field(name("channel"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
        static final Field<Double> MESSAGES_PER_SECOND = field(name("messages_per_second"), Double.class);
        static final Field<String> WHATSAPP_CHANNEL = field(name("whatsapp_channel"), String.class);
        /** Derived from the number (written once, at insert) so that a typed list pages in SQL. */
        static final Field<String> NUMBER_TYPE = field(name("number_type"), String.class);
        static final List<Field<?>> ALL = List.of(ACCOUNT_SID, SID, PHONE_NUMBER, FRIENDLY_NAME, SMS_URL, SMS_METHOD,
                SMS_FALLBACK_URL, SMS_FALLBACK_METHOD, STATUS_CALLBACK, STATUS_CALLBACK_METHOD, CHANNEL, DATE_CREATED,
                DATE_UPDATED, MESSAGES_PER_SECOND, WHATSAPP_CHANNEL);
    }

    private static final String FIND_BY_NUMBER = "SELECT sid, account_sid, phone_number, friendly_name, sms_url,"
            + " sms_method, sms_fallback_url, sms_fallback_method, status_callback, status_callback_method, channel,"
            + " date_created, date_updated, messages_per_second, whatsapp_channel FROM incoming_phone_numbers"
            + " WHERE phone_number = ?";

    private final Jdbc jdbc;

    SqlNumberStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(IncomingPhoneNumber n) {
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(Numbers.TABLE)
                .set(Numbers.ACCOUNT_SID, n.accountSid())
                .set(Numbers.SID, n.sid())
                .set(Numbers.PHONE_NUMBER, n.phoneNumber().e164())
                .set(Numbers.DATE_CREATED, Micros.of(n.dateCreated()))
                .set(Numbers.NUMBER_TYPE, n.type().wire())
                .set(mutableColumns(n))
                .onConflict(Numbers.PHONE_NUMBER).doNothing()
                .execute() == 1;
    }

    @Override
    public void update(IncomingPhoneNumber n) {
        jdbc.dsl().update(Numbers.TABLE)
                .set(mutableColumns(n))
                .where(Numbers.ACCOUNT_SID.eq(n.accountSid()), Numbers.SID.eq(n.sid()))
                .execute();
    }

    /** The columns an update may change; an insert writes these and the key columns. */
    private static Map<Field<?>, Object> mutableColumns(IncomingPhoneNumber n) {
        IncomingPhoneNumber.Webhooks w = n.webhooks();
        Map<Field<?>, Object> columns = new LinkedHashMap<>();
        columns.put(Numbers.FRIENDLY_NAME, n.friendlyName());
        columns.put(Numbers.SMS_URL, w.smsUrl());
        columns.put(Numbers.SMS_METHOD, w.smsMethod());
        columns.put(Numbers.SMS_FALLBACK_URL, w.smsFallbackUrl());
        columns.put(Numbers.SMS_FALLBACK_METHOD, w.smsFallbackMethod());
        columns.put(Numbers.STATUS_CALLBACK, w.statusCallback());
        columns.put(Numbers.STATUS_CALLBACK_METHOD, w.statusCallbackMethod());
        columns.put(Numbers.CHANNEL, n.channel());
        columns.put(Numbers.DATE_UPDATED, Micros.of(n.dateUpdated()));
        columns.put(Numbers.MESSAGES_PER_SECOND, n.messagesPerSecond());
        columns.put(Numbers.WHATSAPP_CHANNEL, n.whatsAppChannel());
        return columns;
    }

    @Override
    public Optional<IncomingPhoneNumber> find(String accountSid, String sid) {
        return jdbc.dsl().select(Numbers.ALL).from(Numbers.TABLE)
                .where(Numbers.ACCOUNT_SID.eq(accountSid), Numbers.SID.eq(sid))
                .fetchOptional(SqlNumberStore::number);
    }

    @Override
    public Optional<IncomingPhoneNumber> findByNumber(PhoneNumber number) {
        String e164 = number.e164();
        return jdbc.one(FIND_BY_NUMBER, s -> s.setString(1, e164), r -> new IncomingPhoneNumber(r.getString(1),
                r.getString(2), new PhoneNumber(r.getString(3)), r.getString(4),
                new IncomingPhoneNumber.Webhooks(r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                        r.getString(9), r.getString(10)),
                r.getString(11), Micros.toInstant(Jdbc.getLong(r, 12)), Micros.toInstant(Jdbc.getLong(r, 13)),
                doubleOrNull(r, 14), r.getString(15)));
    }

    @Override
    public Page<IncomingPhoneNumber> list(String accountSid, String phonePattern, String friendlyName,
            NumberType type, PageRequest page) {
        Condition where = Numbers.ACCOUNT_SID.eq(accountSid);
        if (phonePattern != null) {
            if (!phonePattern.matches("[+0-9*]+")) {
                throw new IllegalArgumentException("not a phone number pattern: " + phonePattern);
            }
            where = where.and(Numbers.PHONE_NUMBER.like("%" + phonePattern.replace('*', '_') + "%"));
        }
        if (friendlyName != null) {
            where = where.and(Numbers.FRIENDLY_NAME.eq(friendlyName));
        }
        if (type != null) {
            where = where.and(Numbers.NUMBER_TYPE.eq(type.wire()));
        }
        return Paging.newestFirst(jdbc.dsl(), Numbers.TABLE, where, Numbers.DATE_CREATED, Numbers.SID, page,
                SqlNumberStore::number);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return jdbc.dsl().deleteFrom(Numbers.TABLE)
                .where(Numbers.ACCOUNT_SID.eq(accountSid), Numbers.SID.eq(sid))
                .execute() > 0;
    }

    private static IncomingPhoneNumber number(Record r) {
        return new IncomingPhoneNumber(r.get(Numbers.SID), r.get(Numbers.ACCOUNT_SID),
                new PhoneNumber(r.get(Numbers.PHONE_NUMBER)), r.get(Numbers.FRIENDLY_NAME),
                new IncomingPhoneNumber.Webhooks(r.get(Numbers.SMS_URL), r.get(Numbers.SMS_METHOD),
                        r.get(Numbers.SMS_FALLBACK_URL), r.get(Numbers.SMS_FALLBACK_METHOD),
                        r.get(Numbers.STATUS_CALLBACK), r.get(Numbers.STATUS_CALLBACK_METHOD)),
                r.get(Numbers.CHANNEL), Micros.toInstant(r.get(Numbers.DATE_CREATED)),
                Micros.toInstant(r.get(Numbers.DATE_UPDATED)), r.get(Numbers.MESSAGES_PER_SECOND),
                r.get(Numbers.WHATSAPP_CHANNEL));
    }

    private static Double doubleOrNull(java.sql.ResultSet r, int column) throws java.sql.SQLException {
        double value = r.getDouble(column);
        return r.wasNull() ? null : value;
    }
}
