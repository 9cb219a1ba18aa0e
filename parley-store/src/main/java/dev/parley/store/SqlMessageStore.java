package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageContent;
import dev.parley.core.message.MessageFeedback;
import dev.parley.core.message.MessageFilter;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.MessageStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Messages, keyed by (account_sid, sid). The price is kept as text so that its scale survives
 * ({@code -0.00790} stays five decimals); media URLs and a group MMS's other recipients as JSON arrays, NULL when
 * there are none.
 */
final class SqlMessageStore implements MessageStore {

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
        static final Field<String> GROUP_RECIPIENTS = field(name("group_recipients"), String.class);
        static final Field<Integer> PROVIDE_FEEDBACK = field(name("provide_feedback"), Integer.class);
        /** Not a column: the count of the message's media rows ({@link #NUM_MEDIA}). */
        static final Field<String> CONTENT_SID = field(name("content_sid"), String.class);
        static final Field<String> CONTENT_VARIABLES = field(name("content_variables"), String.class);
        static final Field<Integer> NUM_MEDIA = field(name("num_media"), Integer.class);
    }

    /** V18: the outcome posted for a message that asked for feedback. */
    private static final class Feedback {
        static final Table<Record> TABLE = table(name("message_feedback"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> MESSAGE_SID = field(name("message_sid"), String.class);
        static final Field<String> OUTCOME = field(name("outcome"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    // Every column, in table order: the order of the SELECTs' result columns and of the INSERT's parameters.
    private static final String COLUMNS = "account_sid, sid, messaging_service_sid, from_address, to_address, body,"
            + " media_urls, num_segments, direction, status, error_code, error_message, price, price_unit, channel,"
            + " provider_id, status_callback_url, status_callback_method, date_created, date_updated, date_sent,"
            + " group_recipients, provide_feedback, content_sid, content_variables";
    private static final String INSERT = "INSERT INTO messages (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE messages SET messaging_service_sid = ?, from_address = ?,"
            + " to_address = ?, body = ?, media_urls = ?, num_segments = ?, direction = ?, status = ?, error_code = ?,"
            + " error_message = ?, price = ?, price_unit = ?, channel = ?, provider_id = ?, status_callback_url = ?,"
            + " status_callback_method = ?, date_updated = ?, date_sent = ? WHERE account_sid = ? AND sid = ?";
    private static final String UPDATE_STATUS = "UPDATE messages SET status = ?, error_code = ?, error_message = ?,"
            + " price = ?, price_unit = ?, provider_id = ?, date_updated = ?, date_sent = ?"
            + " WHERE account_sid = ? AND sid = ?";
    /**
     * Twilio's {@code num_media}: the Media resources the message has now, counted where they are stored (the media
     * jobs insert them), so the count and the Media list never disagree. A correlated count on the media table's
     * (account_sid, message_sid) index: one query for a fetch, one for a page, never one per message.
     */
    private static final String NUM_MEDIA = "(SELECT COUNT(*) FROM media WHERE media.account_sid = messages.account_sid"
            + " AND media.message_sid = messages.sid)";
    private static final String FIND = "SELECT " + COLUMNS + ", " + NUM_MEDIA
            + " FROM messages WHERE account_sid = ? AND sid = ?";
    /**
     * V33's partial index: a provider's webhook names the message by the id the channel was given for it. The index's
     * condition is repeated as it is written there, so that both databases use the index.
     */
    static final String FIND_BY_PROVIDER_ID = "SELECT " + COLUMNS + ", " + NUM_MEDIA
            + " FROM messages WHERE channel = ? AND provider_id = ?"
            + " AND (channel LIKE 'twilio:%' OR channel LIKE 'whatsapp:%')";
    /** The messages table with its {@code num_media} column, as pages read it. */
    private static final Table<Record> WITH_NUM_MEDIA = DSL.select(Messages.TABLE.asterisk(),
            DSL.field(NUM_MEDIA, Integer.class).as(Messages.NUM_MEDIA.getName())).from(Messages.TABLE).asTable("m");
    private static final String FIND_STATUS = "SELECT status FROM messages WHERE account_sid = ? AND sid = ?";

    private final Jdbc jdbc;

    SqlMessageStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Message m) {
        jdbc.update(INSERT, s -> {
            s.setString(1, m.accountSid());
            s.setString(2, m.sid());
            bindMutable(s, 3, m);
            Jdbc.setLong(s, 19, Micros.of(m.dateCreated()));
            Jdbc.setLong(s, 20, Micros.of(m.dateUpdated()));
            Jdbc.setLong(s, 21, Micros.of(m.dateSent()));
            s.setString(22, m.groupRecipients().isEmpty() ? null : JsonLists.write(m.groupRecipients()));
            s.setInt(23, m.provideFeedback() ? 1 : 0);
            s.setString(24, m.content() == null ? null : m.content().contentSid());
            s.setString(25, m.content() == null ? null : JsonLists.writeMap(m.content().variables()));
        });
    }

    @Override
    public void update(Message m) {
        jdbc.update(UPDATE, s -> {
            bindMutable(s, 1, m);
            Jdbc.setLong(s, 17, Micros.of(m.dateUpdated()));
            Jdbc.setLong(s, 18, Micros.of(m.dateSent()));
            s.setString(19, m.accountSid());
            s.setString(20, m.sid());
        });
    }

    @Override
    public void updateStatus(Message m) {
        jdbc.update(UPDATE_STATUS, s -> {
            s.setString(1, m.status().name());
            Jdbc.setInt(s, 2, m.errorCode());
            s.setString(3, m.errorMessage());
            s.setString(4, m.price() == null ? null : m.price().toString());
            s.setString(5, m.priceUnit());
            s.setString(6, m.providerId());
            Jdbc.setLong(s, 7, Micros.of(m.dateUpdated()));
            Jdbc.setLong(s, 8, Micros.of(m.dateSent()));
            s.setString(9, m.accountSid());
            s.setString(10, m.sid());
        });
    }

    @Override
    public Optional<MessageStatus> findStatus(String accountSid, String sid) {
        return jdbc.one(FIND_STATUS, s -> {
            s.setString(1, accountSid);
            s.setString(2, sid);
        }, row -> MessageStatus.valueOf(row.getString(1)));
    }

    /** Binds the 16 columns from messaging_service_sid to status_callback_method, from parameter {@code i}. */
    private static void bindMutable(PreparedStatement s, int i, Message m) throws SQLException {
        Message.StatusCallback callback = m.statusCallback();
        s.setString(i, m.messagingServiceSid());
        s.setString(i + 1, m.from());
        s.setString(i + 2, m.to());
        s.setString(i + 3, m.body());
        s.setString(i + 4, m.mediaUrls().isEmpty() ? null : JsonLists.write(m.mediaUrls()));
        s.setInt(i + 5, m.numSegments());
        s.setString(i + 6, m.direction().wire());
        s.setString(i + 7, m.status().name());
        Jdbc.setInt(s, i + 8, m.errorCode());
        s.setString(i + 9, m.errorMessage());
        s.setString(i + 10, m.price() == null ? null : m.price().toString());
        s.setString(i + 11, m.priceUnit());
        s.setString(i + 12, m.channel());
        s.setString(i + 13, m.providerId());
        s.setString(i + 14, callback == null ? null : callback.url());
        s.setString(i + 15, callback == null ? null : callback.method());
    }

    @Override
    public Optional<Message> find(String accountSid, String sid) {
        return jdbc.one(FIND, s -> {
            s.setString(1, accountSid);
            s.setString(2, sid);
        }, SqlMessageStore::message);
    }

    @Override
    public Optional<Message> findByProviderId(String channel, String providerId) {
        return jdbc.one(FIND_BY_PROVIDER_ID, s -> {
            s.setString(1, channel);
            s.setString(2, providerId);
        }, SqlMessageStore::message);
    }

    /** A row of {@link #COLUMNS} and {@link #NUM_MEDIA}. */
    private static Message message(ResultSet r) throws SQLException {
        String price = r.getString(13);
        String callbackUrl = r.getString(17);
        String callbackMethod = r.getString(18);
        Message.StatusCallback callback = callbackUrl == null && callbackMethod == null
                ? null : new Message.StatusCallback(callbackUrl, callbackMethod);
        return new Message(
                r.getString(2),
                r.getString(1),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                JsonLists.read(r.getString(7)),
                r.getInt(8),
                Direction.fromWire(r.getString(9)),
                MessageStatus.valueOf(r.getString(10)),
                Jdbc.getInt(r, 11),
                r.getString(12),
                price == null ? null : new BigDecimal(price),
                r.getString(14),
                r.getString(15),
                r.getString(16),
                callback,
                Micros.toInstant(Jdbc.getLong(r, 19)),
                Micros.toInstant(Jdbc.getLong(r, 20)),
                Micros.toInstant(Jdbc.getLong(r, 21)),
                JsonLists.read(r.getString(22)),
                r.getInt(23) != 0,
                r.getInt(26),
                content(r.getString(24), r.getString(25)));
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
        return Paging.newestFirst(jdbc.dsl(), WITH_NUM_MEDIA, where, Messages.DATE_CREATED, Messages.SID, page,
                SqlMessageStore::fromRecord);
    }

    @Override
    public Optional<MessageFeedback> feedback(String accountSid, String messageSid) {
        return jdbc.dsl().select().from(Feedback.TABLE)
                .where(Feedback.ACCOUNT_SID.eq(accountSid), Feedback.MESSAGE_SID.eq(messageSid))
                .fetchOptional(r -> new MessageFeedback(r.get(Feedback.ACCOUNT_SID), r.get(Feedback.MESSAGE_SID),
                        MessageFeedback.Outcome.parse(r.get(Feedback.OUTCOME)),
                        Micros.toInstant(r.get(Feedback.DATE_CREATED)),
                        Micros.toInstant(r.get(Feedback.DATE_UPDATED))));
    }

    @Override
    public void saveFeedback(MessageFeedback f) {
        jdbc.dsl().insertInto(Feedback.TABLE)
                .set(Feedback.ACCOUNT_SID, f.accountSid())
                .set(Feedback.MESSAGE_SID, f.messageSid())
                .set(Feedback.OUTCOME, f.outcome().wire())
                .set(Feedback.DATE_CREATED, Micros.of(f.dateCreated()))
                .set(Feedback.DATE_UPDATED, Micros.of(f.dateUpdated()))
                .onConflict(Feedback.ACCOUNT_SID, Feedback.MESSAGE_SID).doUpdate()
                .set(Feedback.OUTCOME, f.outcome().wire())
                .set(Feedback.DATE_UPDATED, Micros.of(f.dateUpdated()))
                .execute();
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        jdbc.dsl().deleteFrom(Feedback.TABLE)
                .where(Feedback.ACCOUNT_SID.eq(accountSid), Feedback.MESSAGE_SID.eq(sid))
                .execute();
        return jdbc.dsl().deleteFrom(Messages.TABLE)
                .where(Messages.ACCOUNT_SID.eq(accountSid), Messages.SID.eq(sid))
                .execute() > 0;
    }

    /** A row as jOOQ fetched it, for the pages. */
    private static Message fromRecord(Record r) {
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
                JsonLists.read(r.get(Messages.MEDIA_URLS)),
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
                Micros.toInstant(r.get(Messages.DATE_SENT)),
                JsonLists.read(r.get(Messages.GROUP_RECIPIENTS)),
                r.get(Messages.PROVIDE_FEEDBACK) != 0,
                // COUNT(*) is a BIGINT on PostgreSQL, an INTEGER on SQLite: converted, whichever comes.
                r.get(Messages.NUM_MEDIA.getName(), Integer.class),
                content(r.get(Messages.CONTENT_SID), r.get(Messages.CONTENT_VARIABLES)));
    }

    private static MessageContent content(String sid, String variables) {
        return sid == null ? null : new MessageContent(sid, JsonLists.readMap(variables));
    }
}
