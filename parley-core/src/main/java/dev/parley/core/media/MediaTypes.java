package dev.parley.core.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The content types Twilio accepts for MMS media, their size limits (5 MB for images, 500 KB for the rest) and a
 * check of the declared type against the bytes: a file that declares a type it does not have is refused, as
 * Twilio refuses it (12300).
 */
public final class MediaTypes {
    public static final long IMAGE_LIMIT = 5L * 1024 * 1024;
    public static final long OTHER_LIMIT = 500L * 1024;
    /** How many leading bytes {@link #check} looks at. */
    public static final int HEAD = 512;

    /** Twilio's accepted MIME types for media. */
    public static final Set<String> ACCEPTED = Set.of(
            "image/jpeg", "image/jpg", "image/gif", "image/png", "image/bmp", "image/tiff",
            "audio/basic", "audio/l24", "audio/mp4", "audio/mpeg", "audio/ogg", "audio/vorbis",
            "audio/vnd.rn-realaudio", "audio/vnd.wave", "audio/3gpp", "audio/3gpp2", "audio/ac3", "audio/webm",
            "audio/amr-nb", "audio/amr", "audio/aac",
            "video/mpeg", "video/mp4", "video/quicktime", "video/webm", "video/3gpp", "video/3gpp2", "video/3gpp-tt",
            "video/h261", "video/h263", "video/h263-1998", "video/h263-2000", "video/h264",
            "text/vcard", "text/x-vcard", "text/csv", "text/rtf", "text/richtext", "text/calendar", "text/directory",
            "application/pdf", "application/vcard", "application/vnd.apple.pkpass", "application/msword",
            "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** Kinds of content recognisable from their first bytes. */
    enum Signature {
        JPEG, PNG, GIF, BMP, TIFF, PDF, ISO_MEDIA, OGG, WAVE, EBML, AMR, MPEG_AUDIO, MPEG_PROGRAM, ZIP, OLE, TEXT
    }

    private static final Map<String, Signature> EXPECTED = Map.ofEntries(
            Map.entry("image/jpeg", Signature.JPEG), Map.entry("image/jpg", Signature.JPEG),
            Map.entry("image/png", Signature.PNG), Map.entry("image/gif", Signature.GIF),
            Map.entry("image/bmp", Signature.BMP), Map.entry("image/tiff", Signature.TIFF),
            Map.entry("application/pdf", Signature.PDF),
            Map.entry("video/mp4", Signature.ISO_MEDIA), Map.entry("video/quicktime", Signature.ISO_MEDIA),
            Map.entry("video/3gpp", Signature.ISO_MEDIA), Map.entry("video/3gpp2", Signature.ISO_MEDIA),
            Map.entry("audio/mp4", Signature.ISO_MEDIA), Map.entry("audio/3gpp", Signature.ISO_MEDIA),
            Map.entry("audio/3gpp2", Signature.ISO_MEDIA),
            Map.entry("audio/ogg", Signature.OGG), Map.entry("audio/vorbis", Signature.OGG),
            Map.entry("audio/vnd.wave", Signature.WAVE),
            Map.entry("video/webm", Signature.EBML), Map.entry("audio/webm", Signature.EBML),
            Map.entry("audio/amr", Signature.AMR), Map.entry("audio/amr-nb", Signature.AMR),
            Map.entry("audio/mpeg", Signature.MPEG_AUDIO), Map.entry("video/mpeg", Signature.MPEG_PROGRAM),
            Map.entry("application/vnd.apple.pkpass", Signature.ZIP),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", Signature.ZIP),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Signature.ZIP),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Signature.ZIP),
            Map.entry("application/msword", Signature.OLE), Map.entry("application/vnd.ms-excel", Signature.OLE),
            Map.entry("application/vnd.ms-powerpoint", Signature.OLE),
            Map.entry("text/vcard", Signature.TEXT), Map.entry("text/x-vcard", Signature.TEXT),
            Map.entry("text/csv", Signature.TEXT), Map.entry("text/rtf", Signature.TEXT),
            Map.entry("text/richtext", Signature.TEXT), Map.entry("text/calendar", Signature.TEXT),
            Map.entry("text/directory", Signature.TEXT), Map.entry("application/vcard", Signature.TEXT));

    private MediaTypes() {
    }

    /** The MIME type of a {@code Content-Type} header, lower case, without parameters; null for null. */
    public static String essence(String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    public static boolean accepted(String type) {
        return type != null && ACCEPTED.contains(type);
    }

    /** The largest file of this type Parley fetches. */
    public static long limit(String type) {
        return type != null && type.startsWith("image/") ? IMAGE_LIMIT : OTHER_LIMIT;
    }

    /**
     * Checks the leading bytes of a file against its declared (accepted) type: empty when they agree, else why
     * not. Types with no recognisable signature pass unless the bytes are plainly something else.
     */
    public static Optional<String> check(String declared, byte[] head, int length) {
        Signature expected = EXPECTED.get(declared);
        Optional<Signature> actual = sniff(head, length);
        if (expected == Signature.TEXT) {
            return looksLikeText(head, length) ? Optional.empty()
                    : Optional.of("declared " + declared + " but the content is not text");
        }
        if (expected != null && actual.orElse(null) != expected) {
            return Optional.of("declared " + declared + " but the content is "
                    + actual.map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("unrecognised"));
        }
        if (expected == null && actual.isPresent() && actual.get() != Signature.TEXT) {
            return Optional.of("declared " + declared + " but the content is "
                    + actual.get().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return Optional.empty();
    }

    static Optional<Signature> sniff(byte[] b, int n) {
        if (starts(b, n, 0, 0xff, 0xd8, 0xff)) {
            return Optional.of(Signature.JPEG);
        }
        if (starts(b, n, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return Optional.of(Signature.PNG);
        }
        if (ascii(b, n, 0, "GIF87a") || ascii(b, n, 0, "GIF89a")) {
            return Optional.of(Signature.GIF);
        }
        if (ascii(b, n, 0, "%PDF-")) {
            return Optional.of(Signature.PDF);
        }
        if (starts(b, n, 0, 'I', 'I', 0x2a, 0x00) || starts(b, n, 0, 'M', 'M', 0x00, 0x2a)) {
            return Optional.of(Signature.TIFF);
        }
        if (ascii(b, n, 4, "ftyp")) {
            return Optional.of(Signature.ISO_MEDIA);
        }
        if (ascii(b, n, 0, "OggS")) {
            return Optional.of(Signature.OGG);
        }
        if (ascii(b, n, 0, "RIFF") && ascii(b, n, 8, "WAVE")) {
            return Optional.of(Signature.WAVE);
        }
        if (starts(b, n, 0, 0x1a, 0x45, 0xdf, 0xa3)) {
            return Optional.of(Signature.EBML);
        }
        if (ascii(b, n, 0, "#!AMR")) {
            return Optional.of(Signature.AMR);
        }
        if (ascii(b, n, 0, "ID3") || n >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0) {
            return Optional.of(Signature.MPEG_AUDIO);
        }
        if (starts(b, n, 0, 0x00, 0x00, 0x01, 0xba) || starts(b, n, 0, 0x00, 0x00, 0x01, 0xb3)) {
            return Optional.of(Signature.MPEG_PROGRAM);
        }
        if (starts(b, n, 0, 'P', 'K', 0x03, 0x04)) {
            return Optional.of(Signature.ZIP);
        }
        if (starts(b, n, 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
            return Optional.of(Signature.OLE);
        }
        if (ascii(b, n, 0, "BM") && n >= 14) {
            return Optional.of(Signature.BMP);
        }
        return looksLikeText(b, n) ? Optional.of(Signature.TEXT) : Optional.empty();
    }

    /** Non-empty, no control characters but tab and line ends, valid UTF-8 (a character cut at the end allowed). */
    static boolean looksLikeText(byte[] b, int n) {
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0c) {
                return false;
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        // A head cut from a longer file may end inside a character: not an error unless the file ends there.
        var result = decoder.decode(java.nio.ByteBuffer.wrap(b, 0, n), java.nio.CharBuffer.allocate(n), n < HEAD);
        return !result.isError();
    }

    private static boolean starts(byte[] b, int n, int offset, int... expected) {
        if (n < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int n, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        return n >= offset + expected.length
                && Arrays.equals(b, offset, offset + expected.length, expected, 0, expected.length);
    }
}
