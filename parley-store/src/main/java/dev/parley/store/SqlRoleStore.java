package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.user.Role;
import dev.parley.core.conversation.user.RoleStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Roles of Conversation Services; permissions as one comma-separated column. */
final class SqlRoleStore implements RoleStore {
    static final Table<Record> TABLE = table(name("conversation_roles"));
    static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    static final Field<String> SID = field(name("sid"), String.class);
    static final Field<String> CHAT_SERVICE_SID = field(name("chat_service_sid"), String.class);
    static final Field<String> FRIENDLY_NAME = field(name("friendly_name"), String.class);
    static final Field<String> TYPE = field(name("role_type"), String.class);
    static final Field<String> PERMISSIONS = field(name("permissions"), String.class);
    static final Field<String> DEFAULT_NAME = field(name("default_name"), String.class);
    static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlRoleStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Role r) {
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, r.accountSid())
                .set(SID, r.sid())
                .set(CHAT_SERVICE_SID, r.chatServiceSid())
                .set(FRIENDLY_NAME, r.friendlyName())
                .set(TYPE, r.type().wire())
                .set(PERMISSIONS, String.join(",", r.permissions()))
                .set(DEFAULT_NAME, r.defaultName())
                .set(DATE_CREATED, Micros.of(r.dateCreated()))
                .set(DATE_UPDATED, Micros.of(r.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public void update(Role r) {
        jdbc.dsl().update(TABLE)
                .set(PERMISSIONS, String.join(",", r.permissions()))
                .set(DATE_UPDATED, Micros.of(r.dateUpdated()))
                .where(ACCOUNT_SID.eq(r.accountSid()), SID.eq(r.sid()))
                .execute();
    }

    @Override
    public Optional<Role> find(String accountSid, String chatServiceSid, String sid) {
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid), SID.eq(sid))
                .fetchOptional(SqlRoleStore::role);
    }

    @Override
    public List<Role> defaults(String accountSid, String chatServiceSid) {
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid), DEFAULT_NAME.isNotNull())
                .fetch(SqlRoleStore::role);
    }

    @Override
    public Page<Role> list(String accountSid, String chatServiceSid, PageRequest page) {
        return Paging.oldestFirst(jdbc.dsl(), TABLE, ACCOUNT_SID.eq(accountSid).and(CHAT_SERVICE_SID.eq(chatServiceSid)),
                DATE_CREATED, SID, page, SqlRoleStore::role);
    }

    @Override
    public boolean delete(String accountSid, String chatServiceSid, String sid) {
        return jdbc.dsl().deleteFrom(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid), SID.eq(sid))
                .execute() > 0;
    }

    @Override
    public boolean inUse(String accountSid, String chatServiceSid, String sid) {
        return jdbc.dsl().fetchExists(jdbc.dsl().selectOne().from(SqlUserStore.TABLE)
                .where(SqlUserStore.ACCOUNT_SID.eq(accountSid), SqlUserStore.CHAT_SERVICE_SID.eq(chatServiceSid),
                        SqlUserStore.ROLE_SID.eq(sid)))
                || jdbc.dsl().fetchExists(jdbc.dsl().selectOne().from(SqlConversationStore.P.TABLE)
                .where(SqlConversationStore.P.ACCOUNT_SID.eq(accountSid),
                        SqlConversationStore.P.CHAT_SERVICE_SID.eq(chatServiceSid),
                        SqlConversationStore.P.ROLE_SID.eq(sid)));
    }

    /** Deletes every role of the service (with the service). */
    void deleteService(String accountSid, String chatServiceSid) {
        jdbc.dsl().deleteFrom(TABLE).where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid)).execute();
    }

    private static Role role(Record r) {
        String permissions = r.get(PERMISSIONS);
        return new Role(r.get(SID), r.get(ACCOUNT_SID), r.get(CHAT_SERVICE_SID), r.get(FRIENDLY_NAME),
                Role.Type.valueOf(r.get(TYPE).toUpperCase(Locale.ROOT)),
                permissions.isEmpty() ? List.of() : Arrays.asList(permissions.split(",")), r.get(DEFAULT_NAME),
                Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
