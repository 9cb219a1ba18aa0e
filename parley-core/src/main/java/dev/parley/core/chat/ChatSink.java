package dev.parley.core.chat;

/**
 * One connected web-chat client, as the hub and the actions see it: frames (JSON text, one protocol frame each) are
 * sent in the order given, never blocking the caller for long; {@link #close} ends the connection.
 *
 * <p>{@link #send} must not wait for the network: {@link ChatHub} calls it for every client of the node from its one
 * thread, so one slow client would hold up all the others. An implementation queues the frame and returns, and closes
 * a client whose queue of unsent frames grows past its bound rather than block or drop frames silently (a client that
 * reconnects resumes from its last index with no gap).
 */
public interface ChatSink {

    void send(String frame);

    void close(int code, String reason);
}
