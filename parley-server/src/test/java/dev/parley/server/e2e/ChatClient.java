package dev.parley.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A web-chat client for the protocol tests: the JDK's WebSocket on {@code ws://localhost:<port>/chat}, every frame
 * received kept in order, the close code and reason recorded.
 */
final class ChatClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> received = new ArrayList<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    /** Its own client, closed with it: one connection's trouble never reaches another test's. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final WebSocket socket;

    /** How the server closed the connection (code -1: the connection broke without a close frame). */
    record Close(int code, String reason) {
        @Override
        public String toString() {
            return code + " " + reason;
        }
    }

    private ChatClient(int port) {
        this.socket = http.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create("ws://localhost:" + port + "/chat"), new Listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).whenComplete((s, e) -> {
                    if (e != null) {
                        http.shutdownNow();
                    }
                }).join();
    }

    static ChatClient connect(int port) {
        return new ChatClient(port);
    }

    /** Connects and authenticates with {@code token}; returns once {@code authenticated} came. */
    static ChatClient authenticated(int port, String token) {
        ChatClient client = connect(port);
        client.send("{\"type\":\"authenticate\",\"token\":\"" + token + "\",\"protocol\":1}");
        JsonNode answer = client.next();
        if (!"authenticated".equals(answer.path("type").asText())) {
            throw new AssertionError("not authenticated: " + answer + " " + client.closed.getNow(null));
        }
        return client;
    }

    /** Sends one text frame (waits until it is handed to the network). */
    ChatClient send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    /** Sends one binary frame: the protocol has none. */
    ChatClient sendBinary(java.nio.ByteBuffer bytes) {
        socket.sendBinary(bytes, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return this;
    }

    ChatClient send(Object frame) {
        try {
            return send(JSON.writeValueAsString(frame));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame; fails after {@link #WAIT} or when the connection closed first. */
    JsonNode next() {
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    return frame;
                }
                if (closed.isDone() && frames.isEmpty()) {
                    throw new AssertionError("closed before the next frame: " + closed.join());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no frame within " + WAIT + "; received " + received);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next reply to a request (a frame with an {@code id}, null or not: events have none), skipping events.
     */
    JsonNode reply() {
        return next(f -> f.has("id"));
    }

    /** The next frame of {@code type}, skipping others (kept in {@link #received}). */
    JsonNode next(String type) {
        return next(f -> type.equals(f.path("type").asText()));
    }

    JsonNode next(Predicate<JsonNode> wanted) {
        while (true) {
            JsonNode frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Every frame received so far, in order. */
    synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** Waits for the server's close. */
    Close awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
        http.shutdownNow();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                try {
                    JsonNode node = JSON.readTree(frame);
                    synchronized (ChatClient.this) {
                        received.add(node);
                    }
                    frames.add(node);
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
