package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.address.PhoneNumber;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.service.MessagingService;
import dev.parley.core.service.MessagingServiceStore;
import dev.parley.core.service.ServicePhoneNumber;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Messaging Services, their pools and sticky senders. Booleans are stored as 0/1. */
final class SqlMessagingServiceStore implements MessagingServiceStore {

    private static final class Services {
        static final Table<Record> TABLE = table(name("messaging_services"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
        static final Field<String> INBOUND_REQUEST_URL = field(name("inbound_request_url"), String.class);
        static final Field<String> INBOUND_METHOD = field(name("inbound_method"), String.class);
        static final Field<String> FALLBACK_URL = field(name("fallback_url"), String.class);
        static final Field<String> FALLBACK_METHOD = field(name("fallback_method"), String.class);
        static final Field<String> STATUS_CALLBACK = field(name("status_callback"), String.class);
        static final Field<Integer> STICKY_SENDER = field(name("sticky_sender"), Integer.class);
        static final Field<Integer> MMS_CONVERTER = field(name("mms_converter"), Integer.class);
        static final Field<Integer> SMART_ENCODING = field(name("smart_encoding"), Integer.class);
        static final Field<String> SCAN_MESSAGE_CONTENT = field(name("scan_message_content"), String.class);
        static final Field<Integer> FALLBACK_TO_LONG_CODE = field(name("fallback_to_long_code"), Integer.class);
        static final Field<Integer> AREA_CODE_GEOMATCH = field(name("area_code_geomatch"), Integer.class);
        static final Field<Integer> VALIDITY_PERIOD = field(name("validity_period"), Integer.class);
        static final Field<Integer> SYNCHRONOUS_VALIDATION = field(name("synchronous_validation"), Integer.class);
        static final Field<String> USECASE = field(name("usecase"), String.class);
        static final Field<Integer> USE_INBOUND_WEBHOOK_ON_NUMBER =
                field(name("use_inbound_webhook_on_number"), Integer.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    private static final class Pool {
        static final Table<Record> TABLE = table(name("messaging_service_numbers"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SERVICE_SID = field(name("service_sid"), String.class);
        static final Field<String> PHONE_NUMBER_SID = field(name("phone_number_sid"), String.class);
        static final Field<String> PHONE_NUMBER = field(name("phone_number"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    private static final class Sticky {
        static final Table<Record> TABLE = table(name("sticky_senders"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SERVICE_SID = field(name("service_sid"), String.class);
        static final Field<String> RECIPIENT = field(name("recipient"), String.class);
        static final Field<String> SENDER = field(name("sender"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    }

    private final Jdbc jdbc;

    SqlMessagingServiceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(MessagingService s) {
        jdbc.dsl().insertInto(Services.TABLE)
                .set(Services.ACCOUNT_SID, s.accountSid())
                .set(Services.SID, s.sid())
                .set(Services.DATE_CREATED, Micros.of(s.dateCreated()))
                .set(mutableColumns(s))
                .execute();
    }

    @Override
    public void update(MessagingService s) {
        jdbc.dsl().update(Services.TABLE)
                .set(mutableColumns(s))
                .where(Services.ACCOUNT_SID.eq(s.accountSid()), Services.SID.eq(s.sid()))
                .execute();
    }

    private static Map<Field<?>, Object> mutableColumns(MessagingService s) {
        MessagingService.Inbound in = s.inbound();
        MessagingService.Flags f = s.flags();
        Map<Field<?>, Object> c = new LinkedHashMap<>();
        c.put(Services.FRIENDLY_NAME, s.friendlyName());
        c.put(Services.INBOUND_REQUEST_URL, in.requestUrl());
        c.put(Services.INBOUND_METHOD, in.method());
        c.put(Services.FALLBACK_URL, in.fallbackUrl());
        c.put(Services.FALLBACK_METHOD, in.fallbackMethod());
        c.put(Services.STATUS_CALLBACK, s.statusCallback());
        c.put(Services.STICKY_SENDER, bit(f.stickySender()));
        c.put(Services.MMS_CONVERTER, bit(f.mmsConverter()));
        c.put(Services.SMART_ENCODING, bit(f.smartEncoding()));
        c.put(Services.SCAN_MESSAGE_CONTENT, s.scanMessageContent());
        c.put(Services.FALLBACK_TO_LONG_CODE, bit(f.fallbackToLongCode()));
        c.put(Services.AREA_CODE_GEOMATCH, bit(f.areaCodeGeomatch()));
        c.put(Services.VALIDITY_PERIOD, s.validityPeriod());
        c.put(Services.SYNCHRONOUS_VALIDATION, bit(f.synchronousValidation()));
        c.put(Services.USECASE, s.usecase());
        c.put(Services.USE_INBOUND_WEBHOOK_ON_NUMBER, bit(in.useWebhookOnNumber()));
        c.put(Services.DATE_UPDATED, Micros.of(s.dateUpdated()));
        return c;
    }

    @Override
    public Optional<MessagingService> find(String accountSid, String sid) {
        return jdbc.dsl().select().from(Services.TABLE)
                .where(Services.ACCOUNT_SID.eq(accountSid), Services.SID.eq(sid))
                .fetchOptional(SqlMessagingServiceStore::service);
    }

    @Override
    public Page<MessagingService> list(String accountSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), Services.TABLE, Services.ACCOUNT_SID.eq(accountSid),
                Services.DATE_CREATED, Services.SID, page, SqlMessagingServiceStore::service);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        jdbc.dsl().deleteFrom(Pool.TABLE)
                .where(Pool.ACCOUNT_SID.eq(accountSid), Pool.SERVICE_SID.eq(sid)).execute();
        jdbc.dsl().deleteFrom(Sticky.TABLE)
                .where(Sticky.ACCOUNT_SID.eq(accountSid), Sticky.SERVICE_SID.eq(sid)).execute();
        return jdbc.dsl().deleteFrom(Services.TABLE)
                .where(Services.ACCOUNT_SID.eq(accountSid), Services.SID.eq(sid))
                .execute() > 0;
    }

    @Override
    public boolean addNumber(ServicePhoneNumber n) {
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(Pool.TABLE)
                .set(Pool.ACCOUNT_SID, n.accountSid())
                .set(Pool.SERVICE_SID, n.serviceSid())
                .set(Pool.PHONE_NUMBER_SID, n.phoneNumberSid())
                .set(Pool.PHONE_NUMBER, n.phoneNumber().e164())
                .set(Pool.DATE_CREATED, Micros.of(n.dateCreated()))
                .set(Pool.DATE_UPDATED, Micros.of(n.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<ServicePhoneNumber> findNumber(String accountSid, String serviceSid, String phoneNumberSid) {
        return jdbc.dsl().select().from(Pool.TABLE)
                .where(Pool.ACCOUNT_SID.eq(accountSid), Pool.SERVICE_SID.eq(serviceSid),
                        Pool.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .fetchOptional(SqlMessagingServiceStore::poolEntry);
    }

    @Override
    public Optional<ServicePhoneNumber> poolOf(String accountSid, String phoneNumberSid) {
        return jdbc.dsl().select().from(Pool.TABLE)
                .where(Pool.ACCOUNT_SID.eq(accountSid), Pool.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .fetchOptional(SqlMessagingServiceStore::poolEntry);
    }

    @Override
    public Page<ServicePhoneNumber> listNumbers(String accountSid, String serviceSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), Pool.TABLE,
                Pool.ACCOUNT_SID.eq(accountSid).and(Pool.SERVICE_SID.eq(serviceSid)), Pool.DATE_CREATED,
                Pool.PHONE_NUMBER_SID, page, SqlMessagingServiceStore::poolEntry);
    }

    @Override
    public List<ServicePhoneNumber> pool(String accountSid, String serviceSid) {
        return jdbc.dsl().select().from(Pool.TABLE)
                .where(Pool.ACCOUNT_SID.eq(accountSid), Pool.SERVICE_SID.eq(serviceSid))
                .orderBy(Pool.DATE_CREATED, Pool.PHONE_NUMBER_SID)
                .fetch(SqlMessagingServiceStore::poolEntry);
    }

    @Override
    public boolean removeNumber(String accountSid, String serviceSid, String phoneNumberSid) {
        return jdbc.dsl().deleteFrom(Pool.TABLE)
                .where(Pool.ACCOUNT_SID.eq(accountSid), Pool.SERVICE_SID.eq(serviceSid),
                        Pool.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .execute() > 0;
    }

    @Override
    public void removeNumberEverywhere(String accountSid, String phoneNumberSid) {
        jdbc.dsl().deleteFrom(Pool.TABLE)
                .where(Pool.ACCOUNT_SID.eq(accountSid), Pool.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .execute();
        // A released WhatsApp sender leaves the service's ChannelSenders too.
        jdbc.dsl().deleteFrom(table(name("messaging_service_channel_senders")))
                .where(Pool.ACCOUNT_SID.eq(accountSid), Pool.PHONE_NUMBER_SID.eq(phoneNumberSid))
                .execute();
    }

    @Override
    public Optional<String> stickySender(String accountSid, String serviceSid, String recipient) {
        return jdbc.dsl().select(Sticky.SENDER).from(Sticky.TABLE)
                .where(Sticky.ACCOUNT_SID.eq(accountSid), Sticky.SERVICE_SID.eq(serviceSid),
                        Sticky.RECIPIENT.eq(recipient))
                .fetchOptional(Sticky.SENDER);
    }

    @Override
    public void rememberSender(String accountSid, String serviceSid, String recipient, String sender, Instant at) {
        jdbc.dsl().insertInto(Sticky.TABLE)
                .set(Sticky.ACCOUNT_SID, accountSid)
                .set(Sticky.SERVICE_SID, serviceSid)
                .set(Sticky.RECIPIENT, recipient)
                .set(Sticky.SENDER, sender)
                .set(Sticky.DATE_CREATED, Micros.of(at))
                .onConflict(Sticky.ACCOUNT_SID, Sticky.SERVICE_SID, Sticky.RECIPIENT)
                .doUpdate().set(Sticky.SENDER, sender).set(Sticky.DATE_CREATED, Micros.of(at))
                .execute();
    }

    private static MessagingService service(Record r) {
        return new MessagingService(r.get(Services.SID), r.get(Services.ACCOUNT_SID), r.get(Services.FRIENDLY_NAME),
                new MessagingService.Inbound(r.get(Services.INBOUND_REQUEST_URL), r.get(Services.INBOUND_METHOD),
                        r.get(Services.FALLBACK_URL), r.get(Services.FALLBACK_METHOD),
                        on(r.get(Services.USE_INBOUND_WEBHOOK_ON_NUMBER))),
                r.get(Services.STATUS_CALLBACK),
                new MessagingService.Flags(on(r.get(Services.STICKY_SENDER)), on(r.get(Services.MMS_CONVERTER)),
                        on(r.get(Services.SMART_ENCODING)), on(r.get(Services.FALLBACK_TO_LONG_CODE)),
                        on(r.get(Services.AREA_CODE_GEOMATCH)), on(r.get(Services.SYNCHRONOUS_VALIDATION)), false),
                r.get(Services.SCAN_MESSAGE_CONTENT), r.get(Services.VALIDITY_PERIOD), r.get(Services.USECASE),
                Micros.toInstant(r.get(Services.DATE_CREATED)), Micros.toInstant(r.get(Services.DATE_UPDATED)));
    }

    private static ServicePhoneNumber poolEntry(Record r) {
        return new ServicePhoneNumber(r.get(Pool.ACCOUNT_SID), r.get(Pool.SERVICE_SID), r.get(Pool.PHONE_NUMBER_SID),
                new PhoneNumber(r.get(Pool.PHONE_NUMBER)), Micros.toInstant(r.get(Pool.DATE_CREATED)),
                Micros.toInstant(r.get(Pool.DATE_UPDATED)));
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    private static boolean on(Integer v) {
        return v != null && v != 0;
    }
}
