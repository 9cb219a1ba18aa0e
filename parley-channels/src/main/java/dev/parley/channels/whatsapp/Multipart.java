package dev.parley.channels.whatsapp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) for the one Graph API call that needs it, the media upload: text fields
 * and one file. Names and file names are Parley's own (fixed words, SIDs), so nothing needs escaping; a quote or line
 * break in one is refused.
 */
final class Multipart {
    private final String boundary = "parley-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void field(String name, String value) {
        part("Content-Disposition: form-data; name=\"" + checked(name) + "\"\r\n\r\n");
        write(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    void file(String name, String fileName, String contentType, byte[] bytes) {
        part("Content-Disposition: form-data; name=\"" + checked(name) + "\"; filename=\"" + checked(fileName)
                + "\"\r\nContent-Type: " + checked(contentType) + "\r\n\r\n");
        write(bytes);
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(out.toByteArray());
        whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return whole.toByteArray();
    }

    private void part(String headers) {
        write(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        out.writeBytes(bytes);
    }

    private static String checked(String s) {
        if (s.contains("\"") || s.contains("\r") || s.contains("\n")) {
            throw new IllegalArgumentException("not allowed in a multipart header: " + s);
        }
        return s;
    }
}
