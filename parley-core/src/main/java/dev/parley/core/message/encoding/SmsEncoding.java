package dev.parley.core.message.encoding;

/**
 * The two data codings an SMS body is sent in, with how much text fits in one segment.
 *
 * <p>Capacities are in the encoding's own unit: septets for {@link #GSM7}, UTF-16 code units for
 * {@link #UCS2}. A message that fits in one segment gets the whole 140-octet payload; a longer one
 * is concatenated, and each part gives up 6 octets to the user data header (IEI 0x00 with an 8-bit
 * reference), which leaves 153 septets or 67 code units per part.
 */
public enum SmsEncoding {
    GSM7(160, 153),
    UCS2(70, 67);

    private final int singleSegmentCapacity;
    private final int concatenatedSegmentCapacity;

    SmsEncoding(int singleSegmentCapacity, int concatenatedSegmentCapacity) {
        this.singleSegmentCapacity = singleSegmentCapacity;
        this.concatenatedSegmentCapacity = concatenatedSegmentCapacity;
    }

    /** Units that fit when the whole message is a single segment (160 or 70). */
    public int singleSegmentCapacity() {
        return singleSegmentCapacity;
    }

    /** Units that fit in each part of a concatenated message (153 or 67). */
    public int concatenatedSegmentCapacity() {
        return concatenatedSegmentCapacity;
    }
}
