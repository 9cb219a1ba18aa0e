package dev.parley.server;

import dev.parley.core.media.DenyList;
import dev.parley.core.media.MediaFetcher;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** Reads {@link ParleyConfig} from one properties file and the environment; see {@link ParleyConfig#load}. */
final class ParleyConfigLoader {
    static final String CONFIG_ENV = "PARLEY_CONFIG";
    static final String DEFAULT_FILE = "parley.properties";

    private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);
    private final Map<String, Map<String, String>> channels = new LinkedHashMap<>();

    private ParleyConfigLoader() {
    }

    /** {@code workingDir} stands for {@code .} so that tests need not change the process's directory. */
    static ParleyConfig load(Path fileOrNull, Map<String, String> env, Path workingDir) {
        ParleyConfigLoader loader = new ParleyConfigLoader();
        Path file = chooseFile(fileOrNull, env, workingDir);
        if (file != null) {
            loader.readFile(file);
        }
        loader.readEnvironment(env);
        return loader.build();
    }

    private static Path chooseFile(Path fileOrNull, Map<String, String> env, Path workingDir) {
        if (fileOrNull != null) {
            return requireFile(fileOrNull, "--config");
        }
        String fromEnv = blankToNull(env.get(CONFIG_ENV));
        if (fromEnv != null) {
            try {
                return requireFile(Path.of(fromEnv), CONFIG_ENV);
            } catch (InvalidPathException e) {
                throw new InvalidConfigException(null, CONFIG_ENV + " is not a valid path: '" + fromEnv + "'");
            }
        }
        Path implicit = workingDir.resolve(DEFAULT_FILE);
        return Files.isRegularFile(implicit) ? implicit : null;
    }

    private static Path requireFile(Path file, String namedBy) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(null, "Configuration file " + file.toAbsolutePath()
                    + " (named by " + namedBy + ") does not exist or is not a file");
        }
        return file;
    }

    private void readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException(null, "Cannot read configuration file " + file.toAbsolutePath() + ": "
                    + e.getMessage());
        }
        for (String name : properties.stringPropertyNames()) {
            if (ChannelDeclarations.read(name, properties.getProperty(name), channels)) {
                continue;
            }
            ConfigKey key = ConfigKey.ofFileKey(name).orElseThrow(() -> new InvalidConfigException(null,
                    "Unknown key '" + name + "' in configuration file " + file.toAbsolutePath() + "; known keys: "
                            + Arrays.stream(ConfigKey.values()).map(ConfigKey::fileKey)
                                    .collect(Collectors.joining(", ")) + ", " + ChannelDeclarations.PREFIX
                            + "<Name>.<Parameter>"));
            put(key, properties.getProperty(name), "set in " + file.toAbsolutePath());
        }
    }

    private void readEnvironment(Map<String, String> env) {
        for (ConfigKey key : ConfigKey.values()) {
            put(key, env.get(key.envVar()), "set by environment variable " + key.envVar());
        }
    }

    private void put(ConfigKey key, String raw, String origin) {
        String value = blankToNull(raw);
        if (value != null) {
            values.put(key, value);
            origins.put(key, origin);
        }
    }

    private ParleyConfig build() {
        int port = integer(ConfigKey.PORT, ParleyConfig.DEFAULT_PORT);
        Path dataDir = path(ConfigKey.DATA_DIR);
        Duration simulatorLatency = millis(ConfigKey.SIMULATOR_LATENCY_MS);
        Duration webhookTimeout = millis(ConfigKey.WEBHOOK_TIMEOUT_MS);
        int webhookMaxAttempts = integer(ConfigKey.WEBHOOK_MAX_ATTEMPTS, ParleyConfig.DEFAULT_WEBHOOK_MAX_ATTEMPTS);
        int sendMaxAttempts = integer(ConfigKey.SEND_MAX_ATTEMPTS, ParleyConfig.DEFAULT_SEND_MAX_ATTEMPTS);
        int jobConcurrency = integer(ConfigKey.JOBS_CONCURRENCY, ParleyConfig.DEFAULT_JOB_CONCURRENCY);
        Map<String, Double> sendRates = rates(ConfigKey.SEND_RATES);
        try {
            MediaFetcher.Settings mediaFetch = mediaFetch();
            DenyList webhookDeny = denyList(ConfigKey.WEBHOOK_DENY);
            return new ParleyConfig(values.get(ConfigKey.HOST), port, dataDir, values.get(ConfigKey.DATABASE_URL),
                    values.get(ConfigKey.PUBLIC_URL), values.get(ConfigKey.ACCOUNT_SID),
                    values.get(ConfigKey.AUTH_TOKEN), simulatorLatency, webhookTimeout, webhookMaxAttempts,
                    sendMaxAttempts, jobConcurrency, path(ConfigKey.PRICES_FILE), mediaFetch, sendRates,
                    webhookDeny, channels, smppPort(), chatDemo());
        } catch (InvalidConfigException e) {
            // The record knows which setting is wrong; only the loader knows where the value came from.
            String origin = e.key() == null ? null : origins.get(e.key());
            if (origin == null) {
                throw e;
            }
            throw new InvalidConfigException(e.key(), e.getMessage() + " (" + origin + ")");
        }
    }

    /** {@code chat.demo}: {@code on} or {@code off} (the default). */
    private boolean chatDemo() {
        String raw = values.get(ConfigKey.CHAT_DEMO);
        if (raw == null || raw.strip().equalsIgnoreCase("off")) {
            return false;
        }
        if (raw.strip().equalsIgnoreCase("on")) {
            return true;
        }
        throw new InvalidConfigException(ConfigKey.CHAT_DEMO, ConfigKey.CHAT_DEMO.label() + " must be on or off, got '"
                + raw + "' (" + origins.get(ConfigKey.CHAT_DEMO) + ")");
    }

    /** {@code smpp.port}: a port number, 0 for any free one, or {@code off}; 2775 when unset. */
    private int smppPort() {
        String raw = values.get(ConfigKey.SMPP_PORT);
        if (raw != null && raw.strip().equalsIgnoreCase("off")) {
            return ParleyConfig.SMPP_OFF;
        }
        return integer(ConfigKey.SMPP_PORT, ParleyConfig.DEFAULT_SMPP_PORT);
    }

    /**
     * {@code media.deny}: comma-separated CIDR blocks, addresses and host names, replacing the default list (the
     * cloud metadata addresses), which an operator keeps by listing it; {@code media.timeout-ms}: connect and read
     * timeout of a media fetch.
     */
    private MediaFetcher.Settings mediaFetch() {
        String deny = values.get(ConfigKey.MEDIA_DENY);
        Duration timeout = millis(ConfigKey.MEDIA_TIMEOUT_MS);
        if (deny == null && timeout == null) {
            return null;
        }
        DenyList list = deny == null ? DenyList.DEFAULT : denyList(ConfigKey.MEDIA_DENY);
        if (timeout != null && timeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new InvalidConfigException(ConfigKey.MEDIA_TIMEOUT_MS, ConfigKey.MEDIA_TIMEOUT_MS.label()
                    + " must be at least 1, got " + timeout.toMillis());
        }
        return MediaFetcher.Settings.of(list, timeout == null ? MediaFetcher.Settings.DEFAULT.readTimeout() : timeout);
    }

    /**
     * A deny list setting ({@code media.deny}, {@code webhook.deny}): comma-separated CIDR blocks, addresses and
     * host names replacing the default (the cloud metadata addresses); null when unset.
     */
    private DenyList denyList(ConfigKey key) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return DenyList.parse(Arrays.asList(value.split(",")));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, key.label() + ": " + e.getMessage());
        }
    }

    private int integer(ConfigKey key, int defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw notANumber(key, value);
        }
    }

    /** {@code channel=rate, channel=rate}: channel names may contain ':' but neither '=' nor ','. */
    private Map<String, Double> rates(ConfigKey key) {
        String value = values.get(key);
        Map<String, Double> rates = new LinkedHashMap<>();
        if (value == null) {
            return rates;
        }
        for (String entry : value.split(",")) {
            int eq = entry.lastIndexOf('=');
            String channel = eq < 0 ? "" : entry.substring(0, eq).strip();
            try {
                if (channel.isEmpty() || rates.put(channel, Double.parseDouble(entry.substring(eq + 1).strip())) != null) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(key, key.label() + " must be a list such as"
                        + " 'smpp:carrier-a=1, smpp:short-codes=100' (one rate per channel, in message segments per"
                        + " second), got '" + entry.strip() + "' (" + origins.get(key) + ")");
            }
        }
        return rates;
    }

    private Duration millis(ConfigKey key) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw notANumber(key, value);
        }
    }

    private Path path(ConfigKey key) {
        String value = values.get(key);
        try {
            return value == null ? null : Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidConfigException(key, key.label() + " is not a valid path: '" + value + "' ("
                    + origins.get(key) + ")");
        }
    }

    private InvalidConfigException notANumber(ConfigKey key, String value) {
        return new InvalidConfigException(key, key.label() + " must be a whole number, got '" + value + "' ("
                + origins.get(key) + ")");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
