package dev.parley.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code parley chat-token}: the token twilio-java's AccessToken would mint, checked with the JWT library it uses. */
class ChatTokenCliTest {
    private static final String KEY = "SK" + "0123456789abcdef".repeat(2);
    private static final String SECRET = "p4rl3y-api-key-secret-0123456789ab";
    private static final String ACCOUNT = "AC" + "fedcba9876543210".repeat(2);
    private static final String SERVICE = "IS" + "00112233445566778899aabbccddeeff";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ChatTokenCommand(env, Clock.fixed(NOW, ZoneOffset.UTC)));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println(e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        return new Run(code, out.toString().strip(), err.toString());
    }

    private static JsonNode part(String jwt, int index) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aMintedTokenHasTheShapeOfTwilioJavasAccessTokenAndVerifiesWithTheKeysSecret() throws IOException {
        Run run = run(Map.of(), "--api-key", KEY, "--api-key-secret", SECRET, "--account-sid", ACCOUNT,
                "--service-sid", SERVICE, "--identity", "alice", "--ttl", "900");
        assertThat(run.code()).isZero();
        String jwt = run.out();

        // jjwt (what twilio-java signs with) checks the signature; its cty makes the payload "content", not claims.
        Jws<byte[]> verified = Jwts.parser().verifyWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)))
                .build().parseSignedContent(jwt);
        assertThat(verified.getHeader().getAlgorithm()).isEqualTo("HS256");
        assertThat(part(jwt, 0).get("cty").asText()).isEqualTo("twilio-fpa;v=1");
        JsonNode claims = JSON.readTree(verified.getPayload());
        assertThat(claims.get("iss").asText()).isEqualTo(KEY);
        assertThat(claims.get("sub").asText()).isEqualTo(ACCOUNT);
        assertThat(claims.get("jti").asText()).isEqualTo(KEY + "-" + NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.plusSeconds(900).getEpochSecond());
        assertThat(JSON.convertValue(claims.get("grants"), Map.class))
                .isEqualTo(Map.of("identity", "alice", "chat", Map.of("service_sid", SERVICE)));
        assertThat(Jwts.parser().verifyWith(Keys.hmacShaKeyFor("another-secret-of-32-bytes-or-more".getBytes(
                StandardCharsets.UTF_8))).build().isSigned(jwt)).isTrue();
        assertThatThrownBy(() -> Jwts.parser().verifyWith(Keys.hmacShaKeyFor("another-secret-of-32-bytes-or-more"
                .getBytes(StandardCharsets.UTF_8))).build().parseSignedContent(jwt))
                .isInstanceOf(io.jsonwebtoken.security.SignatureException.class);

        String twilios = new AccessToken.Builder(ACCOUNT, KEY, SECRET.getBytes(StandardCharsets.UTF_8))
                .identity("alice").ttl(900).grant(new ChatGrant().setServiceSid(SERVICE)).build().toJwt();
        assertThat(part(jwt, 0)).isEqualTo(part(twilios, 0));
        assertThat(names(part(jwt, 1))).containsExactlyInAnyOrderElementsOf(names(part(twilios, 1)));
        assertThat(part(jwt, 1).get("grants")).isEqualTo(part(twilios, 1).get("grants"));
        assertThat(jwt).doesNotContain(SECRET);
    }

    @Test
    void withoutAServiceTheChatGrantIsEmptyAsTwilioJavaWritesItAndTheSecretMayComeFromTheEnvironment()
            throws IOException {
        Run run = run(Map.of(ChatTokenCommand.SECRET_ENV, SECRET, "PARLEY_ACCOUNT_SID", ACCOUNT),
                "--api-key", KEY, "--identity", "bob");
        assertThat(run.code()).isZero();
        JsonNode claims = part(run.out(), 1);
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 3600);
        assertThat(claims.get("sub").asText()).isEqualTo(ACCOUNT);

        String twilios = new AccessToken.Builder(ACCOUNT, KEY, SECRET.getBytes(StandardCharsets.UTF_8))
                .identity("bob").grant(new ChatGrant()).build().toJwt();
        assertThat(claims.get("grants")).isEqualTo(part(twilios, 1).get("grants"));
    }

    @Test
    void anyExpiryAndANotBeforeCanBeNamedWhereTwilioJavasIntArithmeticWouldOverflow() throws IOException {
        long issued = NOW.getEpochSecond() + 90L * 24 * 3600;
        String jwt = ChatTokenCommand.mint(KEY, SECRET, ACCOUNT, null, "carol", issued, issued + 3600, issued + 60);

        Jws<byte[]> verified = Jwts.parser().verifyWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)))
                .build().parseSignedContent(jwt);
        JsonNode claims = JSON.readTree(verified.getPayload());
        assertThat(claims.get("exp").asLong()).isEqualTo(issued + 3600);
        assertThat(claims.get("nbf").asLong()).isEqualTo(issued + 60);
        assertThat(claims.get("jti").asText()).isEqualTo(KEY + "-" + issued);
        assertThat(claims.get("grants").get("identity").asText()).isEqualTo("carol");
    }

    @Test
    void badInputIsRefusedNamingTheOptionAndPrintsNoToken() {
        Run noSecret = run(Map.of(), "--api-key", KEY, "--account-sid", ACCOUNT, "--identity", "a");
        assertThat(noSecret.code()).isEqualTo(1);
        assertThat(noSecret.err()).contains(ChatTokenCommand.SECRET_ENV);
        assertThat(noSecret.out()).isEmpty();

        assertThat(run(Map.of(), "--api-key", "SKnope", "--api-key-secret", SECRET, "--account-sid", ACCOUNT,
                "--identity", "a").err()).contains("--api-key must be SK");
        assertThat(run(Map.of(), "--api-key", KEY, "--api-key-secret", SECRET, "--identity", "a").err())
                .contains("--account-sid or PARLEY_ACCOUNT_SID");
        assertThat(run(Map.of(), "--api-key", KEY, "--api-key-secret", SECRET, "--account-sid", ACCOUNT,
                "--service-sid", "MG123", "--identity", "a").err()).contains("--service-sid must be IS");
        Run longTtl = run(Map.of(), "--api-key", KEY, "--api-key-secret", SECRET, "--account-sid", ACCOUNT,
                "--identity", "a", "--ttl", "86401");
        assertThat(longTtl.err()).contains("--ttl must be between 1 and 86400");
        assertThat(longTtl.err()).doesNotContain(SECRET);
        assertThat(longTtl.out()).isEmpty();
    }
}
