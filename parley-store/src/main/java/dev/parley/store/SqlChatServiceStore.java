package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.ChatServiceStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Conversation Services. The default one carries its account's SID in {@code default_of} (unique). */
final class SqlChatServiceStore implements ChatServiceStore {
    static final Table<Record> TABLE = table(name("chat_services"));
    static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    static final Field<String> SID = field(name("sid"), String.class);
    static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
    static final Field<String> DEFAULT_OF = field(name("default_of"), String.class);
    static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlChatServiceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ChatService s) {
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, s.accountSid())
                .set(SID, s.sid())
                .set(FRIENDLY_NAME, s.friendlyName())
                .set(DEFAULT_OF, s.isDefault() ? s.accountSid() : null)
                .set(DATE_CREATED, Micros.of(s.dateCreated()))
                .set(DATE_UPDATED, Micros.of(s.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<ChatService> find(String accountSid, String sid) {
        return jdbc.dsl().select().from(TABLE).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid))
                .fetchOptional(SqlChatServiceStore::service);
    }

    @Override
    public Optional<ChatService> findDefault(String accountSid) {
        return jdbc.dsl().select().from(TABLE).where(DEFAULT_OF.eq(accountSid), ACCOUNT_SID.eq(accountSid))
                .fetchOptional(SqlChatServiceStore::service);
    }

    @Override
    public void makeDefault(String accountSid, String sid) {
        // Cleared first: the unique index on default_of allows one default per account at every moment.
        jdbc.dsl().update(TABLE).set(DEFAULT_OF, (String) null)
                .where(ACCOUNT_SID.eq(accountSid), DEFAULT_OF.eq(accountSid)).execute();
        jdbc.dsl().update(TABLE).set(DEFAULT_OF, accountSid).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid)).execute();
    }

    @Override
    public Page<ChatService> list(String accountSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), TABLE, ACCOUNT_SID.eq(accountSid), DATE_CREATED, SID, page,
                SqlChatServiceStore::service);
    }

    @Override
    public boolean delete(String accountSid, String sid) {
        SqlConversationStore conversations = new SqlConversationStore(jdbc);
        for (String conversation : jdbc.dsl().select(SqlConversationStore.C.SID).from(SqlConversationStore.C.TABLE)
                .where(SqlConversationStore.C.ACCOUNT_SID.eq(accountSid),
                        SqlConversationStore.C.CHAT_SERVICE_SID.eq(sid))
                .fetch(SqlConversationStore.C.SID)) {
            conversations.delete(accountSid, conversation);
        }
        new SqlUserStore(jdbc).deleteService(accountSid, sid);
        new SqlRoleStore(jdbc).deleteService(accountSid, sid);
        SqlConversationConfigStore.deleteServiceConfiguration(jdbc, accountSid, sid);
        SqlConversationMediaStore.deleteService(jdbc, accountSid, sid);
        return jdbc.dsl().deleteFrom(TABLE).where(ACCOUNT_SID.eq(accountSid), SID.eq(sid)).execute() > 0;
    }

    private static ChatService service(Record r) {
        return new ChatService(r.get(SID), r.get(ACCOUNT_SID), r.get(FRIENDLY_NAME), r.get(DEFAULT_OF) != null,
                Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
