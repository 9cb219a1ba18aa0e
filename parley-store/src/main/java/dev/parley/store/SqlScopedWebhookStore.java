package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.hook.ScopedWebhook;
import dev.parley.core.conversation.hook.ScopedWebhookStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Conversation-scoped webhooks (V13). */
final class SqlScopedWebhookStore implements ScopedWebhookStore {
    private static final Table<Record> TABLE = table(name("conversation_scoped_webhooks"));
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> SID = field(name("sid"), String.class);
    private static final Field<String> CONVERSATION_SID = field(name("conversation_sid"), String.class);
    private static final Field<String> TARGET = field(name("target"), String.class);
    private static final Field<String> URL = field(name("url"), String.class);
    private static final Field<String> METHOD = field(name("method"), String.class);
    private static final Field<String> FILTERS = field(name("filters"), String.class);
    private static final Field<String> TRIGGERS = field(name("triggers"), String.class);
    private static final Field<String> FLOW_SID = field(name("flow_sid"), String.class);
    private static final Field<Integer> REPLAY_AFTER = field(name("replay_after"), Integer.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    private static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlScopedWebhookStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(ScopedWebhook w) {
        ScopedWebhook.Settings s = w.settings();
        jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, w.accountSid())
                .set(SID, w.sid())
                .set(CONVERSATION_SID, w.conversationSid())
                .set(TARGET, w.target())
                .set(URL, s.url())
                .set(METHOD, s.method())
                .set(FILTERS, String.join(",", s.filters()))
                .set(TRIGGERS, String.join(",", s.triggers()))
                .set(FLOW_SID, s.flowSid())
                .set(REPLAY_AFTER, s.replayAfter())
                .set(DATE_CREATED, Micros.of(w.dateCreated()))
                .set(DATE_UPDATED, Micros.of(w.dateUpdated()))
                .execute();
    }

    @Override
    public void update(ScopedWebhook w) {
        ScopedWebhook.Settings s = w.settings();
        jdbc.dsl().update(TABLE)
                .set(URL, s.url())
                .set(METHOD, s.method())
                .set(FILTERS, String.join(",", s.filters()))
                .set(TRIGGERS, String.join(",", s.triggers()))
                .set(FLOW_SID, s.flowSid())
                .set(REPLAY_AFTER, s.replayAfter())
                .set(DATE_UPDATED, Micros.of(w.dateUpdated()))
                .where(ACCOUNT_SID.eq(w.accountSid()), SID.eq(w.sid()))
                .execute();
    }

    @Override
    public Optional<ScopedWebhook> find(String accountSid, String conversationSid, String sid) {
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CONVERSATION_SID.eq(conversationSid), SID.eq(sid))
                .fetchOptional(SqlScopedWebhookStore::webhook);
    }

    @Override
    public List<ScopedWebhook> list(String accountSid, String conversationSid) {
        return jdbc.all(LIST, s -> {
            s.setString(1, accountSid);
            s.setString(2, conversationSid);
        }, r -> new ScopedWebhook(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                new ScopedWebhook.Settings(r.getString(5), r.getString(6), names(r.getString(7)),
                        names(r.getString(8)), r.getString(9), Jdbc.getInt(r, 10)),
                Micros.toInstant(Jdbc.getLong(r, 11)), Micros.toInstant(Jdbc.getLong(r, 12))));
    }

    /** Read on every conversation event, receipts' included: plain JDBC over a cached statement. */
    private static final String LIST = "SELECT sid, account_sid, conversation_sid, target, url, method, filters,"
            + " triggers, flow_sid, replay_after, date_created, date_updated FROM conversation_scoped_webhooks"
            + " WHERE account_sid = ? AND conversation_sid = ? ORDER BY date_created, sid";

    @Override
    public boolean delete(String accountSid, String conversationSid, String sid) {
        return jdbc.dsl().deleteFrom(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CONVERSATION_SID.eq(conversationSid), SID.eq(sid))
                .execute() > 0;
    }

    private static ScopedWebhook webhook(Record r) {
        return new ScopedWebhook(r.get(SID), r.get(ACCOUNT_SID), r.get(CONVERSATION_SID), r.get(TARGET),
                new ScopedWebhook.Settings(r.get(URL), r.get(METHOD), names(r.get(FILTERS)), names(r.get(TRIGGERS)),
                        r.get(FLOW_SID), r.get(REPLAY_AFTER)),
                Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }

    private static List<String> names(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
