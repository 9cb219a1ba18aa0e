package dev.parley.core.connection;

import java.util.Objects;

/**
 * A Twilio account used as an upstream carrier, as {@code POST /parley/v1/Channels} with {@code Type=twilio} gives it:
 * numbers routed to it send through that account's Messages API at {@code baseUrl} (Twilio's, or another Parley
 * playing Twilio), and its status callbacks and inbound webhooks come back to {@code /webhooks/twilio/<Name>/…},
 * signed with {@code authToken}.
 *
 * @param accountSid {@code AccountSid}: the upstream account ({@code AC…})
 * @param authToken  {@code AuthToken}: its auth token, for Basic authentication and webhook signatures; write-only
 * @param baseUrl    {@code BaseUrl}: scheme and host of the upstream's API, without a trailing slash
 */
public record TwilioSettings(String accountSid, String authToken, String baseUrl) {
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    public TwilioSettings {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** The auth token never leaves through {@code toString()}. */
    @Override
    public String toString() {
        return "TwilioSettings[" + accountSid + " at " + baseUrl + "]";
    }
}
