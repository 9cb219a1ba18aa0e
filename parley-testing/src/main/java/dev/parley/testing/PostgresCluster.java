package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests, started from the machine's own server binaries.
 *
 * <p>{@link #shared()} starts one cluster per JVM on first use and returns it on every later call;
 * it is stopped ({@code pg_ctl stop -m immediate}) and its folder deleted when the JVM exits. The
 * server listens on 127.0.0.1 on a free port, accepts the superuser {@code postgres} without a
 * password (trust), keeps its unix socket inside its data folder and runs with {@code fsync} on, so
 * commit timings resemble production. Tests isolate themselves with {@link #createDatabase()}: each
 * call returns a new, empty database.
 *
 * <p>Binaries are taken from the highest {@code /usr/lib/postgresql/<version>/bin}, else from
 * {@code PATH}. As root, {@code initdb} and {@code pg_ctl} run as the {@code postgres} OS user, which
 * owns the cluster folder. Instances are thread-safe.
 */
public final class PostgresCluster {

    /** The superuser every JDBC URL from this class connects as. */
    public static final String SUPERUSER = "postgres";

    private static final String HOST = "127.0.0.1";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final int START_ATTEMPTS = 3;

    private static PostgresCluster shared;
    private static IllegalStateException sharedFailure;

    private final Path binDir;
    private final Path root;
    private final Path dataDir;
    private final Path logFile;
    private final boolean runAsPostgresUser;
    private final int port;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    private PostgresCluster(Path binDir, Path root, boolean runAsPostgresUser, int port) {
        this.binDir = binDir;
        this.root = root;
        this.dataDir = root.resolve("data");
        this.logFile = root.resolve("postgres.log");
        this.runAsPostgresUser = runAsPostgresUser;
        this.port = port;
    }

    /**
     * The JVM's cluster, started on the first call (about a second) and reused afterwards.
     *
     * @throws IllegalStateException if the binaries are missing or the server cannot start; later
     *     calls fail the same way without trying again
     */
    public static synchronized PostgresCluster shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
        }
        try {
            shared = start();
            return shared;
        } catch (IllegalStateException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** The TCP port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database} on this cluster, connecting as {@link #SUPERUSER}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /**
     * Creates a new empty database with a name no other call in this JVM returns, and gives its JDBC
     * URL, e.g. {@code jdbc:postgresql://127.0.0.1:54321/parley_3?user=postgres}.
     */
    public String createDatabase() {
        String name = "parley_" + databaseCounter.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on PostgreSQL at "
                    + HOST + ":" + port + " (data=" + dataDir + "): " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    private static PostgresCluster start() {
        Path binDir = findBinDir().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries not found (initdb); install them: apt-get install postgresql"
                        + " (looked in " + DEBIAN_VERSIONS + "/*/bin and PATH)"));
        Path root;
        boolean asPostgres;
        try {
            root = Files.createTempDirectory("parley-pg-");
            asPostgres = ((Integer) Files.getAttribute(root, "unix:uid")) == 0;
            if (asPostgres) {
                // initdb refuses to run as root; the cluster belongs to the postgres OS user.
                UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(root, users.lookupPrincipalByName(SUPERUSER));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare a folder for PostgreSQL: " + e.getMessage(), e);
        }
        PostgresCluster cluster = new PostgresCluster(binDir, root, asPostgres, Ports.free());
        try {
            cluster.initdb();
            for (int attempt = 1; ; attempt++) {
                try {
                    cluster.startServer();
                    break;
                } catch (IllegalStateException e) {
                    if (attempt == START_ATTEMPTS) {
                        throw e;
                    }
                    // Another process may have taken the probed port before the server bound it.
                    cluster = new PostgresCluster(binDir, root, asPostgres, Ports.free());
                }
            }
        } catch (IllegalStateException e) {
            deleteRecursively(root);
            throw e;
        }
        // One hook, not two: hooks run concurrently, and the folder must outlive the server.
        PostgresCluster started = cluster;
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            started.stopQuietly();
            deleteRecursively(root);
        }));
        return started;
    }

    private void initdb() {
        run("initdb", List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"));
    }

    private void startServer() {
        String options = "-p " + port + " -k " + dataDir + " -c listen_addresses=" + HOST + " -c fsync=on";
        run("pg_ctl start", List.of(binDir.resolve("pg_ctl").toString(), "start", "-w", "-t", "60",
                "-D", dataDir.toString(), "-l", logFile.toString(), "-o", options));
    }

    private void stopQuietly() {
        try {
            run("pg_ctl stop", List.of(binDir.resolve("pg_ctl").toString(), "stop", "-m", "immediate",
                    "-D", dataDir.toString()));
        } catch (RuntimeException ignored) {
            // The JVM is exiting; the folder is deleted by the other hook either way.
        }
    }

    private void run(String what, List<String> command) {
        List<String> full = new ArrayList<>();
        if (runAsPostgresUser) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        Path output = root.resolve("command.out");
        try {
            Process process = new ProcessBuilder(full)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    // A file, not a pipe: the postmaster inherits it and would keep a pipe open forever.
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within 90 s (port=" + port
                        + ", data=" + dataDir + ")");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit=" + process.exitValue() + ", port=" + port
                        + ", data=" + dataDir + ", asPostgresUser=" + runAsPostgresUser + "): "
                        + readQuietly(output) + readQuietly(logFile));
            }
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not be run (" + String.join(" ", full) + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    static Optional<Path> findBinDir() {
        if (Files.isDirectory(DEBIAN_VERSIONS)) {
            try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
                Optional<Path> highest = versions
                        .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .filter(v -> hasServerBinaries(v.resolve("bin")))
                        .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())));
                if (highest.isPresent()) {
                    return Optional.of(highest.get().resolve("bin"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir).resolve("initdb"))
                .filter(Files::isExecutable)
                .map(PostgresCluster::realParent)
                .filter(PostgresCluster::hasServerBinaries)
                .findFirst();
    }

    private static Path realParent(Path executable) {
        try {
            return executable.toRealPath().getParent();
        } catch (IOException e) {
            return executable.getParent();
        }
    }

    private static boolean hasServerBinaries(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? "\n" + Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort at JVM exit; the temp folder is the only thing left behind.
        }
    }
}
