package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyConfigTest {
    private static final String SID = "AC0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void defaultsShouldMatchTheDocumentedValues() {
        ParleyConfig c = ParleyConfig.defaults();

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:./data/parley.db");
        assertThat(c.isSqlite()).isTrue();
        assertThat(c.publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(c.accountSid()).isNull();
        assertThat(c.authToken()).isNull();
        assertThat(c.simulatorLatency()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.webhookTimeout()).isEqualTo(Duration.ofMillis(15_000));
        assertThat(c.webhookMaxAttempts()).isEqualTo(8);
        assertThat(c.sendMaxAttempts()).isEqualTo(10);
        assertThat(c.jobConcurrency()).isEqualTo(512);
        assertThat(c.sendRates()).isEmpty();
    }

    @Test
    void loadWithNothingSetShouldGiveTheDefaults() {
        assertThat(load(null, Map.of())).isEqualTo(ParleyConfig.defaults());
    }

    @Test
    void loadShouldReadEveryKeyFromTheFile() throws IOException {
        Path file = write("all.properties", """
                host = 127.0.0.1
                port = 9090
                data-dir = /srv/parley
                database-url = jdbc:postgresql://db:5432/parley
                public-url = https://parley.example.com
                account-sid = %s
                auth-token = s3cretToken
                simulator.latency-ms = 0
                webhook.timeout-ms = 5000
                webhook.max-attempts = 3
                send.max-attempts = 4
                jobs.concurrency = 16
                send.rates = smpp:carrier-a=1, smpp:short-codes = 100,simulator=0.5
                smpp.port = 2776
                """.formatted(SID));

        ParleyConfig c = load(file, Map.of());

        assertThat(c).isEqualTo(new ParleyConfig("127.0.0.1", 9090, Path.of("/srv/parley"),
                "jdbc:postgresql://db:5432/parley", "https://parley.example.com", SID, "s3cretToken",
                Duration.ZERO, Duration.ofSeconds(5), 3, 4, 16, null, null,
                Map.of("smpp:carrier-a", 1.0, "smpp:short-codes", 100.0, "simulator", 0.5)).withSmppPort(2776));
        assertThat(c.isSqlite()).isFalse();
    }

    @Test
    void environmentShouldOverrideTheFileKeyByKey() throws IOException {
        Path file = write("p.properties", "port=9090\nhost=127.0.0.1\njobs.concurrency=16\n");

        ParleyConfig c = load(file, Map.of("PARLEY_PORT", "9191", "PARLEY_WEBHOOK_MAX_ATTEMPTS", "2"));

        assertThat(c.port()).isEqualTo(9191);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.jobConcurrency()).isEqualTo(16);
        assertThat(c.webhookMaxAttempts()).isEqualTo(2);
    }

    @Test
    void everyEnvironmentVariableShouldBeRead() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("PARLEY_HOST", "::1"),
                Map.entry("PARLEY_PORT", "0"),
                Map.entry("PARLEY_DATA_DIR", "/var/lib/parley"),
                Map.entry("PARLEY_DATABASE_URL", "jdbc:sqlite:/tmp/x.db"),
                Map.entry("PARLEY_PUBLIC_URL", "http://10.0.0.2:8080/parley"),
                Map.entry("PARLEY_ACCOUNT_SID", SID),
                Map.entry("PARLEY_AUTH_TOKEN", "12345678"),
                Map.entry("PARLEY_SIMULATOR_LATENCY_MS", "50"),
                Map.entry("PARLEY_WEBHOOK_TIMEOUT_MS", "1000"),
                Map.entry("PARLEY_WEBHOOK_MAX_ATTEMPTS", "1"),
                Map.entry("PARLEY_SEND_MAX_ATTEMPTS", "2"),
                Map.entry("PARLEY_JOBS_CONCURRENCY", "3"),
                Map.entry("PARLEY_SEND_RATES", "simulator=2"),
                Map.entry("PARLEY_SMPP_PORT", "off"));

        assertThat(load(null, env)).isEqualTo(new ParleyConfig("::1", 0, Path.of("/var/lib/parley"),
                "jdbc:sqlite:/tmp/x.db", "http://10.0.0.2:8080/parley", SID, "12345678", Duration.ofMillis(50),
                Duration.ofSeconds(1), 1, 2, 3, null, null, Map.of("simulator", 2.0))
                .withSmppPort(ParleyConfig.SMPP_OFF));
    }

    @Test
    void configOptionShouldWinOverParleyConfigVariableAndWorkingDirectoryFile() throws IOException {
        Path option = write("option.properties", "port=1001\n");
        Path variable = write("variable.properties", "port=1002\n");
        write("parley.properties", "port=1003\n");

        assertThat(load(option, Map.of("PARLEY_CONFIG", variable.toString())).port()).isEqualTo(1001);
        assertThat(load(null, Map.of("PARLEY_CONFIG", variable.toString())).port()).isEqualTo(1002);
        assertThat(load(null, Map.of()).port()).isEqualTo(1003);
    }

    @Test
    void blankValuesShouldCountAsUnset() throws IOException {
        Path file = write("p.properties", "port=9090\npublic-url=\n");

        ParleyConfig c = load(file, Map.of("PARLEY_PORT", " ", "PARLEY_CONFIG", ""));

        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.publicUrl()).isEqualTo("http://localhost:9090");
    }

    @Test
    void derivedDefaultsShouldFollowTheirSource() {
        ParleyConfig c = load(null, Map.of("PARLEY_PORT", "9000", "PARLEY_DATA_DIR", "/srv/p"));

        assertThat(c.publicUrl()).isEqualTo("http://localhost:9000");
        assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:/srv/p/parley.db");
    }

    @Test
    void withersShouldMoveDerivedValuesButKeepExplicitOnes() {
        ParleyConfig derived = ParleyConfig.defaults().withPort(9001).withDataDir(Path.of("/d"));
        assertThat(derived.publicUrl()).isEqualTo("http://localhost:9001");
        assertThat(derived.databaseUrl()).isEqualTo("jdbc:sqlite:/d/parley.db");

        ParleyConfig explicit = ParleyConfig.defaults().withPublicUrl("https://p.example")
                .withDatabaseUrl("jdbc:postgresql://h/db").withPort(9001).withDataDir(Path.of("/d"));
        assertThat(explicit.publicUrl()).isEqualTo("https://p.example");
        assertThat(explicit.databaseUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void portZeroShouldLeaveThePublicUrlToTheBoundPort() {
        ParleyConfig c = ParleyConfig.defaults().withPort(0);

        assertThat(c.publicUrl()).isNull();
        assertThat(c.publicUrl(43210)).isEqualTo("http://localhost:43210");
        assertThat(c.withPublicUrl("https://x.example").publicUrl(43210)).isEqualTo("https://x.example");
    }

    @Test
    void toStringShouldHideTheAuthTokenAndDatabaseCredentials() {
        ParleyConfig c = ParleyConfig.defaults().withMainAccount(SID, "verySecretToken")
                .withDatabaseUrl("jdbc:postgresql://db/parley?user=u&password=hunter22");

        assertThat(c.toString()).contains(SID).doesNotContain("verySecretToken").doesNotContain("hunter22");
    }

    // --- every validation message ---

    @Test
    void blankOrMalformedHostShouldBeRefused() {
        assertInvalid(() -> ParleyConfig.defaults().withHost(" "), ConfigKey.HOST,
                "host (PARLEY_HOST) must be a host name or IP address to listen on, got ' '");
        assertInvalid(() -> ParleyConfig.defaults().withHost("http://x"), ConfigKey.HOST,
                "host (PARLEY_HOST) must be a host name or IP address to listen on, got 'http://x'");
    }

    @Test
    void portOutOfRangeShouldBeRefused() {
        assertInvalid(() -> ParleyConfig.defaults().withPort(65536), ConfigKey.PORT,
                "port (PARLEY_PORT) must be between 0 and 65535 (0 = any free port), got 65536");
        assertInvalid(() -> ParleyConfig.defaults().withPort(-1), ConfigKey.PORT,
                "port (PARLEY_PORT) must be between 0 and 65535 (0 = any free port), got -1");
    }

    @Test
    void nonNumericValuesShouldBeRefusedNamingKeyAndOrigin() throws IOException {
        assertInvalid(() -> load(null, Map.of("PARLEY_PORT", "80a")), ConfigKey.PORT,
                "port (PARLEY_PORT) must be a whole number, got '80a' (set by environment variable PARLEY_PORT)");
        Path file = write("p.properties", "webhook.timeout-ms=15s\n");
        assertInvalid(() -> load(file, Map.of()), ConfigKey.WEBHOOK_TIMEOUT_MS,
                "webhook.timeout-ms (PARLEY_WEBHOOK_TIMEOUT_MS) must be a whole number, got '15s' (set in "
                        + file.toAbsolutePath() + ")");
    }

    @Test
    void validationFailuresFromTheFileShouldSayWhichFile() throws IOException {
        Path file = write("p.properties", "jobs.concurrency=0\n");

        assertInvalid(() -> load(file, Map.of()), ConfigKey.JOBS_CONCURRENCY,
                "jobs.concurrency (PARLEY_JOBS_CONCURRENCY) must be at least 1, got 0 (set in "
                        + file.toAbsolutePath() + ")");
    }

    @Test
    void unsupportedDatabaseShouldBeRefusedWithoutEchoingCredentials() {
        assertInvalid(() -> ParleyConfig.defaults().withDatabaseUrl("jdbc:mysql://u:pw@db/parley"),
                ConfigKey.DATABASE_URL,
                "database-url (PARLEY_DATABASE_URL) must start with jdbc:sqlite: or jdbc:postgresql:, "
                        + "got 'jdbc:mysql:...'");
    }

    @Test
    void publicUrlMustBeAbsoluteHttpWithoutTrailingSlash() {
        assertInvalid(() -> ParleyConfig.defaults().withPublicUrl("parley.example.com"), ConfigKey.PUBLIC_URL,
                "public-url (PARLEY_PUBLIC_URL) must be an absolute http(s) URL such as "
                        + "https://parley.example.com, got 'parley.example.com'");
        assertInvalid(() -> ParleyConfig.defaults().withPublicUrl("ftp://x.example"), ConfigKey.PUBLIC_URL,
                "public-url (PARLEY_PUBLIC_URL) must be an absolute http(s) URL such as "
                        + "https://parley.example.com, got 'ftp://x.example'");
        assertInvalid(() -> ParleyConfig.defaults().withPublicUrl("https://x.example/"), ConfigKey.PUBLIC_URL,
                "public-url (PARLEY_PUBLIC_URL) must not end with '/', got 'https://x.example/'");
        assertInvalid(() -> ParleyConfig.defaults().withPublicUrl("https://x.example?a=b"), ConfigKey.PUBLIC_URL,
                "public-url (PARLEY_PUBLIC_URL) must not contain user info, a query or a fragment, "
                        + "got 'https://x.example?a=b'");
        assertInvalid(() -> ParleyConfig.defaults().withPublicUrl("http://x y"), ConfigKey.PUBLIC_URL,
                "public-url (PARLEY_PUBLIC_URL) must be an absolute http(s) URL, got 'http://x y' "
                        + "(Illegal character in authority)");
    }

    @Test
    void accountSidAndAuthTokenMustComeTogether() {
        assertInvalid(() -> load(null, Map.of("PARLEY_ACCOUNT_SID", SID)), ConfigKey.ACCOUNT_SID,
                "account-sid (PARLEY_ACCOUNT_SID) and auth-token (PARLEY_AUTH_TOKEN) must be set together; "
                        + "only account-sid is set (set by environment variable PARLEY_ACCOUNT_SID)");
        assertInvalid(() -> load(null, Map.of("PARLEY_AUTH_TOKEN", "12345678")), ConfigKey.AUTH_TOKEN,
                "account-sid (PARLEY_ACCOUNT_SID) and auth-token (PARLEY_AUTH_TOKEN) must be set together; "
                        + "only auth-token is set (set by environment variable PARLEY_AUTH_TOKEN)");
    }

    @Test
    void accountSidMustBeAcAnd32LowercaseHex() {
        assertInvalid(() -> ParleyConfig.defaults().withMainAccount(SID.toUpperCase(), "12345678"),
                ConfigKey.ACCOUNT_SID, "account-sid (PARLEY_ACCOUNT_SID) must be AC followed by 32 lowercase hex "
                        + "digits, got '" + SID.toUpperCase() + "'");
        assertInvalid(() -> ParleyConfig.defaults().withMainAccount("AC123", "12345678"), ConfigKey.ACCOUNT_SID,
                "account-sid (PARLEY_ACCOUNT_SID) must be AC followed by 32 lowercase hex digits, got 'AC123'");
    }

    @Test
    void shortAuthTokenShouldBeRefusedWithoutEchoingIt() {
        assertInvalid(() -> ParleyConfig.defaults().withMainAccount(SID, "short"), ConfigKey.AUTH_TOKEN,
                "auth-token (PARLEY_AUTH_TOKEN) must be at least 8 characters long, got 5");
    }

    @Test
    void durationsAndCountsShouldBeRefusedBelowTheirMinimum() {
        assertInvalid(() -> ParleyConfig.defaults().withSimulatorLatency(Duration.ofMillis(-1)),
                ConfigKey.SIMULATOR_LATENCY_MS,
                "simulator.latency-ms (PARLEY_SIMULATOR_LATENCY_MS) must not be negative, got -1");
        assertInvalid(() -> ParleyConfig.defaults().withWebhookTimeout(Duration.ZERO), ConfigKey.WEBHOOK_TIMEOUT_MS,
                "webhook.timeout-ms (PARLEY_WEBHOOK_TIMEOUT_MS) must be at least 1, got 0");
        assertInvalid(() -> ParleyConfig.defaults().withWebhookMaxAttempts(0), ConfigKey.WEBHOOK_MAX_ATTEMPTS,
                "webhook.max-attempts (PARLEY_WEBHOOK_MAX_ATTEMPTS) must be at least 1, got 0");
        assertInvalid(() -> ParleyConfig.defaults().withSendMaxAttempts(0), ConfigKey.SEND_MAX_ATTEMPTS,
                "send.max-attempts (PARLEY_SEND_MAX_ATTEMPTS) must be at least 1, got 0");
        assertInvalid(() -> ParleyConfig.defaults().withJobConcurrency(-5), ConfigKey.JOBS_CONCURRENCY,
                "jobs.concurrency (PARLEY_JOBS_CONCURRENCY) must be at least 1, got -5");
    }

    @Test
    void invalidDataDirShouldBeRefused() {
        assertInvalid(() -> load(null, Map.of("PARLEY_DATA_DIR", "bad\0dir")), ConfigKey.DATA_DIR,
                "data-dir (PARLEY_DATA_DIR) is not a valid path: 'bad\0dir' (set by environment variable "
                        + "PARLEY_DATA_DIR)");
    }

    @Test
    void unknownKeyInTheFileShouldBeRefusedListingTheKnownOnes() throws IOException {
        Path file = write("p.properties", "prot=9090\n");

        assertThatThrownBy(() -> load(file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Unknown key 'prot' in configuration file " + file.toAbsolutePath() + "; known keys: "
                        + "host, port, data-dir, database-url, public-url, account-sid, auth-token, "
                        + "simulator.latency-ms, webhook.timeout-ms, webhook.max-attempts, send.max-attempts, "
                        + "jobs.concurrency, prices.file, media.deny, media.timeout-ms, send.rates, webhook.deny, "
                        + "smpp.port, chat.demo, channel.<Name>.<Parameter>");
    }

    @Test
    void missingExplicitFileShouldBeRefusedNamingWhoNamedIt() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> load(missing, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Configuration file " + missing.toAbsolutePath()
                        + " (named by --config) does not exist or is not a file");
        assertThatThrownBy(() -> load(null, Map.of("PARLEY_CONFIG", missing.toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Configuration file " + missing.toAbsolutePath()
                        + " (named by PARLEY_CONFIG) does not exist or is not a file");
    }

    @Test
    void mediaDenyListAndTimeoutShouldBeReadAndABadEntryRefusedByKey() {
        ParleyConfig c = load(null, Map.of("PARLEY_MEDIA_DENY", "10.0.0.0/8, .internal,169.254.169.254",
                "PARLEY_MEDIA_TIMEOUT_MS", "2500"));
        assertThat(c.mediaFetch().deny().entries()).containsExactly("10.0.0.0/8", ".internal", "169.254.169.254");
        assertThat(c.mediaFetch().connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.mediaFetch().readTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(ParleyConfig.defaults().mediaFetch().deny().entries()).containsExactly("169.254.169.254",
                "fd00:ec2::254", "metadata.google.internal", "100.100.100.200");

        assertThatThrownBy(() -> load(null, Map.of("PARLEY_MEDIA_DENY", "10.0.0.0/40")))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(ConfigKey.MEDIA_DENY))
                .hasMessageContaining("media.deny (PARLEY_MEDIA_DENY)").hasMessageContaining("10.0.0.0/40")
                .hasMessageContaining("PARLEY_MEDIA_DENY");
        assertThatThrownBy(() -> load(null, Map.of("PARLEY_MEDIA_TIMEOUT_MS", "0")))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(ConfigKey.MEDIA_TIMEOUT_MS));
    }

    @Test
    void webhookDenyListShouldBeReadDefaultToTheMetadataAddressesAndABadEntryStopStartNamingTheKey() {
        ParleyConfig c = load(null, Map.of("PARLEY_WEBHOOK_DENY", "10.0.0.0/8, 127.0.0.0/8,169.254.169.254"));
        assertThat(c.webhookDeny().entries()).containsExactly("10.0.0.0/8", "127.0.0.0/8", "169.254.169.254");
        assertThat(ParleyConfig.defaults().webhookDeny().entries()).containsExactly("169.254.169.254",
                "fd00:ec2::254", "metadata.google.internal", "100.100.100.200");
        // The default leaves loopback and private networks open: developers point webhooks at localhost.
        assertThat(ParleyConfig.defaults().webhookDeny().denies(java.net.InetAddress.getLoopbackAddress())).isFalse();

        assertInvalid(() -> load(null, Map.of("PARLEY_WEBHOOK_DENY", "10.0.0.0/40")), ConfigKey.WEBHOOK_DENY,
                "webhook.deny (PARLEY_WEBHOOK_DENY): " + deniedEntryMessage("10.0.0.0/40")
                        + " (set by environment variable PARLEY_WEBHOOK_DENY)");
    }

    private static String deniedEntryMessage(String entry) {
        try {
            dev.parley.core.media.DenyList.parse(java.util.List.of(entry));
            throw new AssertionError(entry + " should be refused");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void malformedOrOutOfRangeSendRatesShouldBeRefusedNamingTheEntry() {
        assertInvalid(() -> load(null, Map.of("PARLEY_SEND_RATES", "simulator=1, smpp:a")), ConfigKey.SEND_RATES,
                "send.rates (PARLEY_SEND_RATES) must be a list such as 'smpp:carrier-a=1, smpp:short-codes=100'"
                        + " (one rate per channel, in message segments per second), got 'smpp:a'"
                        + " (set by environment variable PARLEY_SEND_RATES)");
        assertInvalid(() -> load(null, Map.of("PARLEY_SEND_RATES", "simulator=fast")), ConfigKey.SEND_RATES,
                "send.rates (PARLEY_SEND_RATES) must be a list such as 'smpp:carrier-a=1, smpp:short-codes=100'"
                        + " (one rate per channel, in message segments per second), got 'simulator=fast'"
                        + " (set by environment variable PARLEY_SEND_RATES)");
        assertInvalid(() -> load(null, Map.of("PARLEY_SEND_RATES", "simulator=1,simulator=2")), ConfigKey.SEND_RATES,
                "send.rates (PARLEY_SEND_RATES) must be a list such as 'smpp:carrier-a=1, smpp:short-codes=100'"
                        + " (one rate per channel, in message segments per second), got 'simulator=2'"
                        + " (set by environment variable PARLEY_SEND_RATES)");
        assertInvalid(() -> load(null, Map.of("PARLEY_SEND_RATES", "simulator=-1")), ConfigKey.SEND_RATES,
                "send.rates (PARLEY_SEND_RATES) must map channel names to rates from 0 (unlimited) to 10000 message"
                        + " segments per second, got simulator=-1.0 (set by environment variable PARLEY_SEND_RATES)");
    }

    @Test
    void parleyExampleFileShouldListEveryKeyAndLoadToTheDefaults() throws IOException {
        // Surefire runs in the module folder; the example lives at the repository root.
        String text = Files.readString(Path.of("..", "parley.properties.example"));
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(text).as("example lists %s", key).contains("\n#" + key.fileKey() + "=")
                    .contains(key.envVar());
        }
        StringBuilder uncommented = new StringBuilder();
        text.lines().filter(l -> l.matches("#[a-z].*=.*")).forEach(l -> uncommented.append(l.substring(1)).append('\n'));
        Path enabled = write("example-enabled.properties", uncommented.toString());
        assertThat(load(enabled, Map.of())).isEqualTo(ParleyConfig.defaults());
    }

    @Test
    void smppPortShouldBeAPortOrOffAndFollowAnyFreeHttpPort() throws IOException {
        assertThat(load(write("smpp.properties", "smpp.port=off\n"), Map.of()).smppPort())
                .isEqualTo(ParleyConfig.SMPP_OFF);
        assertThat(load(null, Map.of("PARLEY_SMPP_PORT", "0")).smppPort()).isZero();
        assertThat(ParleyConfig.defaults().smppPort()).isEqualTo(2775);
        // Tests ask for any free HTTP port; the default SMPP port follows, so two servers never collide on 2775.
        assertThat(ParleyConfig.defaults().withPort(0).smppPort()).isZero();
        assertThat(ParleyConfig.defaults().withSmppPort(2900).withPort(0).smppPort()).isEqualTo(2900);
        assertThatThrownBy(() -> ParleyConfig.defaults().withSmppPort(70000))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(ConfigKey.SMPP_PORT))
                .hasMessageContaining("got 70000");
        assertThatThrownBy(() -> load(write("bad-smpp.properties", "smpp.port=of\n"), Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.key()).isEqualTo(ConfigKey.SMPP_PORT));
    }

    private ParleyConfig load(Path file, Map<String, String> env) {
        return ParleyConfigLoader.load(file, env, dir);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertInvalid(Runnable action, ConfigKey key, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessage(message);
    }
}
