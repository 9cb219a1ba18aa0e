package dev.parley.server.cli;

import dev.parley.server.ParleyConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the running Parley is and how to authenticate: shared by every command that talks to a server.
 * Credentials come from the options, else {@code PARLEY_ACCOUNT_SID}/{@code PARLEY_AUTH_TOKEN}, else the
 * configuration file, else {@code <dataDir>/main-account.properties} written by the server on first start.
 */
public final class ConnectionOptions {
    /** The file the server writes the main account's credentials to, inside its data folder. */
    public static final String MAIN_ACCOUNT_FILE = "main-account.properties";

    @Option(names = "--url", paramLabel = "URL",
            description = "Parley's base URL (default: http://localhost:<port from the configuration>).")
    String url;

    @Option(names = "--account-sid", paramLabel = "SID", description = "Account SID (AC...) to authenticate as.")
    String accountSid;

    @Option(names = "--auth-token", paramLabel = "TOKEN", description = "Auth token of that account.")
    String authToken;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Parley configuration file, for the port and data folder (default: PARLEY_CONFIG, "
                    + "else ./parley.properties).")
    Path configFile;

    ParleyApi connect(Map<String, String> env) {
        if ((accountSid == null) != (authToken == null)) {
            throw new CliException("--account-sid and --auth-token go together; pass both or neither");
        }
        ParleyConfig config = null;
        String sid = accountSid;
        String token = authToken;
        if (sid == null && present(env.get("PARLEY_ACCOUNT_SID")) && present(env.get("PARLEY_AUTH_TOKEN"))) {
            sid = env.get("PARLEY_ACCOUNT_SID").strip();
            token = env.get("PARLEY_AUTH_TOKEN").strip();
        }
        if (url == null || sid == null) {
            config = ParleyConfig.load(configFile, env);
        }
        String base = url != null ? url : baseUrlOf(config);
        if (sid == null && config.accountSid() != null) {
            sid = config.accountSid();
            token = config.authToken();
        }
        if (sid == null) {
            Path file = config.dataDir().resolve(MAIN_ACCOUNT_FILE);
            Properties saved = readMainAccount(file, base);
            sid = saved.getProperty("account-sid");
            token = saved.getProperty("auth-token");
            if (!present(sid) || !present(token)) {
                throw new CliException(file.toAbsolutePath() + " lacks account-sid or auth-token");
            }
        }
        return new ParleyApi(base, sid.strip(), token.strip());
    }

    private static String baseUrlOf(ParleyConfig config) {
        if (config.port() == 0) {
            throw new CliException("The configured port is 0 (any free port), so the server's URL is unknown; "
                    + "pass --url");
        }
        return "http://localhost:" + config.port();
    }

    private static Properties readMainAccount(Path file, String base) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("No credentials for Parley at " + base + ": pass --account-sid and --auth-token,"
                    + " set PARLEY_ACCOUNT_SID and PARLEY_AUTH_TOKEN, or run where the server's data folder is"
                    + " (looked for " + file.toAbsolutePath().normalize() + ")");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new CliException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        return properties;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
