package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.message.Direction;
import dev.parley.core.message.Message;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.Channels;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.simulator.HandsetInboxStore;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Handset-to-handset group MMS deliveries, keyed by (account_sid, sid); address lists as JSON arrays. */
final class SqlHandsetInboxStore implements HandsetInboxStore {

    private static final class Inbox {
        static final Table<Record> TABLE = table(name("handset_group_messages"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> HANDSET = field(name("handset"), String.class);
        static final Field<String> FROM = field(name("from_address"), String.class);
        static final Field<String> BODY = field(name("body"), String.class);
        static final Field<String> MEDIA_URLS = field(name("media_urls"), String.class);
        static final Field<String> GROUP_RECIPIENTS = field(name("group_recipients"), String.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    }

    private final Jdbc jdbc;

    SqlHandsetInboxStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Message m) {
        jdbc.dsl().insertInto(Inbox.TABLE)
                .set(Inbox.ACCOUNT_SID, m.accountSid())
                .set(Inbox.SID, m.sid())
                .set(Inbox.HANDSET, m.to())
                .set(Inbox.FROM, m.from())
                .set(Inbox.BODY, m.body())
                .set(Inbox.MEDIA_URLS, m.mediaUrls().isEmpty() ? null : JsonLists.write(m.mediaUrls()))
                .set(Inbox.GROUP_RECIPIENTS, JsonLists.write(m.groupRecipients()))
                .set(Inbox.DATE_CREATED, Micros.of(m.dateCreated()))
                .execute();
    }

    @Override
    public Page<Message> list(String accountSid, String handset, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), Inbox.TABLE, Inbox.ACCOUNT_SID.eq(accountSid).and(Inbox.HANDSET.eq(handset)),
                Inbox.DATE_CREATED, Inbox.SID, page, SqlHandsetInboxStore::message);
    }

    private static Message message(Record r) {
        List<String> media = JsonLists.read(r.get(Inbox.MEDIA_URLS));
        var at = Micros.toInstant(r.get(Inbox.DATE_CREATED));
        return new Message(r.get(Inbox.SID), r.get(Inbox.ACCOUNT_SID), null, r.get(Inbox.FROM), r.get(Inbox.HANDSET),
                r.get(Inbox.BODY), media, 1, Direction.INBOUND, MessageStatus.RECEIVED, null, null, null, null,
                Channels.SIMULATOR, null, Message.StatusCallback.NONE, at, at, at,
                // The handset received every media with the message: num_media counts them all.
                JsonLists.read(r.get(Inbox.GROUP_RECIPIENTS)), false, media.size(), null);
    }
}
