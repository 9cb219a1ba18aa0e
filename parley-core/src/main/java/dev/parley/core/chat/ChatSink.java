package dev.parley.core.chat;

/**
 * One connected web-chat client, as the hub and the actions see it: frames (JSON text, one protocol frame each) are
 * sent in the order given, never blocking the caller for long; {@link #close} ends the connection.
 */
public interface ChatSink {

    void send(String frame);

    void close(int code, String reason);
}
