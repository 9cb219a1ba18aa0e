package dev.parley.server;

import java.util.Arrays;
import java.util.Optional;

/** Every configuration setting: its key in {@code parley.properties} and its environment variable. */
public enum ConfigKey {
    HOST("host", "PARLEY_HOST"),
    PORT("port", "PARLEY_PORT"),
    DATA_DIR("data-dir", "PARLEY_DATA_DIR"),
    DATABASE_URL("database-url", "PARLEY_DATABASE_URL"),
    PUBLIC_URL("public-url", "PARLEY_PUBLIC_URL"),
    ACCOUNT_SID("account-sid", "PARLEY_ACCOUNT_SID"),
    AUTH_TOKEN("auth-token", "PARLEY_AUTH_TOKEN"),
    SIMULATOR_LATENCY_MS("simulator.latency-ms", "PARLEY_SIMULATOR_LATENCY_MS"),
    WEBHOOK_TIMEOUT_MS("webhook.timeout-ms", "PARLEY_WEBHOOK_TIMEOUT_MS"),
    WEBHOOK_MAX_ATTEMPTS("webhook.max-attempts", "PARLEY_WEBHOOK_MAX_ATTEMPTS"),
    SEND_MAX_ATTEMPTS("send.max-attempts", "PARLEY_SEND_MAX_ATTEMPTS"),
    JOBS_CONCURRENCY("jobs.concurrency", "PARLEY_JOBS_CONCURRENCY"),
    PRICES_FILE("prices.file", "PARLEY_PRICES_FILE"),
    MEDIA_DENY("media.deny", "PARLEY_MEDIA_DENY"),
    MEDIA_TIMEOUT_MS("media.timeout-ms", "PARLEY_MEDIA_TIMEOUT_MS"),
    SEND_RATES("send.rates", "PARLEY_SEND_RATES"),
    WEBHOOK_DENY("webhook.deny", "PARLEY_WEBHOOK_DENY"),
    SMPP_PORT("smpp.port", "PARLEY_SMPP_PORT"),
    CHAT_DEMO("chat.demo", "PARLEY_CHAT_DEMO");

    private final String fileKey;
    private final String envVar;

    ConfigKey(String fileKey, String envVar) {
        this.fileKey = fileKey;
        this.envVar = envVar;
    }

    /** The key in the properties file, e.g. {@code webhook.timeout-ms}. */
    public String fileKey() {
        return fileKey;
    }

    /** The environment variable, e.g. {@code PARLEY_WEBHOOK_TIMEOUT_MS}. */
    public String envVar() {
        return envVar;
    }

    /** Both names, as error messages show them: {@code port (PARLEY_PORT)}. */
    public String label() {
        return fileKey + " (" + envVar + ")";
    }

    public static Optional<ConfigKey> ofFileKey(String key) {
        return Arrays.stream(values()).filter(k -> k.fileKey.equals(key)).findFirst();
    }
}
