package dev.parley.core.address;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +14155550100}). Parsed once, at the edge: holding one means
 * the text had E.164 syntax and a length libphonenumber accepts for its country. Numbers from unassigned
 * ranges (the 555 numbers developers test with) are accepted on purpose: Parley's simulator serves them.
 */
public record PhoneNumber(String e164) {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\s().-]");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    public PhoneNumber {
        if (!isE164(e164)) {
            throw new IllegalArgumentException("not an E.164 number: " + e164);
        }
    }

    /** {@code \+[1-9][0-9]{1,14}}, checked without a regex: every number read from the store passes here. */
    private static boolean isE164(String text) {
        int length = text == null ? 0 : text.length();
        if (length < 3 || length > 16 || text.charAt(0) != '+' || text.charAt(1) < '1' || text.charAt(1) > '9') {
            return false;
        }
        for (int i = 2; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses user input; tolerates spaces, dashes and parentheses but requires the leading '+'. */
    public static Optional<PhoneNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.strip();
        if (!isE164(compact)) {
            compact = PUNCTUATION.matcher(compact).replaceAll("");
        }
        if (!isE164(compact)) {
            return Optional.empty();
        }
        if (compact.length() == 12 && compact.startsWith("+1")) {
            // NANP: libphonenumber's "possible" test is exactly "ten national digits", and it is the hot path.
            return Optional.of(new PhoneNumber(compact));
        }
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(compact, null);
            if (!UTIL.isPossibleNumber(parsed)) {
                return Optional.empty();
            }
            return Optional.of(new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** What Parley can say about where the number is: ISO country, and state/city where the data has them. */
    public Geography geography() {
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(e164, null);
            // Unassigned ranges have no region of their own: fall back to the country code's main region.
            String country = Optional.ofNullable(UTIL.getRegionCodeForNumber(parsed))
                    .orElse(UTIL.getRegionCodeForCountryCode(parsed.getCountryCode()));
            if (country.equals("ZZ")) {
                country = "";
            }
            String description = PhoneNumberOfflineGeocoder.getInstance()
                    .getDescriptionForNumber(parsed, Locale.ENGLISH);
            String city = "";
            String state = "";
            int comma = description.lastIndexOf(", ");
            if (comma > 0) {
                city = description.substring(0, comma);
                state = description.substring(comma + 2);
            } else if (!description.equals(countryName(country))) {
                state = description;
            }
            return new Geography(country, state, city, "");
        } catch (NumberParseException e) {
            return new Geography("", "", "", "");
        }
    }

    private static String countryName(String region) {
        return region.isEmpty() ? "" : Locale.of("", region).getDisplayCountry(Locale.ENGLISH);
    }

    @Override
    public String toString() {
        return e164;
    }

    /** Geography fields as Twilio's inbound webhook names them (FromCountry, FromState, FromCity, FromZip). */
    public record Geography(String country, String state, String city, String zip) {
    }
}
