package dev.parley.core.chat;

/**
 * A web-chat connection refused: the WebSocket close code (44xx, as {@code docs/chat-protocol.md} lists them) and the
 * reason sent with it (at most 123 bytes of UTF-8, Twilio's error code first when it has one).
 */
public final class ChatRefusal extends RuntimeException {
    private final int closeCode;

    public ChatRefusal(int closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }

    public String reason() {
        return getMessage();
    }
}
