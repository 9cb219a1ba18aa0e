package dev.parley.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.parley.core.connection.ChannelConnection;
import dev.parley.core.connection.ChannelConnectionStore;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Channels (V22): one row each, the type's settings as JSON text (secrets among them, as the SMPP password); the
 * name is unique (an index, not a lookup).
 */
final class SqlChannelConnectionStore implements ChannelConnectionStore {
    private static final Table<Record> TABLE = table(name("channel_connections"));
    private static final Field<String> ACCOUNT_SID = field(name("account_sid"), String.class);
    private static final Field<String> SID = field(name("sid"), String.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<String> TYPE = field(name("type"), String.class);
    private static final Field<String> SOURCE = field(name("source"), String.class);
    private static final Field<String> SETTINGS = field(name("settings"), String.class);
    private static final Field<Long> DATE_CREATED = field(name("date_created"), Long.class);
    private static final Field<Long> DATE_UPDATED = field(name("date_updated"), Long.class);

    private final Jdbc jdbc;

    SqlChannelConnectionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ChannelConnection c) {
        // The row count tells a conflict apart: jOOQ's RETURNING emulation on SQLite reports the previous row.
        return jdbc.dsl().insertInto(TABLE)
                .set(ACCOUNT_SID, c.accountSid())
                .set(SID, c.sid())
                .set(NAME, c.name())
                .set(TYPE, c.type().name())
                .set(SOURCE, c.source().name())
                .set(SETTINGS, settings(c))
                .set(DATE_CREATED, Micros.of(c.dateCreated()))
                .set(DATE_UPDATED, Micros.of(c.dateUpdated()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public void update(ChannelConnection c) {
        jdbc.dsl().update(TABLE)
                .set(TYPE, c.type().name())
                .set(SOURCE, c.source().name())
                .set(SETTINGS, settings(c))
                .set(DATE_UPDATED, Micros.of(c.dateUpdated()))
                .where(NAME.eq(c.name()), SID.eq(c.sid()))
                .execute();
    }

    @Override
    public Optional<ChannelConnection> find(String name) {
        return jdbc.dsl().select().from(TABLE).where(NAME.eq(name))
                .fetchOptional(SqlChannelConnectionStore::connection);
    }

    @Override
    public Page<ChannelConnection> list(String accountSid, PageRequest page) {
        return Paging.newestFirst(jdbc.dsl(), TABLE, ACCOUNT_SID.eq(accountSid), DATE_CREATED, SID, page,
                SqlChannelConnectionStore::connection);
    }

    @Override
    public List<ChannelConnection> all() {
        return jdbc.dsl().select().from(TABLE).orderBy(NAME).fetch(SqlChannelConnectionStore::connection);
    }

    @Override
    public boolean delete(String name) {
        return jdbc.dsl().deleteFrom(TABLE).where(NAME.eq(name)).execute() > 0;
    }

    private static String settings(ChannelConnection c) {
        return switch (c.type()) {
            case SMPP -> ChannelSettingsJson.write(c.smpp());
            case ROUTE -> ChannelSettingsJson.write(c.routes());
            case WHATSAPP -> ChannelSettingsJson.write(c.whatsApp());
            case TWILIO -> ChannelSettingsJson.write(c.twilio());
        };
    }

    private static ChannelConnection connection(Record r) {
        ChannelConnection.Type type = ChannelConnection.Type.valueOf(r.get(TYPE));
        String settings = r.get(SETTINGS);
        return new ChannelConnection(r.get(SID), r.get(ACCOUNT_SID), r.get(NAME), type,
                type == ChannelConnection.Type.SMPP ? ChannelSettingsJson.smpp(settings) : null,
                type == ChannelConnection.Type.ROUTE ? ChannelSettingsJson.routes(settings) : null,
                type == ChannelConnection.Type.WHATSAPP ? ChannelSettingsJson.whatsApp(settings) : null,
                type == ChannelConnection.Type.TWILIO ? ChannelSettingsJson.twilio(settings) : null,
                ChannelConnection.Source.valueOf(r.get(SOURCE)), Micros.toInstant(r.get(DATE_CREATED)),
                Micros.toInstant(r.get(DATE_UPDATED)));
    }
}
