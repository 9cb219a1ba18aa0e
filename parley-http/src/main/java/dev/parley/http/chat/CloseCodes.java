package dev.parley.http.chat;

import java.nio.charset.StandardCharsets;

/** The close codes of the web-chat protocol ({@code docs/chat-protocol.md}) and the reasons sent with them. */
final class CloseCodes {
    /** The server is stopping. */
    static final int GOING_AWAY = 1001;
    /** The client does not read its frames fast enough. */
    static final int TOO_SLOW = 1008;
    /** An unexpected failure on the server. */
    static final int SERVER_ERROR = 1011;
    static final int PROTOCOL = 4400;
    static final int TOKEN_INVALID = 4401;
    static final int NOT_ALLOWED = 4403;
    static final int AUTH_TIMEOUT = 4408;
    static final int TOKEN_EXPIRED = 4410;
    static final int FLOOD = 4429;
    /** A close frame's reason is at most 123 bytes of UTF-8 (RFC 6455, 5.5: 125 bytes of payload). */
    private static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /** {@code reason} cut to what a close frame carries, on a character boundary. */
    static String reason(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_REASON_BYTES) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
