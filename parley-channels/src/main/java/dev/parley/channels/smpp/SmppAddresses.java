package dev.parley.channels.smpp;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.parley.core.address.PhoneNumber;
import dev.parley.core.number.ShortCode;
import java.util.Optional;

/**
 * SMPP addresses (TON, NPI, digits) as Parley writes addresses. A numeric address becomes E.164 with '+':
 * <ul>
 *   <li>TON 1 (international): the digits are the international number ({@code 00} before them is dropped);</li>
 *   <li>TON 2 (national): a national number of {@code region} (the other party's country);</li>
 *   <li>TON 0 (unknown) and the others: {@code +} or {@code 00} before the digits, or none, mean international; a
 *       single leading {@code 0} means national, as TON 2 — the usual way SMSCs that send TON 0 write numbers.</li>
 * </ul>
 * A destination of 3–8 digits not sent as international is a short code, kept as its digits. TON 5 (alphanumeric)
 * names a sender by name, which Parley cannot take an inbound message from (see {@link SmppInbound}).
 */
public final class SmppAddresses {

    /** TON 1: international number. */
    public static final int TON_INTERNATIONAL = 1;
    /** TON 2: national number. */
    public static final int TON_NATIONAL = 2;
    /** TON 5: alphanumeric. */
    public static final int TON_ALPHANUMERIC = 5;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private SmppAddresses() {
    }

    /**
     * The E.164 form of a numeric address.
     *
     * @param region the ISO country a national number belongs to (null: none known, and a national number is refused)
     * @return empty when the address is not a possible phone number
     */
    public static Optional<String> e164(String address, int ton, String region) {
        String s = address == null ? "" : address.replaceAll("[\\s()\\-.]", "");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.startsWith("+")) {
            return international(s.substring(1));
        }
        if (ton == TON_INTERNATIONAL || s.startsWith("00")) {
            return international(s.startsWith("00") ? s.substring(2) : s);
        }
        if (ton == TON_NATIONAL || s.startsWith("0")) {
            return national(s, region);
        }
        return international(s);
    }

    /** A destination: a short code's digits, or a number as {@link #e164} reads it. */
    public static Optional<String> destination(String address, int ton, String region) {
        String s = address == null ? "" : address.strip();
        if (ton != TON_INTERNATIONAL && ShortCode.isCode(s)) {
            return Optional.of(s);
        }
        return e164(s, ton, region);
    }

    /** The ISO country of an E.164 number (its country code's main one outside assigned ranges), or null. */
    public static String regionOf(String e164) {
        try {
            var parsed = UTIL.parse(e164, null);
            String region = UTIL.getRegionCodeForNumber(parsed);
            region = region != null ? region : UTIL.getRegionCodeForCountryCode(parsed.getCountryCode());
            return region == null || region.equals("ZZ") ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static Optional<String> international(String digits) {
        if (!digits.matches("[0-9]{1,15}")) {
            return Optional.empty();
        }
        return PhoneNumber.parse("+" + digits).map(PhoneNumber::e164);
    }

    private static Optional<String> national(String digits, String region) {
        if (region == null || !digits.matches("[0-9]{1,17}")) {
            return Optional.empty();
        }
        try {
            var parsed = UTIL.parse(digits, region);
            return PhoneNumber.parse(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))
                    .map(PhoneNumber::e164);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
