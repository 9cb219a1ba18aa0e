package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.media.Media;
import dev.parley.core.media.MediaStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Media rows, keyed by (account_sid, sid) and always looked up through their message. */
final class SqlMediaStore implements MediaStore {

    private static final class MediaTable {
        static final Table<Record> TABLE = table(name("media"));
        static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
        static final Field<String> SID = field(name("sid"), String.class);
        static final Field<String> MESSAGE_SID = field(name("message_sid"), String.class);
        static final Field<Integer> POSITION = field(name("position"), Integer.class);
        static final Field<String> CONTENT_TYPE = field(name("content_type"), String.class);
        static final Field<Long> SIZE_BYTES = field(name("size_bytes"), Long.class);
        static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    }

    private static final String COLUMNS = "account_sid, sid, message_sid, position, content_type, size_bytes,"
            + " date_created";
    private static final String INSERT = "INSERT INTO media (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM media"
            + " WHERE account_sid = ? AND message_sid = ? AND sid = ?";
    private static final String ALL = "SELECT " + COLUMNS + " FROM media"
            + " WHERE account_sid = ? AND message_sid = ? ORDER BY position";
    private static final String DELETE = "DELETE FROM media WHERE account_sid = ? AND message_sid = ? AND sid = ?";
    private static final String DELETE_BY_MESSAGE = "DELETE FROM media WHERE account_sid = ? AND message_sid = ?";

    private final Jdbc jdbc;

    SqlMediaStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Media m) {
        jdbc.update(INSERT, s -> {
            s.setString(1, m.accountSid());
            s.setString(2, m.sid());
            s.setString(3, m.messageSid());
            s.setInt(4, m.position());
            s.setString(5, m.contentType());
            s.setLong(6, m.size());
            Jdbc.setLong(s, 7, Micros.of(m.dateCreated()));
        });
    }

    @Override
    public Optional<Media> find(String accountSid, String messageSid, String sid) {
        return jdbc.one(FIND, s -> {
            s.setString(1, accountSid);
            s.setString(2, messageSid);
            s.setString(3, sid);
        }, SqlMediaStore::media);
    }

    @Override
    public Page<Media> list(String accountSid, String messageSid, Instant from, Instant until, PageRequest page) {
        Condition where = MediaTable.ACCOUNT_SID.eq(accountSid).and(MediaTable.MESSAGE_SID.eq(messageSid));
        if (from != null) {
            where = where.and(MediaTable.DATE_CREATED.ge(Micros.of(from)));
        }
        if (until != null) {
            where = where.and(MediaTable.DATE_CREATED.lt(Micros.of(until)));
        }
        return Paging.newestFirst(jdbc.dsl(), MediaTable.TABLE, where, MediaTable.DATE_CREATED, MediaTable.SID, page,
                r -> new Media(r.get(MediaTable.SID), r.get(MediaTable.ACCOUNT_SID), r.get(MediaTable.MESSAGE_SID),
                        r.get(MediaTable.POSITION), r.get(MediaTable.CONTENT_TYPE), r.get(MediaTable.SIZE_BYTES),
                        Micros.toInstant(r.get(MediaTable.DATE_CREATED))));
    }

    @Override
    public List<Media> all(String accountSid, String messageSid) {
        return jdbc.all(ALL, s -> {
            s.setString(1, accountSid);
            s.setString(2, messageSid);
        }, SqlMediaStore::media);
    }

    @Override
    public boolean delete(String accountSid, String messageSid, String sid) {
        return jdbc.update(DELETE, s -> {
            s.setString(1, accountSid);
            s.setString(2, messageSid);
            s.setString(3, sid);
        }) > 0;
    }

    @Override
    public int deleteByMessage(String accountSid, String messageSid) {
        return jdbc.update(DELETE_BY_MESSAGE, s -> {
            s.setString(1, accountSid);
            s.setString(2, messageSid);
        });
    }

    /** A row of {@link #COLUMNS}. */
    private static Media media(ResultSet r) throws SQLException {
        return new Media(r.getString(2), r.getString(1), r.getString(3), r.getInt(4), r.getString(5), r.getLong(6),
                Micros.toInstant(Jdbc.getLong(r, 7)));
    }
}
