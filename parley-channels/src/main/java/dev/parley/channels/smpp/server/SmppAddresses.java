package dev.parley.channels.smpp.server;

import dev.parley.core.number.ShortCode;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/**
 * SMPP addresses and Parley's. A client's {@code source_addr} with TON 5 (alphanumeric) is an alphanumeric sender, kept
 * as it is; digits are a short code (3 to 8 digits, unless TON says international) or a number in E.164 ({@code +}
 * added). A {@code dest_addr} of digits is E.164. Anything else goes to Parley's validation as it came, which refuses
 * it with the Twilio code the REST API would (21212, 21211).
 */
final class SmppAddresses {
    private SmppAddresses() {
    }

    static String source(byte ton, String address) {
        if (address == null) {
            return null;
        }
        if (ton == TypeOfNumber.ALPHANUMERIC.value()) {
            return address;
        }
        String digits = address.startsWith("+") ? address.substring(1) : address;
        if (!digits.matches("[0-9]{1,15}")) {
            return address;
        }
        if (ShortCode.isCode(digits) && ton != TypeOfNumber.INTERNATIONAL.value() && !address.startsWith("+")) {
            return digits;
        }
        return "+" + digits;
    }

    static String destination(String address) {
        if (address == null) {
            return null;
        }
        String digits = address.startsWith("+") ? address.substring(1) : address;
        return digits.matches("[0-9]{1,15}") ? "+" + digits : address;
    }

    /** How Parley writes {@code address} into a {@code deliver_sm}: E.164 without its +, short codes, alphanumerics. */
    record Smpp(TypeOfNumber ton, NumberingPlanIndicator npi, String address) {
    }

    static Smpp toSmpp(String address) {
        if (address == null) {
            return new Smpp(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "");
        }
        if (address.matches("\\+[0-9]{1,15}")) {
            return new Smpp(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, address.substring(1));
        }
        if (address.matches("[0-9]{1,15}")) {
            return new Smpp(TypeOfNumber.NATIONAL, NumberingPlanIndicator.ISDN, address);
        }
        String text = address.length() > 20 ? address.substring(0, 20) : address;
        return new Smpp(TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, text);
    }
}
