package dev.parley.core.message;

import java.util.Map;

/** Twilio's short descriptions of delivery error codes, for {@code error_message}. */
public final class ErrorMessages {
    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(11200, "HTTP retrieval failure"),
            Map.entry(11215, "HTTP too many redirects"),
            Map.entry(12300, "Invalid Content-Type"),
            Map.entry(21211, "Invalid 'To' Phone Number"),
            Map.entry(21212, "Invalid 'From' Phone Number"),
            Map.entry(21653, "There are more recipient addresses than allowed for a channel"),
            Map.entry(30001, "Queue overflow"),
            Map.entry(30002, "Account suspended"),
            Map.entry(30003, "Unreachable destination handset"),
            Map.entry(30004, "Message blocked"),
            Map.entry(30005, "Unknown destination handset"),
            Map.entry(30006, "Landline or unreachable carrier"),
            Map.entry(30007, "Message filtered"),
            Map.entry(30008, "Unknown error"),
            Map.entry(30019, "Content size exceeds carrier limit"),
            Map.entry(30036, "Validity period expired"),
            Map.entry(63007, "Twilio could not find a Channel with the specified From address"),
            Map.entry(63016, "Failed to send freeform message because you are outside the allowed window. If you are"
                    + " using WhatsApp, please use a Message Template."),
            Map.entry(63018, "Rate limit exceeded for Channel"),
            Map.entry(63019, "Media failed to download"),
            Map.entry(63021, "Channel invalid content error"),
            Map.entry(63024, "Invalid message recipient"),
            Map.entry(63027, "Template does not exist for a language and locale"),
            Map.entry(63028, "Number of parameters provided does not match the expected number of parameters"),
            Map.entry(63032, "User's number is part of an experiment"),
            Map.entry(63049, "Meta chose not to deliver this WhatsApp marketing message"));

    private ErrorMessages() {
    }

    public static String describe(int code) {
        return TEXT.getOrDefault(code, "Error " + code);
    }
}
