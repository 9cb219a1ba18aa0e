package dev.parley.core.service;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.parley.core.error.ApiException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an alphanumeric sender ID may be, and where it may be sent: Twilio's rules, with Twilio's code (21709).
 *
 * <p>Parley keeps a small country list, not Twilio's whole table (which changes): the countries Twilio documents as
 * not supporting alpha senders at all. Every North American Numbering Plan country (+1: the US, Canada, Puerto
 * Rico and the Caribbean) and {@link #UNSUPPORTED} below. Elsewhere an alpha sender is used; a country needing
 * pre-registration is the carrier's concern (the SMPP channel), not the sender pool's.
 */
public final class AlphaSenderRules {
    /** 1–11 of A–Z, a–z, 0–9, space, {@code - + _ &}. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9 +_&-]{1,11}");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");
    /**
     * Countries outside the +1 plan where Twilio documents alphanumeric sender IDs as not supported: Argentina,
     * Chile, China, Colombia, Costa Rica, Ecuador, El Salvador, Guatemala, Nicaragua, Panama, Peru, Uruguay.
     */
    static final Set<String> UNSUPPORTED = Set.of("AR", "CL", "CN", "CO", "CR", "EC", "SV", "GT", "NI", "PA", "PE",
            "UY");

    private AlphaSenderRules() {
    }

    /** {@code text} as an alpha sender; refused with 21709 unless 1–11 allowed characters with a letter. */
    public static String check(String text) {
        if (text == null || text.isEmpty()) {
            throw ApiException.badRequest(20001, "Missing required parameter AlphaSender in the post body");
        }
        if (!VALID.matcher(text).matches() || !HAS_LETTER.matcher(text).matches() || text.isBlank()) {
            throw ApiException.badRequest(21709, "Alpha Sender ID is invalid: '" + text + "'. An alphanumeric sender"
                    + " ID is 1 to 11 characters (A-Z, a-z, 0-9, space, - + _ &) with at least one letter.");
        }
        return text;
    }

    /** Whether handsets of {@code isoCountry} (ISO 3166 alpha-2) see alpha senders. */
    public static boolean allowedIn(String isoCountry) {
        return isoCountry != null && !isoCountry.isEmpty() && !UNSUPPORTED.contains(isoCountry)
                && PhoneNumberUtil.getInstance().getCountryCodeForRegion(isoCountry) != 1;
    }
}
