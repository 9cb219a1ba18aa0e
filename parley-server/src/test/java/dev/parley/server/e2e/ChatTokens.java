package dev.parley.server.e2e;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.ChatGrant;
import com.twilio.rest.api.v2010.account.NewKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Access tokens as a customer's backend mints them: twilio-java's {@link AccessToken} with a {@link ChatGrant}, signed
 * with an API key created through Parley's API. Times follow the server's clock (tests may have moved it forward),
 * so "expires in five minutes" means five minutes of the server's time.
 */
final class ChatTokens {
    private ChatTokens() {
    }

    /** An API key: its account, SID and secret. */
    record Key(String accountSid, String sid, String secret) {
    }

    /** A new API key of the main account. */
    static Key key(Parley parley) {
        return key(parley, Parley.ACCOUNT_SID);
    }

    /** A new API key of {@code accountSid} (the main account or one of its subaccounts). */
    static Key key(Parley parley, String accountSid) {
        NewKey key = NewKey.creator(accountSid).setFriendlyName("chat tokens").create(parley.client());
        return new Key(accountSid, key.getSid(), key.getSecret());
    }

    /** A token of {@code identity} for {@code serviceSid} (null: the account's default service), valid an hour. */
    static String token(Parley parley, Key key, String identity, String serviceSid) {
        return token(parley, key, key.accountSid(), identity, serviceSid, Duration.ofHours(1), null);
    }

    /**
     * A token naming {@code subject} as its account, expiring {@code ttl} after the server's now (negative: already
     * expired), valid from {@code notBefore} (server time; null: no {@code nbf}).
     */
    static String token(Parley parley, Key key, String subject, String identity, String serviceSid, Duration ttl,
            Instant notBefore) {
        return token(parley, key.sid(), key.secret(), subject, identity, serviceSid, ttl, notBefore);
    }

    static String token(Parley parley, String keySid, String secret, String subject, String identity,
            String serviceSid, Duration ttl, Instant notBefore) {
        Instant serverNow = parley.clock().instant();
        // twilio-java computes exp from the machine's clock: shift the ttl by how far the server's clock is ahead.
        long ahead = Duration.between(Instant.now(), serverNow).toSeconds();
        ChatGrant grant = new ChatGrant();
        if (serviceSid != null) {
            grant.setServiceSid(serviceSid);
        }
        AccessToken.Builder builder = new AccessToken.Builder(subject, keySid,
                secret.getBytes(StandardCharsets.UTF_8))
                .identity(identity)
                .ttl((int) (ahead + ttl.toSeconds()))
                .grant(grant);
        if (notBefore != null) {
            builder.nbf(Date.from(notBefore));
        }
        return builder.build().toJwt();
    }
}
