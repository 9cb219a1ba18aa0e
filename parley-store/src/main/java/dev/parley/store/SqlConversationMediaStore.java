package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.conversation.media.ConversationMedia;
import dev.parley.core.conversation.media.ConversationMediaStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Conversation media rows (V14). */
final class SqlConversationMediaStore implements ConversationMediaStore {
    private static final Table<Record> TABLE = table(name("conversation_media"));
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> SID = field(name("sid"), String.class);
    private static final Field<String> CHAT_SERVICE_SID = field(name("chat_service_sid"), String.class);
    private static final Field<String> CONTENT_TYPE = field(name("content_type"), String.class);
    private static final Field<String> FILENAME = field(name("filename"), String.class);
    private static final Field<Long> SIZE_BYTES = field(name("size_bytes"), Long.class);
    private static final Field<String> AUTHOR = field(name("author"), String.class);
    private static final Field<String> CONVERSATION_SID = field(name("conversation_sid"), String.class);
    private static final Field<String> MESSAGE_SID = field(name("message_sid"), String.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    private static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlConversationMediaStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(ConversationMedia m) {
        jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, m.accountSid())
                .set(SID, m.sid())
                .set(CHAT_SERVICE_SID, m.chatServiceSid())
                .set(CONTENT_TYPE, m.contentType())
                .set(FILENAME, m.filename())
                .set(SIZE_BYTES, m.size())
                .set(AUTHOR, m.author())
                .set(CONVERSATION_SID, m.conversationSid())
                .set(MESSAGE_SID, m.messageSid())
                .set(DATE_CREATED, Micros.of(m.dateCreated()))
                .set(DATE_UPDATED, Micros.of(m.dateUpdated()))
                .execute();
    }

    @Override
    public Optional<ConversationMedia> find(String accountSid, String chatServiceSid, String sid) {
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), SID.eq(sid), CHAT_SERVICE_SID.eq(chatServiceSid))
                .fetchOptional(SqlConversationMediaStore::media);
    }

    @Override
    public List<ConversationMedia> all(String accountSid, Collection<String> sids) {
        if (sids.isEmpty()) {
            return List.of();
        }
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), SID.in(sids))
                .fetch(SqlConversationMediaStore::media);
    }

    @Override
    public boolean attach(ConversationMedia m) {
        return jdbc.dsl().update(TABLE)
                .set(CONVERSATION_SID, m.conversationSid())
                .set(MESSAGE_SID, m.messageSid())
                .set(DATE_UPDATED, Micros.of(m.dateUpdated()))
                .where(ACCOUNT_SID.eq(m.accountSid()), SID.eq(m.sid()), MESSAGE_SID.isNull())
                .execute() > 0;
    }

    @Override
    public Page<ConversationMedia> list(String accountSid, String chatServiceSid, PageRequest page) {
        return Paging.oldestFirst(jdbc.dsl(), TABLE,
                ACCOUNT_SID.eq(accountSid).and(CHAT_SERVICE_SID.eq(chatServiceSid)), DATE_CREATED, SID, page,
                SqlConversationMediaStore::media);
    }

    @Override
    public List<ConversationMedia> ofConversation(String accountSid, String conversationSid) {
        return jdbc.dsl().select().from(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CONVERSATION_SID.eq(conversationSid))
                .fetch(SqlConversationMediaStore::media);
    }

    @Override
    public boolean delete(String accountSid, String chatServiceSid, String sid) {
        return jdbc.dsl().deleteFrom(TABLE)
                .where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid), SID.eq(sid))
                .execute() > 0;
    }

    /** Deletes every media row of a chat service (the service is being deleted). */
    static void deleteService(Jdbc jdbc, String accountSid, String chatServiceSid) {
        jdbc.dsl().deleteFrom(TABLE).where(ACCOUNT_SID.eq(accountSid), CHAT_SERVICE_SID.eq(chatServiceSid)).execute();
    }

    private static ConversationMedia media(Record r) {
        return new ConversationMedia(r.get(SID), r.get(ACCOUNT_SID), r.get(CHAT_SERVICE_SID), r.get(CONTENT_TYPE),
                r.get(FILENAME), r.get(SIZE_BYTES), r.get(AUTHOR), r.get(CONVERSATION_SID), r.get(MESSAGE_SID),
                Micros.toInstant(r.get(DATE_CREATED)), Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
