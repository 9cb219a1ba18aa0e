package dev.parley.core.billing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The usage categories Parley reports, with Twilio's names. Leaves are booked in the ledger; a parent is the
 * sum of its leaves, and {@code totalprice} the sum of every price.
 */
public enum UsageCategory {
    CHANNELS("channels", "Channels", null, "messages", "messages"),
    CHANNELS_MESSAGING_INBOUND("channels-messaging-inbound", "Inbound Channels Messages", CHANNELS, "messages",
            "messages"),
    CHANNELS_MESSAGING_OUTBOUND("channels-messaging-outbound", "Outbound Channels Messages", CHANNELS, "messages",
            "messages"),
    // A category without leaves: booked as it is, one count per active conversation-month.
    CONVERSATIONS("conversations", "Conversations", null, "conversations", "conversations"),
    MMS("mms", "MMS", null, "messages", "messages"),
    MMS_INBOUND("mms-inbound", "Inbound MMS", MMS, "messages", "messages"),
    MMS_OUTBOUND("mms-outbound", "Outbound MMS", MMS, "messages", "messages"),
    SMS("sms", "SMS", null, "messages", "segments"),
    SMS_INBOUND("sms-inbound", "Inbound SMS", SMS, "messages", "segments"),
    SMS_OUTBOUND("sms-outbound", "Outbound SMS", SMS, "messages", "segments"),
    TOTALPRICE("totalprice", "Total Price", null, "", null);

    private final String wire;
    private final String description;
    private final UsageCategory parent;
    private final String countUnit;
    private final String usageUnit;

    UsageCategory(String wire, String description, UsageCategory parent, String countUnit, String usageUnit) {
        this.wire = wire;
        this.description = description;
        this.parent = parent;
        this.countUnit = countUnit;
        this.usageUnit = usageUnit;
    }

    public String wire() {
        return wire;
    }

    public String description() {
        return description;
    }

    public String countUnit() {
        return countUnit;
    }

    /** The unit of {@code usage}; null for {@code totalprice}, whose usage is its price in the account's currency. */
    public String usageUnit() {
        return usageUnit;
    }

    /** Whether charges are booked under this category: a child, or a category without children. */
    public boolean isLeaf() {
        return parent != null || this == CONVERSATIONS;
    }

    /** Whether a leaf's usage counts in this category. */
    public boolean includes(UsageCategory leaf) {
        return this == TOTALPRICE || this == leaf || leaf.parent == this;
    }

    public static Optional<UsageCategory> fromWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(value)).findFirst();
    }

    /** Every category, in the order records are listed. */
    public static List<UsageCategory> all() {
        return List.of(values());
    }
}
