package dev.parley.core.store;

import java.util.List;

/** A page of results and the cursor of the next page, null when this is the last. */
public record Page<T>(List<T> items, Cursor next) {
}
