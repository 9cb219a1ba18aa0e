package dev.parley.core.webhook;

import dev.parley.core.error.ApiException;
import java.net.URI;

/**
 * The webhook fields of a resource update (a number's {@code SmsUrl}, a service's {@code InboundRequestUrl}…),
 * validated as Twilio validates them: an absent value keeps the current one, an empty URL clears it.
 */
public final class WebhookFields {
    private WebhookFields() {
    }

    /** {@code given} as an http(s) URL; null keeps {@code current}, blank clears it; anything else is 21502. */
    public static String url(String given, String current, String name) {
        if (given == null) {
            return current;
        }
        if (given.isBlank()) {
            return null;
        }
        String url = given.strip();
        if (!isHttpUrl(url)) {
            throw ApiException.badRequest(21502, name + " is not a valid URL: " + given);
        }
        return url;
    }

    /**
     * As {@link #url}, for where a number's or short code's inbound messages go ({@code SmsUrl}): also
     * {@code smpp://<SystemId>}, the binds of one of the account's SMPP credentials (issue 13, ADR 0026).
     */
    public static String inboundUrl(String given, String current, String name) {
        if (given != null && given.strip().regionMatches(true, 0, "smpp://", 0, 7)) {
            String id = given.strip().substring(7);
            if (id.isEmpty() || id.length() > 15 || !id.matches("[\\x21-\\x7e]+") || id.contains("/")) {
                throw ApiException.badRequest(21502, name + " is not a valid URL: " + given
                        + " (smpp:// takes an SMPP credential's SystemId)");
            }
            return "smpp://" + id;
        }
        return url(given, current, name);
    }

    /** Whether {@code url} is an absolute http(s) URL with a host. */
    public static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code GET} or {@code POST} in any case; absent or blank keeps {@code current}; anything else is 21403. */
    public static String method(String given, String current, String name) {
        if (given == null || given.isBlank()) {
            return current;
        }
        String upper = given.strip().toUpperCase();
        if (!upper.equals("GET") && !upper.equals("POST")) {
            throw ApiException.badRequest(21403, name + " must be GET or POST, not " + given);
        }
        return upper;
    }
}
