package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.ConversationMessage;
import dev.parley.core.conversation.ConversationMessageStore;
import dev.parley.core.message.MessageContent;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Conversation messages (media SIDs as one comma-separated column) and their fan-out deliveries. */
final class SqlConversationMessageStore implements ConversationMessageStore {

    static final class M {
        static final Table<Record> TABLE = table(name("conversation_messages"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> CONVERSATION_SID = field(name("conversation_sid"), String.class);
        static final Field<String> CHAT_SERVICE_SID = field(name("chat_service_sid"), String.class);
        static final Field<Long> INDEX = field(name("message_index"), Long.class);
        static final Field<String> AUTHOR = field(name("author"), String.class);
        static final Field<String> BODY = field(name("body"), String.class);
        static final Field<String> MEDIA_SIDS = field(name("media_sids"), String.class);
        static final Field<String> ATTRIBUTES = field(name("attributes"), String.class);
        static final Field<String> PARTICIPANT_SID = field(name("participant_sid"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
        static final Field<String> CONTENT_SID = field(name("content_sid"), String.class);
        static final Field<String> CONTENT_VARIABLES = field(name("content_variables"), String.class);
    }

    static final class D {
        static final Table<Record> TABLE = table(name("conversation_deliveries"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> CONVERSATION_MESSAGE_SID = field(name("conversation_message_sid"), String.class);
        static final Field<String> PARTICIPANT_SID = field(name("participant_sid"), String.class);
        static final Field<String> CONVERSATION_SID = field(name("conversation_sid"), String.class);
        static final Field<String> MESSAGE_SID = field(name("message_sid"), String.class);
        static final Field<Integer> ERROR_CODE = field(name("error_code"), Integer.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    }

    /** The client message ids chat identities sent messages with (V27). */
    static final class K {
        static final Table<Record> TABLE = table(name("conversation_client_messages"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> CONVERSATION_SID = field(name("conversation_sid"), String.class);
        static final Field<String> IDENTITY = field(name("identity"), String.class);
        static final Field<String> CLIENT_MESSAGE_ID = field(name("client_message_id"), String.class);
        static final Field<String> MESSAGE_SID = field(name("message_sid"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    }

    private final Jdbc jdbc;

    SqlConversationMessageStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(ConversationMessage m) {
        jdbc.dsl().insertInto(M.TABLE)
                .set(M.ACCOUNT_SID, m.accountSid())
                .set(M.SID, m.sid())
                .set(M.CONVERSATION_SID, m.conversationSid())
                .set(M.CHAT_SERVICE_SID, m.chatServiceSid())
                .set(M.INDEX, m.index())
                .set(M.MEDIA_SIDS, m.mediaSids().isEmpty() ? null : String.join(",", m.mediaSids()))
                .set(M.PARTICIPANT_SID, m.participantSid())
                .set(M.DATE_CREATED, Micros.of(m.dateCreated()))
                .set(M.AUTHOR, m.author())
                .set(M.BODY, m.body())
                .set(M.ATTRIBUTES, m.attributes())
                .set(M.DATE_UPDATED, Micros.of(m.dateUpdated()))
                .set(M.CONTENT_SID, m.content() == null ? null : m.content().contentSid())
                .set(M.CONTENT_VARIABLES, m.content() == null ? null : JsonLists.writeMap(m.content().variables()))
                .execute();
    }

    @Override
    public void update(ConversationMessage m) {
        jdbc.dsl().update(M.TABLE)
                .set(M.AUTHOR, m.author())
                .set(M.BODY, m.body())
                .set(M.ATTRIBUTES, m.attributes())
                .set(M.DATE_UPDATED, Micros.of(m.dateUpdated()))
                .where(M.ACCOUNT_SID.eq(m.accountSid()), M.SID.eq(m.sid()))
                .execute();
    }

    @Override
    public Optional<ConversationMessage> find(String accountSid, String conversationSid, String sid) {
        return jdbc.dsl().select().from(M.TABLE)
                .where(M.ACCOUNT_SID.eq(accountSid), M.CONVERSATION_SID.eq(conversationSid), M.SID.eq(sid))
                .fetchOptional(SqlConversationMessageStore::message);
    }

    @Override
    public Page<ConversationMessage> list(String accountSid, String conversationSid, boolean descending,
            PageRequest page) {
        Condition where = M.ACCOUNT_SID.eq(accountSid).and(M.CONVERSATION_SID.eq(conversationSid));
        return descending
                ? Paging.newestFirst(jdbc.dsl(), M.TABLE, where, M.INDEX, M.SID, page,
                        SqlConversationMessageStore::message)
                : Paging.oldestFirst(jdbc.dsl(), M.TABLE, where, M.INDEX, M.SID, page,
                        SqlConversationMessageStore::message);
    }

    @Override
    public List<ConversationMessage> before(String accountSid, String conversationSid, long beforeIndex, int max) {
        return jdbc.dsl().select().from(M.TABLE)
                .where(M.ACCOUNT_SID.eq(accountSid), M.CONVERSATION_SID.eq(conversationSid), M.INDEX.lt(beforeIndex))
                .orderBy(M.INDEX.desc()).limit(max)
                .fetch(SqlConversationMessageStore::message);
    }

    @Override
    public List<ConversationMessage> after(String accountSid, String conversationSid, long afterIndex, int max) {
        return jdbc.dsl().select().from(M.TABLE)
                .where(M.ACCOUNT_SID.eq(accountSid), M.CONVERSATION_SID.eq(conversationSid), M.INDEX.gt(afterIndex))
                .orderBy(M.INDEX.asc()).limit(max)
                .fetch(SqlConversationMessageStore::message);
    }

    @Override
    public boolean delete(String accountSid, String conversationSid, String sid) {
        jdbc.dsl().deleteFrom(D.TABLE)
                .where(D.ACCOUNT_SID.eq(accountSid), D.CONVERSATION_MESSAGE_SID.eq(sid)).execute();
        jdbc.dsl().deleteFrom(K.TABLE).where(K.ACCOUNT_SID.eq(accountSid), K.MESSAGE_SID.eq(sid)).execute();
        return jdbc.dsl().deleteFrom(M.TABLE)
                .where(M.ACCOUNT_SID.eq(accountSid), M.CONVERSATION_SID.eq(conversationSid), M.SID.eq(sid))
                .execute() > 0;
    }

    @Override
    public boolean recordDelivery(Delivery d) {
        return jdbc.dsl().insertInto(D.TABLE)
                .set(D.ACCOUNT_SID, d.accountSid())
                .set(D.CONVERSATION_MESSAGE_SID, d.conversationMessageSid())
                .set(D.PARTICIPANT_SID, d.participantSid())
                .set(D.CONVERSATION_SID, d.conversationSid())
                .set(D.MESSAGE_SID, d.messageSid())
                .set(D.ERROR_CODE, d.errorCode())
                .set(D.DATE_CREATED, Micros.of(d.dateCreated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<Delivery> findDelivery(String accountSid, String conversationMessageSid, String participantSid) {
        return jdbc.one(FIND_DELIVERY, s -> {
            s.setString(1, accountSid);
            s.setString(2, conversationMessageSid);
            s.setString(3, participantSid);
        }, r -> new Delivery(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                Jdbc.getInt(r, 6), Micros.toInstant(Jdbc.getLong(r, 7))));
    }

    @Override
    public boolean recordClientMessageId(String accountSid, String conversationSid, String identity,
            String clientMessageId, String messageSid, Instant at) {
        // The row count tells a conflict (see stack notes: SQLite's RETURNING after a conflict is the old row).
        return jdbc.dsl().insertInto(K.TABLE)
                .set(K.ACCOUNT_SID, accountSid)
                .set(K.CONVERSATION_SID, conversationSid)
                .set(K.IDENTITY, identity)
                .set(K.CLIENT_MESSAGE_ID, clientMessageId)
                .set(K.MESSAGE_SID, messageSid)
                .set(K.DATE_CREATED, Micros.of(at))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<String> findByClientMessageId(String accountSid, String conversationSid, String identity,
            String clientMessageId) {
        return jdbc.dsl().select(K.MESSAGE_SID).from(K.TABLE)
                .where(K.ACCOUNT_SID.eq(accountSid), K.CONVERSATION_SID.eq(conversationSid), K.IDENTITY.eq(identity),
                        K.CLIENT_MESSAGE_ID.eq(clientMessageId))
                .fetchOptional().map(r -> r.get(K.MESSAGE_SID));
    }

    @Override
    public Optional<String> clientMessageId(String accountSid, String messageSid) {
        return jdbc.dsl().select(K.CLIENT_MESSAGE_ID).from(K.TABLE)
                .where(K.ACCOUNT_SID.eq(accountSid), K.MESSAGE_SID.eq(messageSid))
                .fetchOptional().map(r -> r.get(K.CLIENT_MESSAGE_ID));
    }

    /** Read for every participant of every message the fan-out sends: plain JDBC over a cached statement. */
    private static final String FIND_DELIVERY = "SELECT account_sid, conversation_message_sid, participant_sid,"
            + " conversation_sid, message_sid, error_code, date_created FROM conversation_deliveries"
            + " WHERE account_sid = ? AND conversation_message_sid = ? AND participant_sid = ?";

    private static ConversationMessage message(Record r) {
        String media = r.get(M.MEDIA_SIDS);
        List<String> mediaSids = media == null || media.isEmpty() ? List.of() : Arrays.asList(media.split(","));
        return new ConversationMessage(r.get(M.SID), r.get(M.ACCOUNT_SID), r.get(M.CONVERSATION_SID),
                r.get(M.CHAT_SERVICE_SID), r.get(M.INDEX), r.get(M.AUTHOR), r.get(M.BODY), mediaSids,
                r.get(M.ATTRIBUTES), r.get(M.PARTICIPANT_SID), Micros.toInstant(r.get(M.DATE_CREATED)),
                Micros.toInstant(r.get(M.DATE_UPDATED)), r.get(M.CONTENT_SID) == null ? null
                        : new MessageContent(r.get(M.CONTENT_SID), JsonLists.readMap(r.get(M.CONTENT_VARIABLES))));
    }
}
