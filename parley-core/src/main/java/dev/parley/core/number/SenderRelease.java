package dev.parley.core.number;

import dev.parley.core.tx.Tx;

/**
 * What else lets go of a number or a short code when it is released, in the transaction that deletes it: the
 * Messaging Service pools that hold senders (package {@code service}). Numbers sit below Messaging Services and do
 * not name them; the composition root hands the service package's release in.
 */
@FunctionalInterface
public interface SenderRelease {

    void released(Tx tx, String accountSid, String sid);
}
