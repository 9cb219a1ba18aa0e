package dev.parley.core.message;

import dev.parley.core.error.ApiException;

/**
 * Twilio's test numbers, which answer with fixed errors so applications can exercise their error paths.
 * Parley honours them for every account, as the simulator is Parley's test environment.
 */
final class MagicNumbers {
    static final String ALWAYS_VALID_FROM = "+15005550006";

    private MagicNumbers() {
    }

    static void checkTo(String to, String from) {
        switch (to) {
            case "+15005550001" -> throw ApiException.badRequest(21211,
                    "The 'To' number " + to + " is not a valid phone number.");
            case "+15005550002" -> throw ApiException.badRequest(21612, "The 'To' phone number: " + to
                    + ", is not currently reachable using the 'From' phone number: " + from + " via SMS.");
            case "+15005550003" -> throw ApiException.badRequest(21408,
                    "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: "
                            + to + ".");
            case "+15005550004" -> throw ApiException.badRequest(21610, "Attempt to send to unsubscribed recipient");
            case "+15005550009" -> throw ApiException.badRequest(21614, "'To' number is not a valid mobile number");
            default -> {
            }
        }
    }

    static void checkFrom(String from) {
        switch (from) {
            case "+15005550001" -> throw ApiException.badRequest(21212, "The 'From' number " + from
                    + " is not a valid phone number, shortcode, or alphanumeric sender ID.");
            case "+15005550007" -> throw ApiException.badRequest(21606, notOwned(from));
            case "+15005550008" -> throw ApiException.badRequest(21611,
                    "This 'From' number has exceeded the maximum number of queued messages");
            default -> {
            }
        }
    }

    static String notOwned(String from) {
        return "The 'From' phone number provided (" + from
                + ") is not a valid message-capable Twilio phone number for this destination/account.";
    }
}
