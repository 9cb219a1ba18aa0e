package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.MessageStore;
import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Messages, keyed by (account_sid, sid). The price is kept as text so that its scale survives
 * ({@code -0.00790} stays five decimals); media URLs as a JSON array, NULL when there are none.
 */
final class SqlMessageStore implements MessageStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private static final class Messages {
        static final Table<Record> TABLE = table(name("messages"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> MESSAGING_SERVICE_SID = field(name("messaging_service_sid"), String.class);
        static final Field<String> FROM = field(name("from_address"), String.class);
        static final Field<String> TO = field(name("to_address"), String.class);
        static final Field<String> BODY = field(name("body"), String.class);
        static final Field<String> MEDIA_URLS = field(name("media_urls"), String.class);
        static final Field<Integer> NUM_SEGMENTS = field(name("num_segments"), Integer.class);
        static final Field<String> DIRECTION = field(name("direction"), String.class);
        static final Field<String> STATUS = field(name("status"), String.class);
        static final Field<Integer> ERROR_CODE = field(name("error_code"), Integer.class);
        static final Field<String> ERROR_MESSAGE = field(name("error_message"), String.class);
        static final Field<String> PRICE = field(name("price"), String.class);
        static final Field<String> PRICE_UNIT = field(name("price_unit"), String.class);
        static final Field<String> CHANNEL = field(name("channel"), String.class);
        static final Field<String> PROVIDER_ID = field(name("provider_id"), String.class);
        static final Field<String> STATUS_CALLBACK_URL = field(name("status_callback_url"), String.class);
        static final Field<String> STATUS_CALLBACK_METHOD = field(name("status_callback_method"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
        static final Field<Long> DATE_SENT = field(name("date_sent"), Long.class);
        static final List<Field<?>> ALL = List.of(ACCOUNT_SID, SID, MESSAGING_SERVICE_SID, FROM, TO, BODY, MEDIA_URLS, NUM_SEGMENTS, DIRECTION, STATUS, ERROR_CODE, ERROR_MESSAGE, PRICE, PRICE_UNIT, CHANNEL, PROVIDER_ID, STATUS_CALLBACK_URL, STATUS_CALLBACK_METHOD, DATE_CREATED, DATE_UPDATED, DATE_SENT);
    }

    private final DSLContext dsl;

    SqlMessageStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(Message m) {
        dsl.insertInto(Messages.TABLE)
                .set(Messages.ACCOUNT_SID, m.accountSid())
                .set(Messages.SID, m.sid())
                .set(Messages.DATE_CREATED, Micros.of(m.dateCreated()))
                .set(mutableColumns(m))
                .execute();
    }

    @Override
    public void update(Message m) {
        dsl.update(Messages.TABLE)
                .set(mutableColumns(m))
                .where(Messages.ACCOUNT_SID.eq(m.accountSid()), Messages.SID.eq(m.sid()))
                .execute();
    }

    private static Map<Field<?>, Object> mutableColumns(Message m) {
        Message.StatusCallback callback = m.statusCallback();
        var columns = new LinkedHashMap<Field<?>, Object>();
        columns.put(Messages.MESSAGING_SERVICE_SID, m.messagingServiceSid());
        columns.put(Messages.FROM, m.from());
        columns.put(Messages.TO, m.to());
        columns.put(Messages.BODY, m.body());
        columns.put(Messages.MEDIA_URLS, m.mediaUrls().isEmpty() ? null : toJson(m.mediaUrls()));
        columns.put(Messages.NUM_SEGMENTS, m.numSegments());
        columns.put(Messages.DIRECTION, m.direction().wire());
        columns.put(Messages.STATUS, m.status().name());
        columns.put(Messages.ERROR_CODE, m.errorCode());
        columns.put(Messages.ERROR_MESSAGE, m.errorMessage());
        columns.put(Messages.PRICE, m.price() == null ? null : m.price().toString());
        columns.put(Messages.PRICE_UNIT, m.priceUnit());
        columns.put(Messages.CHANNEL, m.channel());
        columns.put(Messages.PROVIDER_ID, m.providerId());
        columns.put(Messages.STATUS_CALLBACK_URL, callback == null ? null : callback.url());
        columns.put(Messages.STATUS_CALLBACK_METHOD, callback == null ? null : callback.method());
        columns.put(Messages.DATE_UPDATED, Micros.of(m.dateUpdated()));
        columns.put(Messages.DATE_SENT, Micros.of(m.dateSent()));
        return columns;
    }

    @Override
    public Optional<Message> find(String accountSid, String sid) {
        return dsl.select(Messages.ALL).from(Messages.TABLE)
                .where(Messages.ACCOUNT_SID.eq(accountSid), Messages.SID.eq(sid))
                .fetchOptional(SqlMessageStore::message);
    }

    @Override
    public Page<Message> list(String accountSid, MessageFilter filter, PageRequest page) {
        Condition where = Messages.ACCOUNT_SID.eq(accountSid);
        if (filter.to() != null) {
            where = where.and(Messages.TO.eq(filter.to()));
        }
        if (filter.from() != null) {
            where = where.and(Messages.FROM.eq(filter.from()));
        }
        if (filter.sentFrom() != null) {
            where = where.and(Messages.DATE_SENT.ge(Micros.of(filter.sentFrom())));
        }
        if (filter.sentUntil() != null) {
            where = where.and(Messages.DATE_SENT.lt(Micros.of(filter.sentUntil())));
        }
        return Paging.newestFirst(dsl, Messages.TABLE, Messages.ALL, where, Messages.DATE_CREATED, Messages.SID, page,
                SqlMessageStore::message);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        return dsl.deleteFrom(Messages.TABLE)
                .where(Messages.ACCOUNT_SID.eq(accountSid), Messages.SID.eq(sid))
                .execute() > 0;
    }

    private static Message message(Record r) {
        String price = r.get(Messages.PRICE);
        String callbackUrl = r.get(Messages.STATUS_CALLBACK_URL);
        String callbackMethod = r.get(Messages.STATUS_CALLBACK_METHOD);
        Message.StatusCallback callback = callbackUrl == null && callbackMethod == null
                ? null : new Message.StatusCallback(callbackUrl, callbackMethod);
        return new Message(
                r.get(Messages.SID),
                r.get(Messages.ACCOUNT_SID),
                r.get(Messages.MESSAGING_SERVICE_SID),
                r.get(Messages.FROM),
                r.get(Messages.TO),
                r.get(Messages.BODY),
                fromJson(r.get(Messages.MEDIA_URLS)),
                r.get(Messages.NUM_SEGMENTS),
                Direction.fromWire(r.get(Messages.DIRECTION)),
                MessageStatus.valueOf(r.get(Messages.STATUS)),
                r.get(Messages.ERROR_CODE),
                r.get(Messages.ERROR_MESSAGE),
                price == null ? null : new BigDecimal(price),
                r.get(Messages.PRICE_UNIT),
                r.get(Messages.CHANNEL),
                r.get(Messages.PROVIDER_ID),
                callback,
                Micros.toInstant(r.get(Messages.DATE_CREATED)),
                Micros.toInstant(r.get(Messages.DATE_UPDATED)),
                Micros.toInstant(r.get(Messages.DATE_SENT)));
    }

    private static String toJson(List<String> urls) {
        try {
            return JSON.writeValueAsString(urls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode media URLs " + urls, e);
        }
    }

    private static List<String> fromJson(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored media URLs are not a JSON array: " + json, e);
        }
    }
}
