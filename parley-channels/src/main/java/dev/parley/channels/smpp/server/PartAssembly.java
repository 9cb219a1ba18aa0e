package dev.parley.channels.smpp.server;

import dev.parley.channels.smpp.DecodedPart;
import dev.parley.core.tx.Tx;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the parts of a concatenated submit wait for each other, durably, in the caller's transaction (core's
 * {@code Concatenation}, "submit" purpose). {@code complete} runs in that same transaction with the joined text when
 * {@code part} is the last one missing.
 */
interface PartAssembly {

    record Part(String accountSid, String key, DecodedPart.Concat concat, String text) {
    }

    /** @return what {@code complete} returned, when this part completed the message; empty while parts are missing */
    Optional<String> add(Tx tx, Part part, Function<String, String> complete);
}
