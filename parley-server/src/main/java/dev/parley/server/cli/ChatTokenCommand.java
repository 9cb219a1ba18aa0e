package dev.parley.server.cli;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley chat-token}: mints an access token for the web chat as Twilio's server SDKs mint one
 * ({@code AccessToken} with a {@code ChatGrant}): a JWT signed HS256 with an API key's secret, header
 * {@code cty: twilio-fpa;v=1}, {@code iss} the key SID, {@code sub} the account SID, {@code jti} the key SID and the
 * issue time, {@code exp}, and {@code grants.identity} with {@code grants.chat.service_sid} when a service is named.
 * It talks to no server: a developer tries the widget without writing a backend. The secret comes from
 * {@code --api-key-secret} or, kept out of the shell history, {@code PARLEY_API_KEY_SECRET}.
 */
@Command(name = "chat-token", mixinStandardHelpOptions = true,
        description = "Print a web chat access token (Twilio's AccessToken format, signed with an API key).")
public final class ChatTokenCommand implements Callable<Integer> {
    static final String SECRET_ENV = "PARLEY_API_KEY_SECRET";
    /** Twilio's longest access token lifetime. */
    static final int MAX_TTL_SECONDS = 24 * 3600;
    private static final Pattern KEY_SID = Pattern.compile("SK[0-9a-f]{32}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("IS[0-9a-f]{32}");

    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Option(names = "--api-key", required = true, paramLabel = "SID", description = "The API key's SID (SK...).")
    String keySid;

    @Option(names = "--api-key-secret", paramLabel = "SECRET",
            description = "The API key's secret (default: " + SECRET_ENV + ").")
    String secret;

    @Option(names = "--account-sid", paramLabel = "SID",
            description = "The account the key belongs to (AC...; default: PARLEY_ACCOUNT_SID).")
    String accountSid;

    @Option(names = "--service-sid", paramLabel = "SID",
            description = "The Conversation Service (IS...); default: the account's default service.")
    String serviceSid;

    @Option(names = "--identity", required = true, paramLabel = "NAME",
            description = "The chat identity the token is for.")
    String identity;

    @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Lifetime in seconds, 1 to 86400 (default: ${DEFAULT-VALUE}).")
    int ttlSeconds;

    public ChatTokenCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        String account = accountSid != null ? accountSid.strip() : blankToNull(env.get("PARLEY_ACCOUNT_SID"));
        String key = secret != null ? secret : blankToNull(env.get(SECRET_ENV));
        if (!KEY_SID.matcher(keySid).matches()) {
            throw new CliException("--api-key must be SK followed by 32 lowercase hex digits, got '" + keySid + "'");
        }
        if (account == null) {
            throw new CliException("Give the key's account: --account-sid or PARLEY_ACCOUNT_SID");
        }
        if (!ACCOUNT_SID.matcher(account).matches()) {
            throw new CliException("--account-sid must be AC followed by 32 lowercase hex digits, got '" + account
                    + "'");
        }
        if (serviceSid != null && !SERVICE_SID.matcher(serviceSid).matches()) {
            throw new CliException("--service-sid must be IS followed by 32 lowercase hex digits, got '" + serviceSid
                    + "'");
        }
        if (key == null) {
            throw new CliException("Give the API key's secret: --api-key-secret or " + SECRET_ENV);
        }
        if (identity.isBlank()) {
            throw new CliException("--identity must not be blank");
        }
        if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            throw new CliException("--ttl must be between 1 and " + MAX_TTL_SECONDS + " seconds, got " + ttlSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(mint(keySid, key, account, serviceSid, identity, ttlSeconds, clock.instant().getEpochSecond()));
        out.flush();
        return 0;
    }

    /** The signed JWT; {@code serviceSid} null leaves the chat grant empty (the account's default service). */
    static String mint(String keySid, String secret, String accountSid, String serviceSid, String identity,
            int ttlSeconds, long nowSeconds) {
        return mint(keySid, secret, accountSid, serviceSid, identity, nowSeconds, nowSeconds + ttlSeconds, null);
    }

    /**
     * The signed JWT issued at {@code issuedAtSeconds}, expiring at {@code expiresAtSeconds}, with an {@code nbf}
     * when {@code notBeforeSeconds} is not null. Unlike twilio-java's {@code AccessToken} (which adds
     * {@code ttl * 1000} in int arithmetic, so a lifetime past 24.8 days overflows), any instant can be named: tests
     * whose server clock runs far ahead of the machine's mint their tokens here.
     */
    public static String mint(String keySid, String secret, String accountSid, String serviceSid, String identity,
            long issuedAtSeconds, long expiresAtSeconds, Long notBeforeSeconds) {
        Map<String, Object> chat = new LinkedHashMap<>();
        if (serviceSid != null) {
            chat.put("service_sid", serviceSid);
        }
        Map<String, Object> grants = new LinkedHashMap<>();
        grants.put("identity", identity);
        grants.put("chat", chat);
        // jjwt, as twilio-java signs with it and AccessTokens verifies with it.
        JwtBuilder jwt = Jwts.builder()
                .header().add("cty", "twilio-fpa;v=1").add("typ", "JWT").and()
                .id(keySid + "-" + issuedAtSeconds)
                .issuer(keySid)
                .subject(accountSid)
                .expiration(new Date(expiresAtSeconds * 1000))
                .claim("grants", grants);
        if (notBeforeSeconds != null) {
            jwt.notBefore(new Date(notBeforeSeconds * 1000));
        }
        return jwt.signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256).compact();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
