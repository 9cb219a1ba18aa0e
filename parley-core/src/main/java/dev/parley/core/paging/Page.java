package dev.parley.core.paging;

import java.util.List;

/**
 * A page of results with the cursors of the pages either side: {@code next} ({@code PA…}) null when this is the last
 * page, {@code previous} ({@code PB…}) null when it is the first.
 */
public record Page<T>(List<T> items, Cursor next, Cursor previous) {

    /** Key of the cursors of {@link #slice}: their position is a row number, not a creation time. */
    private static final String ROW = "row";

    public Page {
        items = List.copyOf(items);
        if (next != null && next.isBefore() || previous != null && !previous.isBefore()) {
            throw new IllegalArgumentException("next must read forward and previous backward: " + next + ", "
                    + previous);
        }
    }

    /** The same place in the list holding {@code other} items (this page's rows turned into another type). */
    public <U> Page<U> withItems(List<U> other) {
        return new Page<>(other, next, previous);
    }

    /**
     * One page of a list held whole in memory (computed lists, or a handful of rows), in {@code all}'s order. Its
     * cursors carry row numbers, so they stay exact while the list does not change.
     */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int n = all.size();
        Cursor cursor = request.cursor();
        int from;
        int to;
        if (cursor == null) {
            from = clamp(request.offset(), n);
            to = clamp((long) from + request.size(), n);
        } else if (cursor.isBefore()) {
            to = clamp(cursor.createdMicros(), n);
            from = Math.max(0, to - request.size());
        } else {
            from = clamp(Math.min(cursor.createdMicros(), n) + 1L, n);
            to = clamp((long) from + request.size(), n);
        }
        return new Page<>(all.subList(from, to), to < n ? Cursor.after(to - 1L, ROW) : null,
                from > 0 ? Cursor.before(from, ROW) : null);
    }

    private static int clamp(long index, int size) {
        return (int) Math.max(0, Math.min(index, size));
    }
}
