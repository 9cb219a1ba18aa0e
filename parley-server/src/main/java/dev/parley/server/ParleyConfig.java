package dev.parley.server;

import dev.parley.core.media.DenyList;
import dev.parley.core.media.MediaFetcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything an operator can set, validated when the record is built: an invalid value throws
 * {@link InvalidConfigException} naming the setting, and is never corrected.
 *
 * <p>Null object components take their defaults here; the numeric ones take the {@code DEFAULT_*}
 * constants through {@link #defaults()} and {@link #load}. Two defaults are derived: {@code databaseUrl}
 * from {@code dataDir} ({@code jdbc:sqlite:<dataDir>/parley.db}) and {@code publicUrl} from {@code port}
 * ({@code http://localhost:<port>}). When {@code port} is 0 (any free port) and no public URL is set,
 * {@code publicUrl} is null: only the bound port can tell it, see {@link #publicUrl(int)}.
 *
 * <p>{@code pricesFile} null means the price table bundled with Parley.
 *
 * <p>{@code sendRates} maps a channel name to the default send rate of its numbers, in message segments per second
 * (0 or absent: unlimited; a number's own {@code MessagesPerSecond} overrides it). Parsed from
 * {@code send.rates=channel=rate, channel=rate}.
 *
 * <p>{@code webhookDeny} lists the addresses no webhook may reach (status callbacks, incoming-message webhooks,
 * conversation hooks): by default the cloud metadata endpoints only, so that webhooks may point at localhost and
 * private networks; same syntax as {@code mediaFetch}'s deny list.
 *
 * <p>{@code channels} holds the channels declared as {@code channel.<Name>.<Parameter>=value} (see
 * {@link ChannelDeclarations}); {@link #toString()} names them only, never a password.
 * <p>{@code smppPort} is where Parley's SMPP server listens for SMPP applications (on {@code host}): 0 any free port,
 * {@link #SMPP_OFF} ({@code smpp.port=off}) no server.
 *
 * <p>{@code chatDemo} ({@code chat.demo=on|off}, off by default) serves the web chat's demo page at {@code /chat/demo}.
 *
 * <p>{@code accountSid} and {@code authToken} are both null (the server keeps or creates its main account)
 * or both set.
 */
public record ParleyConfig(
        String host,
        int port,
        Path dataDir,
        String databaseUrl,
        String publicUrl,
        String accountSid,
        String authToken,
        Duration simulatorLatency,
        Duration webhookTimeout,
        int webhookMaxAttempts,
        int sendMaxAttempts,
        int jobConcurrency,
        Path pricesFile,
        MediaFetcher.Settings mediaFetch,
        Map<String, Double> sendRates,
        DenyList webhookDeny,
        Map<String, Map<String, String>> channels,
        int smppPort,
        boolean chatDemo) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("./data");
    public static final Duration DEFAULT_SIMULATOR_LATENCY = Duration.ofMillis(200);
    /** Twilio's own webhook timeout. */
    public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofMillis(15_000);
    public static final int DEFAULT_WEBHOOK_MAX_ATTEMPTS = 8;
    public static final int DEFAULT_SEND_MAX_ATTEMPTS = 10;
    public static final int DEFAULT_JOB_CONCURRENCY = 512;
    /** The highest send rate a channel may default to, in message segments per second. */
    public static final double MAX_SEND_RATE = 10_000;
    /** SMPP's registered port: where Parley's SMPP server listens unless told otherwise. */
    public static final int DEFAULT_SMPP_PORT = 2775;
    /** {@code smpp.port=off}: no SMPP server. */
    public static final int SMPP_OFF = -1;

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");
    private static final int MIN_AUTH_TOKEN_LENGTH = 8;

    public ParleyConfig {
        host = host == null ? DEFAULT_HOST : host;
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        databaseUrl = databaseUrl == null ? defaultDatabaseUrl(dataDir) : databaseUrl;
        publicUrl = publicUrl == null && port != 0 ? defaultPublicUrl(port) : publicUrl;
        simulatorLatency = simulatorLatency == null ? DEFAULT_SIMULATOR_LATENCY : simulatorLatency;
        webhookTimeout = webhookTimeout == null ? DEFAULT_WEBHOOK_TIMEOUT : webhookTimeout;
        mediaFetch = mediaFetch == null ? MediaFetcher.Settings.DEFAULT : mediaFetch;
        sendRates = sendRates == null ? Map.of() : Map.copyOf(sendRates);
        webhookDeny = webhookDeny == null ? DenyList.DEFAULT : webhookDeny;
        channels = channels == null ? Map.of() : ChannelDeclarations.validate(channels);

        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace) || host.contains("/")) {
            throw invalid(ConfigKey.HOST, "must be a host name or IP address to listen on, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw invalid(ConfigKey.PORT, "must be between 0 and 65535 (0 = any free port), got " + port);
        }
        if (smppPort < SMPP_OFF || smppPort > 65535) {
            throw invalid(ConfigKey.SMPP_PORT, "must be between 0 and 65535 (0 = any free port) or off, got "
                    + smppPort);
        }
        if (!databaseUrl.startsWith("jdbc:sqlite:") && !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw invalid(ConfigKey.DATABASE_URL, "must start with jdbc:sqlite: or jdbc:postgresql:, got '"
                    + schemeOf(databaseUrl) + "...'");
        }
        if (publicUrl != null) {
            validatePublicUrl(publicUrl);
        }
        if ((accountSid == null) != (authToken == null)) {
            ConfigKey set = accountSid == null ? ConfigKey.AUTH_TOKEN : ConfigKey.ACCOUNT_SID;
            throw new InvalidConfigException(set, ConfigKey.ACCOUNT_SID.label() + " and "
                    + ConfigKey.AUTH_TOKEN.label() + " must be set together; only " + set.fileKey() + " is set");
        }
        if (accountSid != null && !ACCOUNT_SID.matcher(accountSid).matches()) {
            throw invalid(ConfigKey.ACCOUNT_SID, "must be AC followed by 32 lowercase hex digits, got '"
                    + accountSid + "'");
        }
        if (authToken != null && authToken.length() < MIN_AUTH_TOKEN_LENGTH) {
            throw invalid(ConfigKey.AUTH_TOKEN, "must be at least " + MIN_AUTH_TOKEN_LENGTH
                    + " characters long, got " + authToken.length());
        }
        if (simulatorLatency.isNegative()) {
            throw invalid(ConfigKey.SIMULATOR_LATENCY_MS, "must not be negative, got " + simulatorLatency.toMillis());
        }
        if (webhookTimeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid(ConfigKey.WEBHOOK_TIMEOUT_MS, "must be at least 1, got " + webhookTimeout.toMillis());
        }
        atLeastOne(ConfigKey.WEBHOOK_MAX_ATTEMPTS, webhookMaxAttempts);
        atLeastOne(ConfigKey.SEND_MAX_ATTEMPTS, sendMaxAttempts);
        atLeastOne(ConfigKey.JOBS_CONCURRENCY, jobConcurrency);
        if (mediaFetch.readTimeout().compareTo(Duration.ofMillis(1)) < 0) {
            throw invalid(ConfigKey.MEDIA_TIMEOUT_MS, "must be at least 1, got " + mediaFetch.readTimeout().toMillis());
        }
        sendRates.forEach((channel, rate) -> {
            if (channel.isBlank() || !(rate >= 0 && rate <= MAX_SEND_RATE)) {
                throw invalid(ConfigKey.SEND_RATES, "must map channel names to rates from 0 (unlimited) to "
                        + (long) MAX_SEND_RATE + " message segments per second, got " + channel + "=" + rate);
            }
        });
    }

    /** Every setting but the webhook deny list, which takes its default (the cloud metadata addresses). */
    public ParleyConfig(String host, int port, Path dataDir, String databaseUrl, String publicUrl, String accountSid,
            String authToken, Duration simulatorLatency, Duration webhookTimeout, int webhookMaxAttempts,
            int sendMaxAttempts, int jobConcurrency, Path pricesFile, MediaFetcher.Settings mediaFetch,
            Map<String, Double> sendRates) {
        this(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken, simulatorLatency, webhookTimeout,
                webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, null, null,
                SMPP_OFF, false);
    }

    /**
     * Every setting but the channels the file declares (none) and the SMPP server's port. Built in code (tests, embedding), Parley then runs no SMPP server
     * unless {@link #withSmppPort} asks for one; {@link #load} and {@link #defaults} listen on 2775.
     */
    public ParleyConfig(String host, int port, Path dataDir, String databaseUrl, String publicUrl, String accountSid,
            String authToken, Duration simulatorLatency, Duration webhookTimeout, int webhookMaxAttempts,
            int sendMaxAttempts, int jobConcurrency, Path pricesFile, MediaFetcher.Settings mediaFetch,
            Map<String, Double> sendRates, DenyList webhookDeny) {
        this(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken, simulatorLatency, webhookTimeout,
                webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny,
                null, SMPP_OFF, false);
    }

    public ParleyConfig withWebhookDeny(DenyList deny) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile,
                mediaFetch, sendRates, deny, channels, smppPort, chatDemo);
    }

    /**
     * The channels the configuration file declares ({@code channel.<Name>.<Parameter>}): each name to its parameters,
     * named as {@code POST /parley/v1/Channels} names them. Validated here; owned by the main account, read-only
     * through the API.
     */
    public ParleyConfig withChannels(Map<String, Map<String, String>> declared) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile,
                mediaFetch, sendRates, webhookDeny, declared, smppPort, chatDemo);
    }

    /** Every setting but the price table, media fetching and send rates, which take their defaults. */
    public ParleyConfig(String host, int port, Path dataDir, String databaseUrl, String publicUrl, String accountSid,
            String authToken, Duration simulatorLatency, Duration webhookTimeout, int webhookMaxAttempts,
            int sendMaxAttempts, int jobConcurrency) {
        this(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken, simulatorLatency, webhookTimeout,
                webhookMaxAttempts, sendMaxAttempts, jobConcurrency, null, null, Map.of());
    }

    /** Every setting at its default. */
    public static ParleyConfig defaults() {
        return new ParleyConfig(null, DEFAULT_PORT, null, null, null, null, null, null, null,
                DEFAULT_WEBHOOK_MAX_ATTEMPTS, DEFAULT_SEND_MAX_ATTEMPTS, DEFAULT_JOB_CONCURRENCY, null, null, null,
                null, null, DEFAULT_SMPP_PORT, false);
    }

    /**
     * Reads the configuration the way {@code parley} does: the file {@code fileOrNull} (from
     * {@code --config}), else the file named by {@code PARLEY_CONFIG} in {@code env}, else
     * {@code ./parley.properties} if it exists; then each {@code PARLEY_*} variable in {@code env} overrides
     * the file's value. Empty values count as unset. An explicitly named file that does not exist, an
     * unknown key in the file, or an invalid value throws {@link InvalidConfigException}.
     */
    public static ParleyConfig load(Path fileOrNull, Map<String, String> env) {
        return ParleyConfigLoader.load(fileOrNull, env, Path.of(""));
    }

    /** {@code jdbc:sqlite:} or {@code jdbc:postgresql:}. */
    public boolean isSqlite() {
        return databaseUrl.startsWith("jdbc:sqlite:");
    }

    /** The configured public URL, or {@code http://localhost:<boundPort>} when there is none (port 0). */
    public String publicUrl(int boundPort) {
        return publicUrl != null ? publicUrl : defaultPublicUrl(boundPort);
    }

    public ParleyConfig withHost(String newHost) {
        return new ParleyConfig(newHost, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    /** A public URL that was derived from the old port follows the new one. */
    public ParleyConfig withPort(int newPort) {
        String url = defaultPublicUrl(port).equals(publicUrl) ? null : publicUrl;
        // Any free HTTP port (tests) takes any free SMPP port too, unless one was chosen: no two test servers collide.
        int smpp = newPort == 0 && smppPort == DEFAULT_SMPP_PORT ? 0 : smppPort;
        return new ParleyConfig(host, newPort, dataDir, databaseUrl, url, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smpp, chatDemo);
    }

    /** A database URL that was derived from the old data folder follows the new one. */
    public ParleyConfig withDataDir(Path newDataDir) {
        String url = defaultDatabaseUrl(dataDir).equals(databaseUrl) ? null : databaseUrl;
        return new ParleyConfig(host, port, newDataDir, url, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withDatabaseUrl(String newDatabaseUrl) {
        return new ParleyConfig(host, port, dataDir, newDatabaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withPublicUrl(String newPublicUrl) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, newPublicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withMainAccount(String newAccountSid, String newAuthToken) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, newAccountSid, newAuthToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withSimulatorLatency(Duration latency) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                latency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withWebhookTimeout(Duration timeout) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, timeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withWebhookMaxAttempts(int attempts) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, attempts, sendMaxAttempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withSendMaxAttempts(int attempts) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, attempts, jobConcurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withMediaFetch(MediaFetcher.Settings settings) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile, settings, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withJobConcurrency(int concurrency) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, concurrency, pricesFile, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    /** Prices from {@code file} instead of the bundled table; null for the bundled one. */
    public ParleyConfig withPricesFile(Path file) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, file, mediaFetch, sendRates, webhookDeny, channels, smppPort, chatDemo);
    }

    public ParleyConfig withSendRates(Map<String, Double> rates) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile,
                mediaFetch, rates, webhookDeny, channels, smppPort, chatDemo);
    }

    /** The SMPP server's port: 0 any free one, {@link #SMPP_OFF} none. */
    public ParleyConfig withSmppPort(int newSmppPort) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile,
                mediaFetch, sendRates, webhookDeny, channels, newSmppPort, chatDemo);
    }

    /** Whether Parley serves the web chat's demo page, {@code /chat/demo} ({@code chat.demo=on}). */
    public ParleyConfig withChatDemo(boolean on) {
        return new ParleyConfig(host, port, dataDir, databaseUrl, publicUrl, accountSid, authToken,
                simulatorLatency, webhookTimeout, webhookMaxAttempts, sendMaxAttempts, jobConcurrency, pricesFile,
                mediaFetch, sendRates, webhookDeny, channels, smppPort, on);
    }

    /** Keeps the auth token out of logs and exception messages. */
    @Override
    public String toString() {
        return "ParleyConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", databaseUrl="
                + schemeOf(databaseUrl) + "..., publicUrl=" + publicUrl + ", accountSid=" + accountSid
                + ", authToken=" + (authToken == null ? null : "***") + ", simulatorLatency=" + simulatorLatency
                + ", webhookTimeout=" + webhookTimeout + ", webhookMaxAttempts=" + webhookMaxAttempts
                + ", sendMaxAttempts=" + sendMaxAttempts + ", jobConcurrency=" + jobConcurrency + ", pricesFile="
                + pricesFile + ", mediaFetch=" + mediaFetch + ", sendRates=" + sendRates
                + ", webhookDeny=" + webhookDeny + ", channels=" + channels.keySet() + ", smppPort="
                + (smppPort == SMPP_OFF ? "off" : smppPort) + ", chatDemo=" + (chatDemo ? "on" : "off") + "]";
    }

    static String defaultDatabaseUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("parley.db");
    }

    static String defaultPublicUrl(int port) {
        return "http://localhost:" + port;
    }

    private static void validatePublicUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(ConfigKey.PUBLIC_URL, "must be an absolute http(s) URL, got '" + url + "' ("
                    + e.getReason() + ")");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw invalid(ConfigKey.PUBLIC_URL, "must be an absolute http(s) URL such as https://parley.example.com,"
                    + " got '" + url + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(ConfigKey.PUBLIC_URL, "must not contain user info, a query or a fragment, got '" + url + "'");
        }
        if (url.endsWith("/")) {
            throw invalid(ConfigKey.PUBLIC_URL, "must not end with '/', got '" + url + "'");
        }
    }

    private static void atLeastOne(ConfigKey key, int value) {
        if (value < 1) {
            throw invalid(key, "must be at least 1, got " + value);
        }
    }

    /** The URL up to its second colon: enough to recognise the kind, never a password. */
    private static String schemeOf(String jdbcUrl) {
        int first = jdbcUrl.indexOf(':');
        int second = first < 0 ? -1 : jdbcUrl.indexOf(':', first + 1);
        return second < 0 ? jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 12)) : jdbcUrl.substring(0, second + 1);
    }

    private static InvalidConfigException invalid(ConfigKey key, String problem) {
        return new InvalidConfigException(key, key.label() + " " + problem);
    }
}
