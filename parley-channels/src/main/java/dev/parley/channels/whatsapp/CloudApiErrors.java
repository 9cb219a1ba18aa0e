package dev.parley.channels.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.message.MessageStatus;
import dev.parley.core.message.channel.SendResult;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Cloud API errors as Twilio reports them on a message (ADR 31): Meta's error {@code code}, in a Graph API answer or in
 * a {@code failed} status webhook, becomes Twilio's 63xxx code; throttling, Meta's own trouble and credentials it
 * refuses are retried instead. The table follows Twilio's published mapping of WhatsApp errors, carried over to the
 * Cloud API's codes.
 */
final class CloudApiErrors {
    /** Twilio's code for a Meta code not in the table. */
    static final int UNKNOWN = 30008;
    /** Meta's codes a later attempt may get past: throttling (app, account, pair, throughput), Meta's trouble. */
    private static final Set<Integer> RETRYABLE = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056);
    /** Meta's codes for credentials it refuses: an expired or revoked token, a missing permission. */
    private static final Set<Integer> UNAUTHORIZED = Set.of(0, 3, 10, 190);
    private static final Map<Integer, Integer> TWILIO = Map.ofEntries(
            Map.entry(131047, 63016), // re-engagement: more than 24 hours since the user's last message
            Map.entry(131026, 63024), // message undeliverable (not on WhatsApp, old client, terms not accepted)
            Map.entry(131030, 63024), // recipient not in the test number's allowed list
            Map.entry(131051, 63021), // unsupported message type
            Map.entry(131052, 63019), // media download error
            Map.entry(131053, 63019), // media upload error
            Map.entry(131008, 63021), // required parameter missing
            Map.entry(131009, 63021), // parameter value invalid
            Map.entry(100, 63021), // invalid parameter
            Map.entry(131049, 63049), // Meta chose not to deliver (per-user marketing limit)
            Map.entry(130472, 63032), // the user's number is part of an experiment
            Map.entry(131056, 63018), // pair rate limit (when it ends a message through a status webhook)
            Map.entry(130429, 63018), // throughput rate limit (likewise)
            Map.entry(133010, 63007), // the business number is not registered
            Map.entry(132000, 63028), // template parameter count mismatch
            Map.entry(132001, 63027), // template does not exist in that language
            Map.entry(132015, 63027), // template paused
            Map.entry(132016, 63027), // template disabled
            Map.entry(132005, 63021), // template hydrated text too long
            Map.entry(132007, 63021), // template format character policy violated
            Map.entry(132012, 63021)); // template parameter format mismatch

    private CloudApiErrors() {
    }

    /** Twilio's code for Meta's {@code code}. */
    static int twilioCode(int metaCode) {
        return TWILIO.getOrDefault(metaCode, UNKNOWN);
    }

    /** Whether Meta refused the credentials (the channel is then {@code unauthorized}). */
    static boolean unauthorized(int httpStatus, int metaCode) {
        return httpStatus == 401 || UNAUTHORIZED.contains(metaCode);
    }

    /**
     * What a send answered with an error comes to: {@link SendResult.RetryLater} for 429, 5xx, a retryable code or
     * refused credentials (the operator may fix them: the message waits, within its attempts), otherwise
     * {@link SendResult.Rejected} as {@code failed} with Twilio's code. {@code what} describes the call for the reason.
     */
    static SendResult sendResult(int httpStatus, JsonNode error, String what) {
        int code = error.path("code").asInt(-1);
        String reason = what + " answered HTTP " + httpStatus + " (Cloud API error " + code + ": "
                + error.path("message").asText("no message") + detail(error) + ")";
        if (httpStatus == 429 || httpStatus >= 500 || RETRYABLE.contains(code)) {
            return new SendResult.RetryLater(Duration.ofSeconds(httpStatus == 429 || code == 130429 ? 10 : 5),
                    reason);
        }
        if (unauthorized(httpStatus, code)) {
            return new SendResult.RetryLater(Duration.ofSeconds(60), reason);
        }
        return new SendResult.Rejected(MessageStatus.FAILED, twilioCode(code), reason);
    }

    private static String detail(JsonNode error) {
        String details = error.path("error_data").path("details").asText("");
        return details.isEmpty() ? "" : "; " + details;
    }
}
