package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.participant.Participant;
import dev.parley.core.conversation.user.ConversationUser;
import dev.parley.core.conversation.user.UserStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Users of Conversation Services, and the per-participant notification level. */
final class SqlUserStore implements UserStore {
    static final Table<Record> TABLE = table(name("conversation_users"));
    static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    static final Field<String> SID = field(name("sid"), String.class);
    static final Field<String> CHAT_SERVICE_SID = field(name("chat_service_sid"), String.class);
    static final Field<String> IDENTITY = field(name("identity"), String.class);
    static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
    static final Field<String> ATTRIBUTES = field(name("attributes"), String.class);
    static final Field<String> ROLE_SID = field(name("role_sid"), String.class);
    static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);
    private static final Field<String> NOTIFICATION_LEVEL = field(name("notification_level"), String.class);

    private final Jdbc jdbc;

    SqlUserStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ConversationUser u) {
        if (findByIdentity(u.accountSid(), u.chatServiceSid(), u.identity()).isPresent()) {
            return false;
        }
        // Writes are serialized (one writer), so the check above holds; the unique index backs it up.
        jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, u.accountSid())
                .set(SID, u.sid())
                .set(CHAT_SERVICE_SID, u.chatServiceSid())
                .set(IDENTITY, u.identity())
                .set(FRIENDLY_NAME, u.friendlyName())
                .set(ATTRIBUTES, u.attributes())
                .set(ROLE_SID, u.roleSid())
                .set(DATE_CREATED, Micros.of(u.dateCreated()))
                .set(DATE_UPDATED, Micros.of(u.dateUpdated()))
                .execute();
        return true;
    }

    @Override
    public void update(ConversationUser u) {
        jdbc.dsl().update(TABLE)
                .set(FRIENDLY_NAME, u.friendlyName())
                .set(ATTRIBUTES, u.attributes())
                .set(ROLE_SID, u.roleSid())
                .set(DATE_UPDATED, Micros.of(u.dateUpdated()))
                .where(ACCOUNT_SID.eq(u.accountSid()), SID.eq(u.sid()))
                .execute();
    }

    @Override
    public Optional<ConversationUser> find(String accountSid, String chatServiceSid, String sid) {
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid), SID.eq(sid))
                .fetchOptional(SqlUserStore::user);
    }

    @Override
    public Optional<ConversationUser> findByIdentity(String accountSid, String chatServiceSid, String identity) {
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid), IDENTITY.eq(identity))
                .fetchOptional(SqlUserStore::user);
    }

    @Override
    public Page<ConversationUser> list(String accountSid, String chatServiceSid, PageRequest page) {
        return Paging.oldestFirst(jdbc.dsl(), TABLE, ACCOUNT_SID.eq(accountSid).and(CHAT_SERVICE_SID.eq(chatServiceSid)),
                DATE_CREATED, SID, page, SqlUserStore::user);
    }

    @Override
    public boolean delete(String accountSid, String chatServiceSid, String sid) {
        return jdbc.dsl().deleteFrom(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid), SID.eq(sid))
                .execute() > 0;
    }

    /** Deletes every user of the service (with the service). */
    void deleteService(String accountSid, String chatServiceSid) {
        jdbc.dsl().deleteFrom(TABLE).where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid)).execute();
    }

    @Override
    public Page<Participant> participantsOf(String accountSid, String chatServiceSid, String identity, String address,
            PageRequest page) {
        return Paging.oldestFirst(jdbc.dsl(), SqlConversationStore.P.TABLE,
                SqlConversationStore.P.ACCOUNT_SID.eq(accountSid)
                        .and(SqlConversationStore.P.CHAT_SERVICE_SID.eq(chatServiceSid))
                        .and(identity != null ? SqlConversationStore.P.IDENTITY.eq(identity)
                                : SqlConversationStore.P.ADDRESS.eq(address)),
                SqlConversationStore.P.DATE_CREATED, SqlConversationStore.P.SID, page,
                SqlConversationStore::participant);
    }

    @Override
    public String notificationLevel(String accountSid, String participantSid) {
        String level = jdbc.dsl().select(NOTIFICATION_LEVEL).from(SqlConversationStore.P.TABLE)
                .where(SqlConversationStore.P.ACCOUNT_SID.eq(accountSid), SqlConversationStore.P.SID.eq(participantSid))
                .fetchOptional(NOTIFICATION_LEVEL).orElse(null);
        return level == null ? "default" : level;
    }

    @Override
    public void setNotificationLevel(String accountSid, String participantSid, String level) {
        jdbc.dsl().update(SqlConversationStore.P.TABLE).set(NOTIFICATION_LEVEL, level)
                .where(SqlConversationStore.P.ACCOUNT_SID.eq(accountSid), SqlConversationStore.P.SID.eq(participantSid))
                .execute();
    }

    @Override
    public long countMessagesAfter(String accountSid, String conversationSid, long index) {
        return jdbc.dsl().selectCount().from(SqlConversationMessageStore.M.TABLE)
                .where(SqlConversationMessageStore.M.ACCOUNT_SID.eq(accountSid),
                        SqlConversationMessageStore.M.CONVERSATION_SID.eq(conversationSid),
                        SqlConversationMessageStore.M.INDEX.gt(index))
                .fetchSingle(0, Long.class);
    }

    private static ConversationUser user(Record r) {
        return new ConversationUser(r.get(SID), r.get(ACCOUNT_SID), r.get(CHAT_SERVICE_SID), r.get(IDENTITY),
                r.get(FRIENDLY_NAME), r.get(ATTRIBUTES), r.get(ROLE_SID), Micros.toInstant(r.get(DATE_CREATED)),
                Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
