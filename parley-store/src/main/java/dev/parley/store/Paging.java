package dev.parley.store;

import dev.parley.core.store.Cursor;
import dev.parley.core.store.Page;
import dev.parley.core.store.PageRequest;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Pages over a (created, sid) key, newest or oldest first. With a cursor, the rows strictly after it; without, {@code offset}
 * rows skipped. One row more than the page is fetched to know whether a next page exists.
 */
final class Paging {
    private Paging() {
    }

    static <T> Page<T> newestFirst(DSLContext dsl, Table<?> table, Condition where, Field<Long> created,
            Field<String> sid, PageRequest request, RecordMapper<Record, T> mapper) {
        return page(dsl, table, where, created, sid, request, mapper, true);
    }

    /** {@link #newestFirst} in the other direction: oldest first over the same (created, sid) key. */
    static <T> Page<T> oldestFirst(DSLContext dsl, Table<?> table, Condition where, Field<Long> created,
            Field<String> sid, PageRequest request, RecordMapper<Record, T> mapper) {
        return page(dsl, table, where, created, sid, request, mapper, false);
    }

    private static <T> Page<T> page(DSLContext dsl, Table<?> table, Condition where, Field<Long> created,
            Field<String> sid, PageRequest request, RecordMapper<Record, T> mapper, boolean newest) {
        Condition condition = where;
        Cursor after = request.after();
        if (after != null) {
            var key = DSL.row(created, sid);
            condition = condition.and(newest ? key.lt(after.createdMicros(), after.sid())
                    : key.gt(after.createdMicros(), after.sid()));
        }
        List<Record> rows = dsl.select().from(table).where(condition)
                .orderBy(newest ? created.desc() : created.asc(), newest ? sid.desc() : sid.asc())
                .limit(request.size() + 1)
                .offset(request.offset())
                .fetch();
        if (rows.size() <= request.size()) {
            return new Page<>(rows.stream().map(mapper::map).toList(), null);
        }
        Record last = rows.get(request.size() - 1);
        List<T> items = rows.subList(0, request.size()).stream().map(mapper::map).toList();
        return new Page<>(items, new Cursor(last.get(created), last.get(sid)));
    }
}
