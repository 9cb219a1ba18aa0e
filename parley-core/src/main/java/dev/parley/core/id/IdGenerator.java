package dev.parley.core.id;

/** Mints identifiers. Injected so tests can make them predictable. */
public interface IdGenerator {

    /** A Twilio-shaped SID: the two-letter prefix and 32 lowercase hex digits from 128 random bits. */
    String sid(String prefix);

    /** A secret of 32 lowercase hex digits (auth tokens, API key secrets). */
    String secret();
}
