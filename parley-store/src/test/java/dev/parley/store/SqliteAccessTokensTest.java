package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.jwt.accesstoken.ChatGrant;
import com.twilio.jwt.accesstoken.VideoGrant;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountService;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.account.ApiKey;
import dev.parley.core.chat.AccessTokens;
import dev.parley.core.chat.ChatIdentity;
import dev.parley.core.chat.ChatRefusal;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Access tokens minted by twilio-java's {@code AccessToken} + {@code ChatGrant}, as a backend written for Twilio mints
 * them, verified against real keys: every refusal with its close code and its reason's Twilio code.
 */
class SqliteAccessTokensTest {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();
    private ChatWorld world;
    private AccessTokens tokens;
    private Account account;
    private AccountService.NewKey key;
    private String service;

    @BeforeEach
    void setUp() {
        // twilio-java stamps exp from the wall clock: the server's clock is the wall clock here too.
        world = new ChatWorld(db.database(), Clock.systemUTC());
        tokens = new AccessTokens(db.database(), world.ids, world.clock);
        account = world.account();
        key = world.accounts.createKey(account.sid(), "chat");
        service = world.services.ensureDefault(account.sid()).sid();
    }

    private ChatRefusal refused(String jwt) {
        return catchThrowableOfType(ChatRefusal.class, () -> tokens.verify(jwt));
    }

    @Test
    void aTokenMintedByTwilioJavaIsTheIdentityItGrants() {
        String jwt = ChatWorld.mint(key, account.sid()).identity("alice").ttl(600)
                .grant(new ChatGrant().setServiceSid(service)).build().toJwt();

        ChatIdentity who = tokens.verify(jwt);

        assertThat(who.accountSid()).isEqualTo(account.sid());
        assertThat(who.chatServiceSid()).isEqualTo(service);
        assertThat(who.identity()).isEqualTo("alice");
        assertThat(who.keySid()).isEqualTo(key.key().sid());
        assertThat(who.expiresAt()).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));
    }

    @Test
    void aChatGrantWithoutServiceMeansTheAccountsDefaultService() {
        String jwt = ChatWorld.mint(key, account.sid()).identity("alice").grant(new ChatGrant()).build().toJwt();

        assertThat(tokens.verify(jwt).chatServiceSid()).isEqualTo(service);
    }

    @Test
    void anExpiredTokenIsClosed4410With20104() {
        String jwt = ChatWorld.mint(key, account.sid()).identity("alice").ttl(-120)
                .grant(new ChatGrant().setServiceSid(service)).build().toJwt();

        ChatRefusal r = refused(jwt);

        assertThat(r.closeCode()).isEqualTo(4410);
        assertThat(r.reason()).startsWith("20104 token expired at ");
    }

    @Test
    void aTokenNotYetValidIsClosed4411With20105() {
        String jwt = ChatWorld.mint(key, account.sid()).identity("alice")
                .nbf(Date.from(Instant.now().plus(10, ChronoUnit.MINUTES)))
                .grant(new ChatGrant().setServiceSid(service)).build().toJwt();

        ChatRefusal r = refused(jwt);

        assertThat(r.closeCode()).isEqualTo(4411);
        assertThat(r.reason()).startsWith("20105 token not valid before ");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsClosed4401With20107() {
        AccountService.NewKey forged = new AccountService.NewKey(key.key(), "0123456789abcdef0123456789abcdef");
        String jwt = ChatWorld.token(forged, account.sid(), "alice", service);

        ChatRefusal r = refused(jwt);

        assertThat(r.closeCode()).isEqualTo(4401);
        assertThat(r.reason()).startsWith("20107 ");
    }

    @Test
    void deletingTheKeyRevokesItsTokens() {
        String jwt = ChatWorld.token(key, account.sid(), "alice", service);
        assertThat(tokens.verify(jwt).identity()).isEqualTo("alice");

        world.accounts.deleteKey(account.sid(), key.key().sid());

        ChatRefusal r = refused(jwt);
        assertThat(r.closeCode()).isEqualTo(4401);
        assertThat(r.reason()).isEqualTo("20103 API key " + key.key().sid() + " is unknown or was deleted");
    }

    @Test
    void aKeyCreatedBeforeSecretsWereKeptIsRefusedWithAReasonToCreateANewOne() {
        ApiKey old = new ApiKey(Fixtures.sid("SK"), account.sid(), "old", "hash", Instant.now(), Instant.now());
        db.database().writeVoid(tx -> tx.accounts().insertKey(old));
        String jwt = ChatWorld.token(new AccountService.NewKey(old, "0123456789abcdef0123456789abcdef"),
                account.sid(), "alice", service);

        ChatRefusal r = refused(jwt);

        assertThat(r.closeCode()).isEqualTo(4401);
        assertThat(r.reason()).startsWith("20103 ").contains("create a new API key");
    }

    @Test
    void aKeyOfAnotherAccountSigningForThisOneIsClosed4403() {
        Account other = world.account();
        AccountService.NewKey othersKey = world.accounts.createKey(other.sid(), "theirs");
        String jwt = ChatWorld.token(othersKey, account.sid(), "alice", service);

        ChatRefusal r = refused(jwt);

        assertThat(r.closeCode()).isEqualTo(4403);
        assertThat(r.reason()).isEqualTo("20103 API key " + othersKey.key().sid() + " is not a key of sub "
                + account.sid());
    }

    @Test
    void aServiceOfAnotherAccountIsClosed4403With20106() {
        Account other = world.account();
        String theirs = world.services.ensureDefault(other.sid()).sid();
        String jwt = ChatWorld.token(key, account.sid(), "alice", theirs);

        ChatRefusal r = refused(jwt);

        assertThat(r.closeCode()).isEqualTo(4403);
        assertThat(r.reason()).isEqualTo("20106 service " + theirs + " is not a service of " + account.sid());
    }

    @Test
    void aTokenWithoutChatGrantOrIdentityIsClosed4401With20106() {
        String video = ChatWorld.mint(key, account.sid()).identity("alice").grant(new VideoGrant()).build().toJwt();
        String anonymous = ChatWorld.mint(key, account.sid()).grant(new ChatGrant().setServiceSid(service)).build()
                .toJwt();

        assertThat(refused(video).closeCode()).isEqualTo(4401);
        assertThat(refused(video).reason()).isEqualTo("20106 token has no chat grant");
        assertThat(refused(anonymous).closeCode()).isEqualTo(4401);
        assertThat(refused(anonymous).reason()).startsWith("20106 grants.identity missing");
    }

    @Test
    void anAccountNotActiveIsClosed4403With20005() {
        String jwt = ChatWorld.token(key, account.sid(), "alice", service);
        db.database().writeVoid(tx -> tx.accounts().update(account.withStatus(AccountStatus.SUSPENDED,
                Instant.now())));

        ChatRefusal r = refused(jwt);

        assertThat(r.closeCode()).isEqualTo(4403);
        assertThat(r.reason()).isEqualTo("20005 account " + account.sid() + " is suspended");
    }

    @Test
    void malformedTokensAndOtherHeadersAreClosed4401() {
        assertThat(refused(null).reason()).startsWith("20101 ");
        assertThat(refused("not.a.jwt").reason()).startsWith("20101 ");
        assertThat(refused("abc").reason()).startsWith("20101 ");
        assertThat(refused("x".repeat(10_000)).reason()).startsWith("20101 ");
        // A JWT signed with the key's secret, but not an AccessToken: no cty twilio-fpa;v=1.
        String plain = Jwts.builder().issuer(key.key().sid()).subject(account.sid())
                .expiration(Date.from(Instant.now().plusSeconds(60)))
                .claim("grants", Map.of("identity", "alice", "chat", Map.of()))
                .signWith(Keys.hmacShaKeyFor(key.secret().getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
        assertThat(refused(plain).closeCode()).isEqualTo(4401);
        assertThat(refused(plain).reason()).startsWith("20102 ");
    }

    @Test
    void aTokenLivingLongerThanADayIsRefused() {
        String jwt = ChatWorld.mint(key, account.sid()).identity("alice").ttl((int) Duration.ofHours(25).toSeconds())
                .grant(new ChatGrant().setServiceSid(service)).build().toJwt();

        assertThat(refused(jwt).closeCode()).isEqualTo(4401);
        assertThat(refused(jwt).reason()).isEqualTo("20101 token lives longer than 24 hours");
    }

    @Test
    void aReasonFitsACloseFrameAndNeverCarriesTheSecret() {
        String jwt = ChatWorld.token(key, account.sid(), "alice", "IS" + "é".repeat(200));

        ChatRefusal r = refused(jwt);

        assertThat(r.reason().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(r.reason()).doesNotContain(key.secret());
        assertThat(r.toString()).doesNotContain(key.secret());
    }
}
