package dev.parley.core.number;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.parley.core.address.PhoneNumber;

/**
 * The kind of a number, as Twilio's {@code IncomingPhoneNumbers/Local}, {@code /Mobile} and {@code /TollFree}
 * sub-resources split them. It follows from the number alone, by libphonenumber's plan of its country: toll-free,
 * mobile, else local (a North American number is "fixed line or mobile" there, and Twilio calls it local).
 */
public enum NumberType {
    LOCAL("local", "Local"), MOBILE("mobile", "Mobile"), TOLL_FREE("toll-free", "TollFree");

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String wire;
    private final String resource;

    NumberType(String wire, String resource) {
        this.wire = wire;
        this.resource = resource;
    }

    /** The name in a number's {@code type} field. */
    public String wire() {
        return wire;
    }

    /** The sub-resource of {@code IncomingPhoneNumbers} that lists and provisions this kind. */
    public String resource() {
        return resource;
    }

    public static NumberType of(PhoneNumber number) {
        try {
            return switch (UTIL.getNumberType(UTIL.parse(number.e164(), null))) {
                case TOLL_FREE -> TOLL_FREE;
                case MOBILE -> MOBILE;
                default -> LOCAL;
            };
        } catch (NumberParseException e) {
            return LOCAL;
        }
    }

    /** The type a stored {@link #wire()} name stands for. */
    public static NumberType fromWire(String wire) {
        for (NumberType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a number type: " + wire);
    }
}
