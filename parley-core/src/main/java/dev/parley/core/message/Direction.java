package dev.parley.core.message;

/** Twilio's message directions. */
public enum Direction {
    INBOUND("inbound"), OUTBOUND_API("outbound-api"), OUTBOUND_CALL("outbound-call"), OUTBOUND_REPLY("outbound-reply");

    private final String wire;

    Direction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Direction fromWire(String value) {
        for (Direction d : values()) {
            if (d.wire.equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction " + value);
    }

    public boolean outbound() {
        return this != INBOUND;
    }
}
