package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.service.AlphaSender;
import dev.parley.core.service.ChannelSender;
import dev.parley.core.service.ServiceSenderStore;
import dev.parley.core.service.ServiceShortCode;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A Messaging Service's short codes, alpha senders and channel senders. Uniqueness (a short code or channel sender in
 * one service, an alpha sender per slot) is a unique index; an insert that breaks it writes nothing and says so.
 */
final class SqlServiceSenderStore implements ServiceSenderStore {
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> SERVICE_SID = field(name("service_sid"), String.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    private static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private static final class Codes {
        static final Table<Record> TABLE = table(name("messaging_service_short_codes"));
        static final Field<String> SHORT_CODE_SID = field(name("short_code_sid"), String.class);
        static final Field<String> SHORT_CODE = field(name("short_code"), String.class);
        static final Field<String> ISO_COUNTRY_CODE = field(name("iso_country_code"), String.class);
    }

    private static final class Alphas {
        static final Table<Record> TABLE = table(name("messaging_service_alpha_senders"));
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> ALPHA_SENDER = field(name("alpha_sender"), String.class);
        static final Field<String> ISO_COUNTRY_CODE = field(name("iso_country_code"), String.class);
        static final Field<Integer> DESTINATION = field(name("destination"), Integer.class);
        static final Field<String> SLOT = field(name("slot"), String.class);
        static final Field<String> CHANNEL = field(name("channel"), String.class);
    }

    private static final class Channels {
        static final Table<Record> TABLE = table(name("messaging_service_channel_senders"));
        static final Field<String> PHONE_NUMBER_SID = field(name("phone_number_sid"), String.class);
        static final Field<String> PHONE_NUMBER = field(name("phone_number"), String.class);
    }

    private final Jdbc jdbc;

    SqlServiceSenderStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static Condition of(String accountSid, String serviceSid) {
        return ACCOUNT_SID.eq(accountSid).and(SERVICE_SID.eq(serviceSid));
    }

    @Override
    public boolean addShortCode(ServiceShortCode e) {
        return jdbc.dsl().insertInto(Codes.TABLE)
                .set(ACCOUNT_SID, e.accountSid())
                .set(SERVICE_SID, e.serviceSid())
                .set(Codes.SHORT_CODE_SID, e.shortCodeSid())
                .set(Codes.SHORT_CODE, e.shortCode())
                .set(Codes.ISO_COUNTRY_CODE, e.isoCountryCode())
                .set(DATE_CREATED, Micros.of(e.dateCreated()))
                .set(DATE_UPDATED, Micros.of(e.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<ServiceShortCode> findShortCode(String accountSid, String serviceSid, String shortCodeSid) {
        return jdbc.dsl().select().from(Codes.TABLE)
                .where(of(accountSid, serviceSid), Codes.SHORT_CODE_SID.eq(shortCodeSid))
                .fetchOptional(SqlServiceSenderStore::shortCode);
    }

    @Override
    public Optional<ServiceShortCode> serviceOfShortCode(String accountSid, String shortCodeSid) {
        return jdbc.dsl().select().from(Codes.TABLE)
                .where(ACCOUNT_SID.eq(accountSid), Codes.SHORT_CODE_SID.eq(shortCodeSid))
                .fetchOptional(SqlServiceSenderStore::shortCode);
    }

    @Override
    public Page<ServiceShortCode> listShortCodes(String accountSid, String serviceSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), Codes.TABLE, of(accountSid, serviceSid), DATE_CREATED,
                Codes.SHORT_CODE_SID, page, SqlServiceSenderStore::shortCode);
    }

    @Override
    public List<ServiceShortCode> allShortCodes(String accountSid, String serviceSid) {
        return jdbc.dsl().select().from(Codes.TABLE).where(of(accountSid, serviceSid))
                .orderBy(DATE_CREATED, Codes.SHORT_CODE_SID)
                .fetch(SqlServiceSenderStore::shortCode);
    }

    @Override
    public boolean removeShortCode(String accountSid, String serviceSid, String shortCodeSid) {
        return jdbc.dsl().deleteFrom(Codes.TABLE)
                .where(of(accountSid, serviceSid), Codes.SHORT_CODE_SID.eq(shortCodeSid))
                .execute() > 0;
    }

    @Override
    public void removeShortCodeEverywhere(String accountSid, String shortCodeSid) {
        jdbc.dsl().deleteFrom(Codes.TABLE)
                .where(ACCOUNT_SID.eq(accountSid), Codes.SHORT_CODE_SID.eq(shortCodeSid))
                .execute();
    }

    @Override
    public boolean addAlphaSender(AlphaSender a) {
        return jdbc.dsl().insertInto(Alphas.TABLE)
                .set(ACCOUNT_SID, a.accountSid())
                .set(SERVICE_SID, a.serviceSid())
                .set(Alphas.SID, a.sid())
                .set(Alphas.ALPHA_SENDER, a.alphaSender())
                .set(Alphas.ISO_COUNTRY_CODE, a.isoCountryCode())
                .set(Alphas.DESTINATION, a.destination() ? 1 : 0)
                .set(Alphas.SLOT, a.slot())
                .set(Alphas.CHANNEL, a.channel())
                .set(DATE_CREATED, Micros.of(a.dateCreated()))
                .set(DATE_UPDATED, Micros.of(a.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<AlphaSender> findAlphaSender(String accountSid, String serviceSid, boolean destination,
            String sid) {
        return jdbc.dsl().select().from(Alphas.TABLE)
                .where(of(accountSid, serviceSid), Alphas.DESTINATION.eq(destination ? 1 : 0), Alphas.SID.eq(sid))
                .fetchOptional(SqlServiceSenderStore::alphaSender);
    }

    @Override
    public Page<AlphaSender> listAlphaSenders(String accountSid, String serviceSid, boolean destination,
            String isoCountryCode, PageRequest page) {
        Condition where = of(accountSid, serviceSid).and(Alphas.DESTINATION.eq(destination ? 1 : 0));
        if (isoCountryCode != null) {
            where = where.and(Alphas.ISO_COUNTRY_CODE.eq(isoCountryCode));
        }
        return Paging.newestFirst(jdbc.dsl(), Alphas.TABLE, where, DATE_CREATED, Alphas.SID, page,
                SqlServiceSenderStore::alphaSender);
    }

    @Override
    public List<AlphaSender> allAlphaSenders(String accountSid, String serviceSid) {
        return jdbc.dsl().select().from(Alphas.TABLE).where(of(accountSid, serviceSid))
                .orderBy(DATE_CREATED, Alphas.SID)
                .fetch(SqlServiceSenderStore::alphaSender);
    }

    @Override
    public boolean removeAlphaSender(String accountSid, String serviceSid, boolean destination, String sid) {
        return jdbc.dsl().deleteFrom(Alphas.TABLE)
                .where(of(accountSid, serviceSid), Alphas.DESTINATION.eq(destination ? 1 : 0), Alphas.SID.eq(sid))
                .execute() > 0;
    }

    @Override
    public boolean addChannelSender(ChannelSender c) {
        return jdbc.dsl().insertInto(Channels.TABLE)
                .set(ACCOUNT_SID, c.accountSid())
                .set(SERVICE_SID, c.serviceSid())
                .set(Channels.PHONE_NUMBER_SID, c.phoneNumberSid())
                .set(Channels.PHONE_NUMBER, c.phoneNumber().e164())
                .set(DATE_CREATED, Micros.of(c.dateCreated()))
                .set(DATE_UPDATED, Micros.of(c.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<ChannelSender> findChannelSender(String accountSid, String serviceSid, String phoneNumberSid) {
        return jdbc.dsl().select().from(Channels.TABLE)
                .where(of(accountSid, serviceSid), Channels.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .fetchOptional(SqlServiceSenderStore::channelSender);
    }

    @Override
    public Optional<ChannelSender> serviceOfChannelSender(String accountSid, String phoneNumberSid) {
        return jdbc.dsl().select().from(Channels.TABLE)
                .where(ACCOUNT_SID.eq(accountSid), Channels.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .fetchOptional(SqlServiceSenderStore::channelSender);
    }

    @Override
    public Page<ChannelSender> listChannelSenders(String accountSid, String serviceSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), Channels.TABLE, of(accountSid, serviceSid), DATE_CREATED,
                Channels.PHONE_NUMBER_SID, page, SqlServiceSenderStore::channelSender);
    }

    @Override
    public List<ChannelSender> allChannelSenders(String accountSid, String serviceSid) {
        return jdbc.dsl().select().from(Channels.TABLE).where(of(accountSid, serviceSid))
                .orderBy(DATE_CREATED, Channels.PHONE_NUMBER_SID)
                .fetch(SqlServiceSenderStore::channelSender);
    }

    @Override
    public boolean removeChannelSender(String accountSid, String serviceSid, String phoneNumberSid) {
        return jdbc.dsl().deleteFrom(Channels.TABLE)
                .where(of(accountSid, serviceSid), Channels.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .execute() > 0;
    }

    @Override
    public void removeService(String accountSid, String serviceSid) {
        jdbc.dsl().deleteFrom(Codes.TABLE).where(of(accountSid, serviceSid)).execute();
        jdbc.dsl().deleteFrom(Alphas.TABLE).where(of(accountSid, serviceSid)).execute();
        jdbc.dsl().deleteFrom(Channels.TABLE).where(of(accountSid, serviceSid)).execute();
    }

    private static ServiceShortCode shortCode(Record r) {
        return new ServiceShortCode(r.get(ACCOUNT_SID), r.get(SERVICE_SID), r.get(Codes.SHORT_CODE_SID),
                r.get(Codes.SHORT_CODE), r.get(Codes.ISO_COUNTRY_CODE), Micros.toInstant(r.get(DATE_CREATED)),
                Micros.toInstant(r.get(DATE_UPDATED)));
    }

    private static AlphaSender alphaSender(Record r) {
        return new AlphaSender(r.get(Alphas.SID), r.get(ACCOUNT_SID), r.get(SERVICE_SID), r.get(Alphas.ALPHA_SENDER),
                r.get(Alphas.ISO_COUNTRY_CODE), r.get(Alphas.DESTINATION) != 0, r.get(Alphas.CHANNEL),
                Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }

    private static ChannelSender channelSender(Record r) {
        return new ChannelSender(r.get(ACCOUNT_SID), r.get(SERVICE_SID), r.get(Channels.PHONE_NUMBER_SID),
                new PhoneNumber(r.get(Channels.PHONE_NUMBER)), Micros.toInstant(r.get(DATE_CREATED)),
                Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
