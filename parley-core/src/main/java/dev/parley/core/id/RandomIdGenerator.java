package dev.parley.core.id;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifiers from {@link SecureRandom}: 128 bits each, so collisions are not a practical concern. */
public final class RandomIdGenerator implements IdGenerator {
    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String sid(String prefix) {
        return prefix + hex128();
    }

    @Override
    public String secret() {
        return hex128();
    }

    private String hex128() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }
}
