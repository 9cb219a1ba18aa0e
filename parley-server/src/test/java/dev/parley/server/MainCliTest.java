package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService.MainAccount;
import dev.parley.core.account.AccountStatus;
import dev.parley.testing.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The serving side of {@code parley}: banner and start-up refusals (the server starts only as far as a refusal). */
class MainCliTest {
    private static final String SID = "AC0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void bannerShouldShowCredentialsOnlyWhenTheMainAccountWasJustCreated() {
        ParleyConfig config = ParleyConfig.defaults().withPort(0).withDataDir(dir);
        Account account = new Account(SID, SID, "Parley main account", AccountStatus.ACTIVE, "s3cret-token",
                Instant.EPOCH, Instant.EPOCH);

        String created = Main.banner(config, 41234, new MainAccount(account, true));
        String existing = Main.banner(config, 41234, new MainAccount(account, false));

        assertThat(created).contains("is running at http://localhost:41234")
                .contains("Database:    SQLite at " + dir.resolve("parley.db"))
                .contains("shown once")
                .contains(dir.resolve("main-account.properties").toString())
                .contains("Account SID: " + SID)
                .contains("Auth token:  s3cret-token");
        assertThat(existing).contains("is running at http://localhost:41234")
                .doesNotContain(SID).doesNotContain("s3cret-token");
    }

    @Test
    void databaseDescriptionShouldNeverShowCredentials() {
        assertThat(Main.describeDatabase("jdbc:sqlite:/srv/p/parley.db?journal_mode=WAL"))
                .isEqualTo("SQLite at /srv/p/parley.db");
        assertThat(Main.describeDatabase("jdbc:sqlite::memory:")).isEqualTo("SQLite in memory");
        assertThat(Main.describeDatabase("jdbc:postgresql://db.internal:5433/parley?user=p&password=hunter22"))
                .isEqualTo("PostgreSQL at db.internal:5433/parley");
        assertThat(Main.describeDatabase("jdbc:postgresql://u:pw@db/parley")).isEqualTo("PostgreSQL at db/parley");
        assertThat(Main.describeDatabase("jdbc:postgresql:parley")).isEqualTo("PostgreSQL database parley");
    }

    @Test
    void serveShouldRefuseAnInvalidConfigurationNamingTheKey() {
        StringWriter err = new StringWriter();

        int code = run(Map.of("PARLEY_JOBS_CONCURRENCY", "0"), err);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Parley cannot start: jobs.concurrency (PARLEY_JOBS_CONCURRENCY)"
                + " must be at least 1, got 0 (set by environment variable PARLEY_JOBS_CONCURRENCY)");
    }

    @Test
    void serveShouldRefuseAMalformedPriceTableNamingTheFileAndLine() throws java.io.IOException {
        Path prices = java.nio.file.Files.writeString(dir.resolve("prices.txt"), "currency USD\nsms out US 1 segment\n");
        StringWriter err = new StringWriter();

        int code = run(Map.of("PARLEY_PRICES_FILE", prices.toString()), err);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Parley cannot start: prices.file (PARLEY_PRICES_FILE): Price table "
                + prices.toAbsolutePath() + " line 2: direction must be outbound, inbound or *, got 'out'");
    }

    @Test
    void serveShouldRefuseAnUnknownLogFormat() {
        StringWriter err = new StringWriter();

        int code = run(Map.of("PARLEY_LOG_FORMAT", "xml"), err);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("Parley cannot start: PARLEY_LOG_FORMAT must be text or json, got 'xml'");
    }

    @Test
    void serveShouldRefuseAnHttpPortInUseAndLeaveNothingListening() throws IOException {
        int smppPort = Ports.free();
        StringWriter err = new StringWriter();
        int code;
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            code = run(Map.of("PARLEY_HOST", "127.0.0.1", "PARLEY_PORT", String.valueOf(port),
                    "PARLEY_SMPP_PORT", String.valueOf(smppPort)), err);
        }

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Parley cannot start: port (PARLEY_PORT): 127.0.0.1:" + port
                + " is already in use by another program; stop it, or choose another port");
        // The SMPP server had started before the HTTP port was refused: it is closed again.
        assertThat(Ports.isFree(smppPort)).isTrue();
    }

    @Test
    void serveShouldRefuseAnSmppPortInUse() throws IOException {
        StringWriter err = new StringWriter();
        int code;
        int smppPort;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            smppPort = taken.getLocalPort();
            code = run(Map.of("PARLEY_HOST", "127.0.0.1", "PARLEY_PORT", "0",
                    "PARLEY_SMPP_PORT", String.valueOf(smppPort)), err);
        }

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Parley cannot start: smpp.port (PARLEY_SMPP_PORT): 127.0.0.1:"
                + smppPort + " is already in use by another program; stop it, or choose another port");
    }

    private int run(Map<String, String> env, StringWriter err) {
        Map<String, String> isolated = new HashMap<>(env);
        isolated.put("PARLEY_CONFIG", "");
        isolated.put("PARLEY_DATA_DIR", dir.toString());
        CommandLine cli = Main.commandLine(isolated);
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute();
    }
}
