package dev.parley.core.message.encoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the data coding for an SMS body and splits it into the segments a carrier receives.
 *
 * <p>The rules are Twilio's (and the handsets'): a body made only of GSM-7 characters is sent as
 * GSM-7, anything else makes the whole body UCS-2. A body within the single-segment capacity is one
 * segment; a longer one is cut at the concatenated capacity, never inside an extension char's escape
 * pair nor inside a surrogate pair, so a segment may come out one unit short. Pure and thread-safe.
 */
public final class SmsSegmenter {

    private static final SegmentedBody EMPTY = new SegmentedBody("", SmsEncoding.GSM7, 0, 0, List.of());

    private SmsSegmenter() {
    }

    /**
     * Analyses {@code body}.
     *
     * @param body the message body; empty means no SMS text (the caller decides what an MMS reports)
     * @param smartEncode whether to apply {@link SmartEncoding} first, as Twilio does when a
     *     Messaging Service has Smart Encoding on or the request sets {@code SmartEncoded=true}
     * @return the body actually sent as {@code text}, its encoding, units and segments
     */
    public static SegmentedBody analyze(String body, boolean smartEncode) {
        Objects.requireNonNull(body, "body");
        String text = smartEncode ? SmartEncoding.apply(body) : body;
        if (text.isEmpty()) {
            return EMPTY;
        }
        return Gsm7.canEncode(text) ? splitGsm7(text) : splitUcs2(text);
    }

    /**
     * The segments of {@code text} in {@code encoding} when each part of a concatenated message holds at most
     * {@code partCapacity} units, cut as {@link #analyze} cuts them: one segment when the whole text fits
     * {@link SmsEncoding#singleSegmentCapacity()}. Adapters use it for a coding other than the one {@link #analyze}
     * chose (GSM-7 text an SMSC is sent as UCS-2) and for headers larger than the 8-bit reference's (152 septets or 66
     * code units with a 16-bit reference).
     *
     * @throws IllegalArgumentException if {@code encoding} is GSM-7 and a char is not in its alphabet, or the capacity
     *     cannot hold a code point
     */
    public static List<String> segments(String text, SmsEncoding encoding, int partCapacity) {
        Objects.requireNonNull(text, "text");
        if (partCapacity < 2) {
            throw new IllegalArgumentException("partCapacity must be at least 2 (partCapacity=" + partCapacity + ")");
        }
        if (text.isEmpty()) {
            return List.of();
        }
        UnitCost cost = encoding == SmsEncoding.GSM7 ? Gsm7::septetCount : SmsSegmenter::ucs2Units;
        int units = encoding == SmsEncoding.GSM7 ? Gsm7.septetCount(text) : text.length();
        return units <= encoding.singleSegmentCapacity() ? List.of(text) : split(text, partCapacity, cost);
    }

    private static SegmentedBody splitGsm7(String text) {
        int septets = Gsm7.septetCount(text);
        if (septets <= SmsEncoding.GSM7.singleSegmentCapacity()) {
            return new SegmentedBody(text, SmsEncoding.GSM7, 1, septets, List.of(text));
        }
        List<String> segments = split(text, SmsEncoding.GSM7.concatenatedSegmentCapacity(), Gsm7::septetCount);
        return new SegmentedBody(text, SmsEncoding.GSM7, segments.size(), septets, segments);
    }

    private static SegmentedBody splitUcs2(String text) {
        int units = text.length();
        if (units <= SmsEncoding.UCS2.singleSegmentCapacity()) {
            return new SegmentedBody(text, SmsEncoding.UCS2, 1, units, List.of(text));
        }
        List<String> segments = split(text, SmsEncoding.UCS2.concatenatedSegmentCapacity(), SmsSegmenter::ucs2Units);
        return new SegmentedBody(text, SmsEncoding.UCS2, segments.size(), units, segments);
    }

    /** Cost in units of the code point starting at an index. */
    @FunctionalInterface
    private interface UnitCost {
        int at(String text, int index);
    }

    /**
     * Greedy split by code point: one that does not fit whole in the current segment opens the next
     * one. That keeps a GSM-7 escape pair (one char costing 2 septets) and a UTF-16 surrogate pair
     * (one code point costing 2 units) inside a single segment.
     */
    private static List<String> split(String text, int capacity, UnitCost cost) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int units = cost.at(text, i);
            if (used + units > capacity) {
                segments.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += units;
            i += Character.charCount(text.codePointAt(i));
        }
        segments.add(text.substring(start));
        return segments;
    }

    private static int ucs2Units(String text, int index) {
        return Character.charCount(text.codePointAt(index));
    }
}
