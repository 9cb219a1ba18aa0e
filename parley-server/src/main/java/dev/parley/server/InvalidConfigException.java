package dev.parley.server;

/**
 * A configuration value Parley refuses to start with. The message names the setting (file key and
 * environment variable) and, when known, where the value came from; it is meant for the operator as is.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    private final ConfigKey key;

    public InvalidConfigException(ConfigKey key, String message) {
        super(message);
        this.key = key;
    }

    /** The offending setting, or null when the problem is the file itself (missing, unreadable, unknown key). */
    public ConfigKey key() {
        return key;
    }
}
