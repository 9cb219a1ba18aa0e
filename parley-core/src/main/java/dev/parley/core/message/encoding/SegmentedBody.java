package dev.parley.core.message.encoding;

import java.util.List;
import java.util.Objects;

/**
 * Result of analysing one message body.
 *
 * <p>Callers may rely on: {@code segments} joined in order equal {@code text};
 * {@code numSegments == segments.size()}; {@code units} is the size of {@code text} in septets for
 * {@link SmsEncoding#GSM7} and in UTF-16 code units for {@link SmsEncoding#UCS2}. An empty body is
 * GSM-7 with zero units and no segments. The list is immutable.
 *
 * @param text the body that is actually sent (after Smart Encoding when it was requested)
 * @param encoding the data coding the body is sent in
 * @param numSegments how many SMS parts the body is billed and sent as
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2) in {@code text}
 * @param segments the text of each part, in sending order
 */
public record SegmentedBody(String text, SmsEncoding encoding, int numSegments, int units, List<String> segments) {

    public SegmentedBody {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(encoding, "encoding");
        segments = List.copyOf(segments);
        if (numSegments != segments.size()) {
            throw new IllegalArgumentException(
                    "numSegments=" + numSegments + " but segments.size()=" + segments.size());
        }
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative (units=" + units + ")");
        }
    }
}
