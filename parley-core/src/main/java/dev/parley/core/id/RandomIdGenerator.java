package dev.parley.core.id;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers from {@link SecureRandom}. A SID's 32 hex digits are the creation time in milliseconds (12 digits)
 * followed by 80 random bits: unguessable, with no practical chance of collision, and close to the SIDs created just
 * before it, so that the indexes keyed by SID take new rows on a few pages at their end rather than on a random page
 * each (ADR 0017). Secrets (auth tokens, API key secrets) are 128 random bits.
 */
public final class RandomIdGenerator implements IdGenerator {
    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String sid(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        long millis = System.currentTimeMillis();
        for (int i = 5; i >= 0; i--) {
            bytes[i] = (byte) millis;
            millis >>>= 8;
        }
        return prefix + HEX.formatHex(bytes);
    }

    @Override
    public String secret() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }
}
