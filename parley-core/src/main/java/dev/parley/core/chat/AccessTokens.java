package dev.parley.core.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.account.Account;
import dev.parley.core.account.AccountStatus;
import dev.parley.core.account.ApiKey;
import dev.parley.core.conversation.ChatService;
import dev.parley.core.conversation.ChatServiceService;
import dev.parley.core.id.IdGenerator;
import dev.parley.core.tx.Storage;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SignatureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies the access tokens Twilio's server SDKs mint ({@code AccessToken} with a {@code ChatGrant}): an HS256 JWT
 * signed with an API key's secret, header {@code cty: twilio-fpa;v=1}, {@code iss} the key's SID, {@code sub} the
 * account's SID, {@code grants.identity}, {@code grants.chat.service_sid} (the account's default Conversation Service
 * when absent), {@code exp} and optionally {@code nbf}. A backend written for Twilio mints tokens for Parley unchanged.
 *
 * <p>Every refusal is a {@link ChatRefusal} with the WebSocket close code and a reason that starts with Twilio's
 * error code: 4401 for a token that is not valid (malformed 20101, wrong header 20102, unknown or deleted key 20103,
 * bad signature 20107, no identity or chat grant 20106), 4410 when it has expired (20104), 4411 when it is not yet
 * valid (20105), 4403 when it is valid but not allowed here (the key belongs to another account than {@code sub}, the
 * account is not active, the service is not the account's). Deleting the API key revokes its tokens at once. The
 * reason never carries the token or a secret.
 */
public final class AccessTokens {
    /** Twilio's SDKs refuse to mint a token living longer; so does Parley accept none. */
    static final Duration MAX_LIFETIME = Duration.ofHours(24);
    /** Tolerated difference between the minting backend's clock and this server's. */
    static final Duration SKEW = Duration.ofSeconds(30);
    private static final int MAX_LENGTH = 8192;
    private static final int MAX_IDENTITY = 256;
    private static final String CONTENT_TYPE = "twilio-fpa;v=1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Storage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public AccessTokens(Storage storage, IdGenerator ids, Clock clock) {
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The identity {@code jwt} grants, checked against the key, the account and the service as they are now.
     *
     * @throws ChatRefusal when the token is refused
     */
    public ChatIdentity verify(String jwt) {
        if (jwt == null || jwt.isBlank() || jwt.length() > MAX_LENGTH) {
            throw invalid(20101, "token missing or longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = jwt.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw invalid(20101, "token is not a signed JWT");
        }
        JsonNode header = decode(parts[0]);
        if (!"HS256".equals(header.path("alg").asText()) || !CONTENT_TYPE.equals(header.path("cty").asText())) {
            throw invalid(20102, "header must have alg HS256 and cty " + CONTENT_TYPE);
        }
        // The key is named by iss, read before the signature can be checked with its secret.
        JsonNode unverified = decode(parts[1]);
        String keySid = unverified.path("iss").asText("");
        if (!keySid.matches("SK[0-9a-fA-F]{32}")) {
            throw invalid(20103, "iss is not an API key SID");
        }
        Key key = storage.read(tx -> tx.accounts().findKey(keySid)
                .map(k -> new Key(k, tx.accounts().signingSecret(keySid), tx.accounts().find(k.accountSid()))))
                .orElseThrow(() -> invalid(20103, "API key " + keySid + " is unknown or was deleted"));
        String secret = key.secret().orElseThrow(() -> invalid(20103, "API key " + keySid
                + " predates chat tokens: create a new API key"));
        return granted(verified(jwt.strip(), secret), key);
    }

    /** A key with what verification needs: its secret, if kept, and its account. */
    private record Key(ApiKey key, Optional<String> secret, Optional<Account> account) {
    }

    /**
     * The claims, once the signature is checked. Twilio's header {@code cty} makes the token a content JWS for the
     * library (it checks no claim then): expiry and start of validity are checked here, after the signature.
     */
    private JsonNode verified(String jwt, String secret) {
        byte[] payload;
        try {
            payload = Jwts.parser()
                    .verifyWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)))
                    .build()
                    .parseSignedContent(jwt)
                    .getPayload();
        } catch (SignatureException e) {
            throw invalid(20107, "signature does not match the API key's secret");
        } catch (JwtException | IllegalArgumentException e) {
            throw invalid(20101, "token could not be read as a signed JWT");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(payload);
        } catch (IOException e) {
            throw invalid(20101, "token payload is not JSON");
        }
        if (claims == null || !claims.isObject()) {
            throw invalid(20101, "token payload is not a JSON object");
        }
        Instant now = clock.instant();
        if (!claims.path("exp").canConvertToLong()) {
            throw invalid(20101, "token has no exp");
        }
        Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!now.isBefore(exp.plus(SKEW))) {
            throw refuse(4410, 20104, "token expired at " + exp);
        }
        if (claims.has("nbf")) {
            Instant nbf = Instant.ofEpochSecond(claims.path("nbf").asLong());
            if (now.plus(SKEW).isBefore(nbf)) {
                throw refuse(4411, 20105, "token not valid before " + nbf);
            }
        }
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw invalid(20101, "token lives longer than 24 hours");
        }
        return claims;
    }

    private ChatIdentity granted(JsonNode claims, Key key) {
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        String account = claims.path("sub").isTextual() ? claims.path("sub").asText() : null;
        if (account == null || !account.equals(key.key().accountSid())) {
            throw refuse(4403, 20103, "API key " + key.key().sid() + " is not a key of sub " + account);
        }
        Account owner = key.account().orElseThrow(() -> refuse(4403, 20103, "account " + account
                + " does not exist"));
        if (owner.status() != AccountStatus.ACTIVE) {
            throw refuse(4403, 20005, "account " + account + " is " + owner.status().wire());
        }
        JsonNode grants = claims.path("grants");
        if (!grants.isObject()) {
            throw invalid(20106, "token has no grants");
        }
        String identity = grants.path("identity").isTextual() ? grants.path("identity").asText() : null;
        if (identity == null || identity.isBlank() || identity.length() > MAX_IDENTITY) {
            throw invalid(20106, "grants.identity missing or longer than " + MAX_IDENTITY + " characters");
        }
        JsonNode chat = grants.path("chat");
        if (!chat.isObject()) {
            throw invalid(20106, "token has no chat grant");
        }
        JsonNode given = chat.path("service_sid");
        String service = !given.isTextual() ? defaultService(account)
                : storage.read(tx -> tx.chatServices().find(account, given.asText()))
                        .map(ChatService::sid)
                        .orElseThrow(() -> refuse(4403, 20106, "service " + given.asText() + " is not a service of "
                                + account));
        return new ChatIdentity(account, service, identity, key.key().sid(), expiresAt);
    }

    private String defaultService(String account) {
        return storage.read(tx -> tx.chatServices().findDefault(account)).map(ChatService::sid)
                .orElseGet(() -> storage.write(tx -> ChatServiceService.defaultIn(tx, account, ids,
                        clock.instant())).sid());
    }

    private static JsonNode decode(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw invalid(20101, "token part is not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(20101, "token is not base64url-encoded JSON");
        }
    }

    /** 4401: the token is not one Parley accepts. */
    private static ChatRefusal invalid(int code, String why) {
        return refuse(4401, code, why);
    }

    /** A refusal whose reason (Twilio's code, then why) fits a WebSocket close frame: at most 123 bytes of UTF-8. */
    static ChatRefusal refuse(int closeCode, int twilioCode, String why) {
        String reason = twilioCode + " " + why;
        while (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return new ChatRefusal(closeCode, reason);
    }
}
