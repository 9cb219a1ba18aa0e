package dev.parley.server;

import dev.parley.core.account.AccountService.MainAccount;
import dev.parley.server.cli.ChatTokenCommand;
import dev.parley.server.cli.CliException;
import dev.parley.server.cli.ConnectionOptions;
import dev.parley.server.cli.SimCommand;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code parley} command. Without a subcommand it serves: starts {@link ParleyServer}, prints a banner
 * and runs until SIGTERM or SIGINT, when a shutdown hook closes the server. The subcommands are clients
 * of a running Parley.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A self-hosted messaging platform that speaks Twilio's APIs. Without a subcommand, "
                + "runs the server.")
public final class Main implements Callable<Integer> {
    static final String LOG_FORMAT = "PARLEY_LOG_FORMAT";
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: PARLEY_CONFIG, else ./parley.properties if present). "
                    + "PARLEY_* environment variables override it.")
    Path configFile;

    Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The whole command tree, reading configuration and credentials from {@code env}. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main(env))
                .addSubcommand(SimCommand.commandLine(env))
                .addSubcommand(new CommandLine(new ChatTokenCommand(env, Clock.systemUTC())))
                .setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException || e instanceof InvalidConfigException) {
                commandLine.getErr().println(e.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        ParleyConfig config;
        try {
            config = ParleyConfig.load(configFile, env);
        } catch (InvalidConfigException e) {
            throw new CliException("Parley cannot start: " + e.getMessage());
        }
        String logFormat = env.getOrDefault(LOG_FORMAT, "text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            // logback.xml names the appender after this value; any other would silently drop all logging.
            throw new CliException("Parley cannot start: " + LOG_FORMAT + " must be text or json, got '"
                    + logFormat + "'");
        }
        ParleyServer server;
        try {
            server = ParleyServer.start(config);
        } catch (InvalidConfigException e) {
            // A setting only start-up can check, such as a malformed price table.
            throw new CliException("Parley cannot start: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "parley-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.print(banner(config, server.port(), server.mainAccount()));
        out.flush();
        // Serve until the JVM is told to exit; the shutdown hook closes the server.
        new CountDownLatch(1).await();
        return 0;
    }

    /** What {@code parley} prints once the server is up. The credentials appear only when just created. */
    static String banner(ParleyConfig config, int boundPort, MainAccount main) {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder()
                .append("Parley ").append(Version.current()).append(" is running at ")
                .append(config.publicUrl(boundPort)).append(nl)
                .append("  Listening on ").append(config.host()).append(':').append(boundPort).append(nl)
                .append("  Database:    ").append(describeDatabase(config.databaseUrl())).append(nl);
        if (main != null && main.created()) {
            Path saved = config.dataDir().resolve(ConnectionOptions.MAIN_ACCOUNT_FILE).toAbsolutePath().normalize();
            b.append(nl)
                    .append("  Main account created. Its credentials are shown once here;").append(nl)
                    .append("  they are also saved in ").append(saved).append(nl)
                    .append("    Account SID: ").append(main.account().sid()).append(nl)
                    .append("    Auth token:  ").append(main.account().authToken()).append(nl);
        }
        return b.append(nl).toString();
    }

    /** Kind and location of the database, without credentials: {@code SQLite at /srv/parley/parley.db}. */
    static String describeDatabase(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            int query = file.indexOf('?');
            file = query < 0 ? file : file.substring(0, query);
            if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file::memory:")) {
                return "SQLite in memory";
            }
            if (file.startsWith("file:")) {
                file = file.substring("file:".length());
            }
            return "SQLite at " + Path.of(file).toAbsolutePath().normalize();
        }
        String rest = jdbcUrl.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            int query = rest.indexOf('?');
            return "PostgreSQL database " + (query < 0 ? rest : rest.substring(0, query));
        }
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return "PostgreSQL at " + host + port + (uri.getPath() == null ? "" : uri.getPath());
        } catch (IllegalArgumentException e) {
            return "PostgreSQL";
        }
    }

    /** The version the jar's manifest carries, or "dev" when run from classes. */
    static final class Version implements IVersionProvider {
        static String current() {
            String version = Main.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"Parley " + current()};
        }
    }
}
