package dev.parley.http.chat;

/**
 * The WebSocket under one chat connection, as {@link ChatConnection} uses it: Jetty's session in the server
 * ({@link ChatSocket}), a recording fake in unit tests. Every method returns at once.
 */
interface Wire {

    /**
     * Starts sending one text frame; {@code done} is called once it has been written, or with the failure. The caller
     * starts the next frame only after {@code done}: there is at most one frame in flight.
     */
    void sendText(String frame, Done done);

    /** Sends a close frame with {@code code} and {@code reason} after the frame in flight, if any. */
    void close(int code, String reason);

    /** Sends a WebSocket ping (a browser answers it by itself): keeps the connection and its proxies alive. */
    void ping();

    /** Completion of one {@link #sendText}. */
    interface Done {
        void written();

        void failed(Throwable cause);
    }
}
