package dev.parley.core.store;

/**
 * One page of a list, newest first. With a cursor the page starts right after it (stable under inserts);
 * without one, {@code page * size} rows are skipped.
 */
public record PageRequest(int size, int page, Cursor after) {
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

    public long offset() {
        return after == null ? (long) page * size : 0;
    }
}
