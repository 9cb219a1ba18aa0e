package dev.parley.core.store;

import java.util.List;
import java.util.function.Function;

/** A page of results and the cursor of the next page, null when this is the last. */
public record Page<T>(List<T> items, Cursor next) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), next);
    }
}
