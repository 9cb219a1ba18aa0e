package dev.parley.store;

/**
 * The database failed a transaction as a whole (connection lost, commit refused, disk full). Nothing of the
 * work was committed, so the caller may retry it.
 */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
