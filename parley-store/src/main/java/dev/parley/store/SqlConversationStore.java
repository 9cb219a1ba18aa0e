package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.Conversation;
import dev.parley.core.conversation.ConversationState;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Conversations and their participants. */
final class SqlConversationStore implements ConversationStore {

    static final class C {
        static final Table<Record> TABLE = table(name("conversations"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> CHAT_SERVICE_SID = field(name("chat_service_sid"), String.class);
        static final Field<String> MESSAGING_SERVICE_SID = field(name("messaging_service_sid"), String.class);
        static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
        static final Field<String> UNIQUE_NAME = field(name("unique_name"), String.class);
        static final Field<String> ATTRIBUTES = field(name("attributes"), String.class);
        static final Field<String> STATE = field(name("state"), String.class);
        static final Field<String> TIMER_INACTIVE = field(name("timer_inactive"), String.class);
        static final Field<String> TIMER_CLOSED = field(name("timer_closed"), String.class);
        static final Field<Long> DATE_INACTIVE = field(name("date_inactive"), Long.class);
        static final Field<Long> DATE_CLOSED = field(name("date_closed"), Long.class);
        static final Field<Long> NEXT_INDEX = field(name("next_index"), Long.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    static final class P {
        static final Table<Record> TABLE = table(name("conversation_participants"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> CONVERSATION_SID = field(name("conversation_sid"), String.class);
        static final Field<String> CHAT_SERVICE_SID = field(name("chat_service_sid"), String.class);
        static final Field<String> IDENTITY = field(name("identity"), String.class);
        static final Field<String> ADDRESS = field(name("address"), String.class);
        static final Field<String> PROXY_ADDRESS = field(name("proxy_address"), String.class);
        static final Field<String> PROJECTED_ADDRESS = field(name("projected_address"), String.class);
        static final Field<String> ATTRIBUTES = field(name("attributes"), String.class);
        static final Field<String> ROLE_SID = field(name("role_sid"), String.class);
        static final Field<Long> LAST_READ_INDEX = field(name("last_read_message_index"), Long.class);
        static final Field<String> LAST_READ_TIMESTAMP = field(name("last_read_timestamp"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
        static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    }

    private final Jdbc jdbc;

    SqlConversationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Conversation c) {
        if (c.uniqueName() != null && findByUniqueName(c.accountSid(), c.chatServiceSid(), c.uniqueName()).isPresent()) {
            return false;
        }
        jdbc.dsl().insertInto(C.TABLE)
                .set(C.ACCOUNT_SID, c.accountSid())
                .set(C.SID, c.sid())
                .set(C.CHAT_SERVICE_SID, c.chatServiceSid())
                .set(C.NEXT_INDEX, 0L)
                .set(C.DATE_CREATED, Micros.of(c.dateCreated()))
                .set(mutable(c))
                .execute();
        return true;
    }

    @Override
    public boolean update(Conversation c) {
        if (c.uniqueName() != null && findByUniqueName(c.accountSid(), c.chatServiceSid(), c.uniqueName())
                .filter(other -> !other.sid().equals(c.sid())).isPresent()) {
            return false;
        }
        jdbc.dsl().update(C.TABLE).set(mutable(c))
                .where(C.ACCOUNT_SID.eq(c.accountSid()), C.SID.eq(c.sid()))
                .execute();
        return true;
    }

    private static Map<Field<?>, Object> mutable(Conversation c) {
        Map<Field<?>, Object> m = new LinkedHashMap<>();
        m.put(C.MESSAGING_SERVICE_SID, c.messagingServiceSid());
        m.put(C.FRIENDLY_NAME, c.friendlyName());
        m.put(C.UNIQUE_NAME, c.uniqueName());
        m.put(C.ATTRIBUTES, c.attributes());
        m.put(C.STATE, c.state().wire());
        m.put(C.TIMER_INACTIVE, c.timers().inactive());
        m.put(C.TIMER_CLOSED, c.timers().closed());
        m.put(C.DATE_INACTIVE, Micros.of(c.timers().dateInactive()));
        m.put(C.DATE_CLOSED, Micros.of(c.timers().dateClosed()));
        m.put(C.DATE_UPDATED, Micros.of(c.dateUpdated()));
        return m;
    }

    @Override
    public Optional<Conversation> find(String accountSid, String sid) {
        return jdbc.one(FIND, s -> {
            s.setString(1, accountSid);
            s.setString(2, sid);
        }, SqlConversationStore::conversationRow);
    }

    /** Looked up on every receipt status change (its event): plain JDBC over a cached statement. */
    private static final String FIND = "SELECT sid, account_sid, chat_service_sid, messaging_service_sid, friendly_name,"
            + " unique_name, attributes, state, timer_inactive, timer_closed, date_inactive, date_closed, date_created,"
            + " date_updated FROM conversations WHERE account_sid = ? AND sid = ?";

    private static Conversation conversationRow(ResultSet r) throws SQLException {
        return new Conversation(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), ConversationState.valueOf(r.getString(8).toUpperCase(Locale.ROOT)),
                new Conversation.Timers(r.getString(9), r.getString(10), Micros.toInstant(Jdbc.getLong(r, 11)),
                        Micros.toInstant(Jdbc.getLong(r, 12))),
                Micros.toInstant(Jdbc.getLong(r, 13)), Micros.toInstant(Jdbc.getLong(r, 14)));
    }

    @Override
    public Optional<Conversation> findByUniqueName(String accountSid, String chatServiceSid, String uniqueName) {
        return jdbc.dsl().select().from(C.TABLE)
                .where(C.ACCOUNT_SID.eq(accountSid), C.CHAT_SERVICE_SID.eq(chatServiceSid),
                        C.UNIQUE_NAME.eq(uniqueName))
                .fetchOptional(SqlConversationStore::conversation);
    }

    @Override
    public Page<Conversation> list(String accountSid, Filter f, PageRequest page) {
        Condition where = C.ACCOUNT_SID.eq(accountSid).and(C.CHAT_SERVICE_SID.eq(f.chatServiceSid()));
        if (f.start() != null) {
            where = where.and(C.DATE_CREATED.ge(Micros.of(f.start())));
        }
        if (f.end() != null) {
            where = where.and(C.DATE_CREATED.lt(Micros.of(f.end())));
        }
        if (f.state() != null) {
            where = where.and(C.STATE.eq(f.state().wire()));
        }
        return Paging.newestFirst(jdbc.dsl(), C.TABLE, where, C.DATE_CREATED, C.SID, page,
                SqlConversationStore::conversation);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        jdbc.dsl().deleteFrom(SqlConversationMessageStore.D.TABLE)
                .where(SqlConversationMessageStore.D.ACCOUNT_SID.eq(accountSid),
                        SqlConversationMessageStore.D.CONVERSATION_SID.eq(sid)).execute();
        jdbc.dsl().deleteFrom(SqlConversationMessageStore.K.TABLE)
                .where(SqlConversationMessageStore.K.ACCOUNT_SID.eq(accountSid),
                        SqlConversationMessageStore.K.CONVERSATION_SID.eq(sid)).execute();
        jdbc.dsl().deleteFrom(SqlConversationMessageStore.M.TABLE)
                .where(SqlConversationMessageStore.M.ACCOUNT_SID.eq(accountSid),
                        SqlConversationMessageStore.M.CONVERSATION_SID.eq(sid)).execute();
        jdbc.dsl().deleteFrom(P.TABLE).where(P.ACCOUNT_SID.eq(accountSid), P.CONVERSATION_SID.eq(sid)).execute();
        return jdbc.dsl().deleteFrom(C.TABLE).where(C.ACCOUNT_SID.eq(accountSid), C.SID.eq(sid)).execute() > 0;
    }

    @Override
    public long takeIndex(String accountSid, String conversationSid) {
        // The UPDATE takes the row's lock first: a concurrent writer waits here until this transaction ends.
        jdbc.dsl().update(C.TABLE).set(C.NEXT_INDEX, C.NEXT_INDEX.plus(1))
                .where(C.ACCOUNT_SID.eq(accountSid), C.SID.eq(conversationSid)).execute();
        return jdbc.dsl().select(C.NEXT_INDEX).from(C.TABLE)
                .where(C.ACCOUNT_SID.eq(accountSid), C.SID.eq(conversationSid))
                .fetchSingle(C.NEXT_INDEX) - 1;
    }

    @Override
    public boolean insertParticipant(Participant p) {
        if (p.identity() != null && findParticipantByIdentity(p.accountSid(), p.conversationSid(), p.identity())
                .isPresent()) {
            return false;
        }
        // Writes are serialized (one writer), so the check above holds; the unique index backs it up.
        jdbc.dsl().insertInto(P.TABLE)
                .set(P.ACCOUNT_SID, p.accountSid())
                .set(P.SID, p.sid())
                .set(P.CONVERSATION_SID, p.conversationSid())
                .set(P.CHAT_SERVICE_SID, p.chatServiceSid())
                .set(P.ADDRESS, p.binding().address())
                .set(P.DATE_CREATED, Micros.of(p.dateCreated()))
                .set(mutable(p))
                .execute();
        return true;
    }

    @Override
    public void updateParticipant(Participant p) {
        jdbc.dsl().update(P.TABLE).set(mutable(p))
                .where(P.ACCOUNT_SID.eq(p.accountSid()), P.SID.eq(p.sid()))
                .execute();
    }

    private static Map<Field<?>, Object> mutable(Participant p) {
        Map<Field<?>, Object> m = new LinkedHashMap<>();
        m.put(P.IDENTITY, p.identity());
        m.put(P.PROXY_ADDRESS, p.binding().proxyAddress());
        m.put(P.PROJECTED_ADDRESS, p.binding().projectedAddress());
        m.put(P.ATTRIBUTES, p.attributes());
        m.put(P.ROLE_SID, p.roleSid());
        m.put(P.LAST_READ_INDEX, p.lastReadMessageIndex());
        m.put(P.LAST_READ_TIMESTAMP, p.lastReadTimestamp());
        m.put(P.DATE_UPDATED, Micros.of(p.dateUpdated()));
        return m;
    }

    @Override
    public Optional<Participant> findParticipant(String accountSid, String conversationSid, String sid) {
        return jdbc.dsl().select().from(P.TABLE)
                .where(P.ACCOUNT_SID.eq(accountSid), P.CONVERSATION_SID.eq(conversationSid), P.SID.eq(sid))
                .fetchOptional(SqlConversationStore::participant);
    }

    @Override
    public Optional<Participant> findParticipantByIdentity(String accountSid, String conversationSid,
            String identity) {
        return jdbc.dsl().select().from(P.TABLE)
                .where(P.ACCOUNT_SID.eq(accountSid), P.CONVERSATION_SID.eq(conversationSid), P.IDENTITY.eq(identity))
                .fetchOptional(SqlConversationStore::participant);
    }

    @Override
    public Page<Participant> listParticipants(String accountSid, String conversationSid, PageRequest page) {
        return Paging.oldestFirst(jdbc.dsl(), P.TABLE,
                P.ACCOUNT_SID.eq(accountSid).and(P.CONVERSATION_SID.eq(conversationSid)), P.DATE_CREATED, P.SID, page,
                SqlConversationStore::participant);
    }

    @Override
    public List<Participant> participants(String accountSid, String conversationSid) {
        return jdbc.dsl().select().from(P.TABLE)
                .where(P.ACCOUNT_SID.eq(accountSid), P.CONVERSATION_SID.eq(conversationSid))
                .orderBy(P.DATE_CREATED, P.SID)
                .fetch(SqlConversationStore::participant);
    }

    @Override
    public boolean deleteParticipant(String accountSid, String conversationSid, String sid) {
        return jdbc.dsl().deleteFrom(P.TABLE)
                .where(P.ACCOUNT_SID.eq(accountSid), P.CONVERSATION_SID.eq(conversationSid), P.SID.eq(sid))
                .execute() > 0;
    }

    @Override
    public List<Participant> openBindings(String accountSid, String address, String proxyAddress) {
        return openParticipants(accountSid, participantColumn("address").eq(address)
                .and(participantColumn("proxy_address").eq(proxyAddress)));
    }

    @Override
    public List<Participant> openProjections(String accountSid, String projectedAddress) {
        return openParticipants(accountSid, participantColumn("projected_address").eq(projectedAddress));
    }

    /** The account's participants that meet {@code condition}, in conversations not closed, oldest first. */
    private List<Participant> openParticipants(String accountSid, Condition condition) {
        // A join names each column with its table.
        Field<String> pAccount = participantColumn("account_sid");
        Field<String> cAccount = field(name("conversations", "account_sid"), String.class);
        Field<String> cSid = field(name("conversations", "sid"), String.class);
        Field<String> cState = field(name("conversations", "state"), String.class);
        return jdbc.dsl().select(P.TABLE.asterisk()).from(P.TABLE)
                .join(C.TABLE).on(cAccount.eq(pAccount), cSid.eq(participantColumn("conversation_sid")))
                .where(pAccount.eq(accountSid), condition, cState.ne(ConversationState.CLOSED.wire()))
                .orderBy(participantColumn("date_created"), participantColumn("sid"))
                .fetch(SqlConversationStore::participant);
    }

    private static Field<String> participantColumn(String column) {
        return field(name("conversation_participants", column), String.class);
    }

    private static Conversation conversation(Record r) {
        return new Conversation(r.get(C.SID), r.get(C.ACCOUNT_SID), r.get(C.CHAT_SERVICE_SID),
                r.get(C.MESSAGING_SERVICE_SID), r.get(C.FRIENDLY_NAME), r.get(C.UNIQUE_NAME), r.get(C.ATTRIBUTES),
                ConversationState.valueOf(r.get(C.STATE).toUpperCase(Locale.ROOT)),
                new Conversation.Timers(r.get(C.TIMER_INACTIVE), r.get(C.TIMER_CLOSED),
                        Micros.toInstant(r.get(C.DATE_INACTIVE)), Micros.toInstant(r.get(C.DATE_CLOSED))),
                Micros.toInstant(r.get(C.DATE_CREATED)), Micros.toInstant(r.get(C.DATE_UPDATED)));
    }

    static Participant participant(Record r) {
        return new Participant(r.get(P.SID), r.get(P.ACCOUNT_SID), r.get(P.CONVERSATION_SID),
                r.get(P.CHAT_SERVICE_SID), r.get(P.IDENTITY),
                new Participant.Binding(r.get(P.ADDRESS), r.get(P.PROXY_ADDRESS), r.get(P.PROJECTED_ADDRESS)),
                r.get(P.ATTRIBUTES), r.get(P.ROLE_SID), r.get(P.LAST_READ_INDEX), r.get(P.LAST_READ_TIMESTAMP),
                Micros.toInstant(r.get(P.DATE_CREATED)), Micros.toInstant(r.get(P.DATE_UPDATED)));
    }
}
