package dev.parley.core.paging;

/**
 * One page of a list. With a cursor the page lies right after it, or right before it for a
 * {@link Cursor.Direction#BEFORE} cursor (both stable under inserts); without one, {@code page * size} rows are
 * skipped. {@code page} is otherwise only the number the links carry.
 */
public record PageRequest(int size, int page, Cursor cursor) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size out of range: " + size);
        }
        if (page < 0) {
            throw new IllegalArgumentException("negative page: " + page);
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, 0, null);
    }

    /** The cursor when it reads forward ({@code PA…}), else null. */
    public Cursor after() {
        return cursor == null || cursor.isBefore() ? null : cursor;
    }

    /** The cursor when it reads backward ({@code PB…}), else null. */
    public Cursor before() {
        return cursor != null && cursor.isBefore() ? cursor : null;
    }

    /** Whether this is the list's first page read from its start: no cursor, nothing skipped. */
    public boolean fromStart() {
        return cursor == null && page == 0;
    }

    public long offset() {
        return cursor == null ? (long) page * size : 0;
    }
}
