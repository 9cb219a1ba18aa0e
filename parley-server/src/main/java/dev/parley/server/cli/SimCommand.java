package dev.parley.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.simulator.HandsetBehavior;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley sim …}: drive the built-in handset simulator of a running Parley over its HTTP API. */
@Command(name = "sim", description = "Use the handset simulator of a running Parley.",
        mixinStandardHelpOptions = true)
public final class SimCommand implements Runnable {
    static final String SIMULATOR = "/parley/v1/Simulator";

    @Spec
    CommandSpec spec;

    /** {@code sim} and its subcommands, each given the process environment. */
    public static CommandLine commandLine(Map<String, String> env) {
        return new CommandLine(new SimCommand())
                .addSubcommand(new Send(env))
                .addSubcommand(new Inbox(env))
                .addSubcommand(new Handset(env));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: send, inbox or handset");
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "A handset sends a message to one of your numbers (arrives as an inbound message).")
    static final class Send implements Callable<Integer> {
        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--from", required = true, paramLabel = "ADDRESS",
                description = "The handset, E.164 (SMS) or whatsapp:+E.164 (WhatsApp).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "ADDRESS",
                description = "Your Parley number, E.164, or whatsapp:+E.164 for a WhatsApp sender; repeat it for a "
                        + "group MMS (your numbers and other handsets).")
        List<String> to = new ArrayList<>();

        @Option(names = "--profile-name", paramLabel = "NAME",
                description = "A WhatsApp handset's profile name (posted as ProfileName; default: its number).")
        String profileName;

        @Option(names = "--body", paramLabel = "TEXT", description = "Message text.")
        String body;

        @Option(names = "--media", paramLabel = "URL", description = "Media URL; repeat for several.")
        List<String> media = new ArrayList<>();

        Send(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            List<Map.Entry<String, String>> form = new ArrayList<>();
            form.add(Map.entry("From", from));
            to.forEach(each -> form.add(Map.entry("To", each)));
            if (body != null) {
                form.add(Map.entry("Body", body));
            }
            media.forEach(url -> form.add(Map.entry("MediaUrl", url)));
            if (profileName != null) {
                form.add(Map.entry("ProfileName", profileName));
            }
            JsonNode message = connection.connect(env).postForm(SIMULATOR + "/Messages", form);
            spec.commandLine().getOut().println(text(message, "sid") + "  " + text(message, "status"));
            return 0;
        }
    }

    @Command(name = "inbox", mixinStandardHelpOptions = true,
            description = "Show the messages of a handset, newest first.")
    static final class Inbox implements Callable<Integer> {
        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "ADDRESS", description = "The handset, E.164 or whatsapp:+E.164.")
        String number;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "At most this many messages (1-1000, default ${DEFAULT-VALUE}).")
        int limit;

        Inbox(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) {
                throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000, got " + limit);
            }
            JsonNode page = connection.connect(env).get(SIMULATOR + "/Handsets/" + ParleyApi.encode(number)
                    + "/Messages?PageSize=" + limit);
            JsonNode messages = page.path("messages");
            PrintWriter out = spec.commandLine().getOut();
            if (!messages.isArray() || messages.isEmpty()) {
                out.println("No messages for " + number + ".");
                return 0;
            }
            List<JsonNode> rows = new ArrayList<>();
            messages.forEach(rows::add);
            out.print(InboxTable.render(rows.subList(0, Math.min(limit, rows.size()))));
            out.flush();
            return 0;
        }
    }

    @Command(name = "handset", mixinStandardHelpOptions = true,
            description = "Choose how a handset treats messages sent to it.")
    static final class Handset implements Callable<Integer> {
        private final Map<String, String> env;

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "ADDRESS", description = "The handset, E.164 or whatsapp:+E.164.")
        String number;

        @Option(names = "--behavior", required = true, paramLabel = "BEHAVIOR",
                description = "deliver, fail (refused at once), undeliver (sent, then undelivered), silent "
                        + "(sent, no receipt), busy (retried later) or read (WhatsApp: delivered, then read).")
        String behavior;

        @Option(names = "--error-code", paramLabel = "CODE",
                description = "Error code for fail/undeliver, 30001-30010 (e.g. 30003 unreachable).")
        Integer errorCode;

        @Option(names = "--latency-ms", paramLabel = "MS", description = "Delay before each receipt.")
        Long latencyMs;

        Handset(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            HandsetBehavior.Mode mode = HandsetBehavior.Mode.fromWire(behavior).orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "--behavior must be deliver, fail, undeliver, "
                            + "silent, busy or read, got '" + behavior + "'"));
            List<Map.Entry<String, String>> form = new ArrayList<>();
            form.add(Map.entry("Behavior", mode.wire()));
            if (errorCode != null) {
                form.add(Map.entry("ErrorCode", errorCode.toString()));
            }
            if (latencyMs != null) {
                form.add(Map.entry("LatencyMs", latencyMs.toString()));
            }
            JsonNode answer = connection.connect(env).postForm(SIMULATOR + "/Handsets/" + ParleyApi.encode(number),
                    form);
            StringBuilder line = new StringBuilder("Handset " + number + ": " + text(answer, "behavior"));
            if (answer.hasNonNull("error_code")) {
                line.append(", error code ").append(answer.get("error_code").asText());
            }
            if (answer.hasNonNull("latency_ms")) {
                line.append(", latency ").append(answer.get("latency_ms").asText()).append(" ms");
            }
            spec.commandLine().getOut().println(line);
            return 0;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "-" : value.asText();
    }
}
