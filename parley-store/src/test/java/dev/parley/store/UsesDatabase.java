package dev.parley.store;

import dev.parley.core.tx.Storage;

/** What every store contract needs from its implementation: the database under test. */
interface UsesDatabase {

    TestDatabase db();

    default Storage storage() {
        return db().database();
    }
}
