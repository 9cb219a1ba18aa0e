package dev.parley.store;

import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Row2;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Pages over a (created, sid) key, newest or oldest first, in both directions. With an after-cursor, the rows strictly
 * after it; with a before-cursor, the rows strictly before it (read in reverse from the cursor, then turned round);
 * without, {@code offset} rows skipped. One row more than the page is fetched to know whether the page beyond it in
 * the reading direction exists; the page on the other side is found with one indexed existence query.
 */
final class Paging {
    private Paging() {
    }

    static <T> Page<T> newestFirst(DSLContext dsl, Table<?> table, Condition where, Field<Long> created,
            Field<String> sid, PageRequest request, RecordMapper<Record, T> mapper) {
        return new Lister(dsl, table, where, created, sid, true).page(request, mapper);
    }

    /** {@link #newestFirst} in the other direction: oldest first over the same (created, sid) key. */
    static <T> Page<T> oldestFirst(DSLContext dsl, Table<?> table, Condition where, Field<Long> created,
            Field<String> sid, PageRequest request, RecordMapper<Record, T> mapper) {
        return new Lister(dsl, table, where, created, sid, false).page(request, mapper);
    }

    private record Lister(DSLContext dsl, Table<?> table, Condition where, Field<Long> created, Field<String> sid,
            boolean newest) {

        <T> Page<T> page(PageRequest request, RecordMapper<Record, T> mapper) {
            Cursor cursor = request.cursor();
            boolean backward = cursor != null && cursor.isBefore();
            Condition condition = cursor == null ? where
                    : where.and(beyond(cursor.createdMicros(), cursor.sid(), !backward));
            // Backward reads scan against the list's order, from the cursor outwards.
            boolean descending = newest != backward;
            List<Record> rows = dsl.select().from(table).where(condition)
                    .orderBy(descending ? created.desc() : created.asc(), descending ? sid.desc() : sid.asc())
                    .limit(request.size() + 1)
                    .offset(request.offset())
                    .fetch();
            boolean more = rows.size() > request.size();
            List<Record> kept = more ? rows.subList(0, request.size()) : rows;
            if (backward) {
                kept = kept.reversed();
            }
            List<T> items = kept.stream().map(mapper::map).toList();
            if (kept.isEmpty()) {
                return emptyPage(request, items);
            }
            Record first = kept.getFirst();
            Record last = kept.getLast();
            if (backward) {
                return new Page<>(items, any(beyond(last.get(created), last.get(sid), true))
                        ? Cursor.after(last.get(created), last.get(sid)) : null,
                        more ? Cursor.before(first.get(created), first.get(sid)) : null);
            }
            // A page read from the start has nothing before it; one reached by offset has the skipped rows.
            boolean earlier = !request.fromStart()
                    && (cursor == null || any(beyond(first.get(created), first.get(sid), false)));
            return new Page<>(items, more ? Cursor.after(last.get(created), last.get(sid)) : null,
                    earlier ? Cursor.before(first.get(created), first.get(sid)) : null);
        }

        /**
         * A page with no rows has no row to point from. Past the end (an offset too far, or nothing after the
         * cursor), the page before it is the list's last page; before the start (nothing before the cursor), the
         * page after it is the first page.
         */
        private <T> Page<T> emptyPage(PageRequest request, List<T> items) {
            if (request.fromStart() || !any(DSL.noCondition())) {
                return new Page<>(items, null, null);
            }
            return request.before() != null ? new Page<>(items, Cursor.firstPage(newest), null)
                    : new Page<>(items, null, Cursor.lastPage(newest));
        }

        /** The rows after (or before) the position in the list's order. */
        private Condition beyond(long key, String tie, boolean after) {
            Row2<Long, String> row = DSL.row(created, sid);
            return newest == after ? row.lt(key, tie) : row.gt(key, tie);
        }

        private boolean any(Condition condition) {
            return dsl.fetchExists(dsl.selectOne().from(table).where(where).and(condition));
        }
    }
}
