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
