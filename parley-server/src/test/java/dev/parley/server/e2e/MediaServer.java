package dev.parley.server.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Serves media files to Parley from this test process, on a loopback address: fixed bytes with a declared content
 * type, redirects, and counts of the requests each path received (to prove a denied address was never contacted).
 */
final class MediaServer implements AutoCloseable {
    /** A loopback address that {@link Parley#DENY_LIST} denies. */
    static final String DENIED_ADDRESS = "127.0.0.2";

    private record Answer(int status, String contentType, byte[] body, String location, Duration delay) {
        Answer(int status, String contentType, byte[] body, String location) {
            this(status, contentType, body, location, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final String address;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    MediaServer(String address) {
        this.address = address;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://" + address + ":" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body} at {@code path} with this declared content type (null: no Content-Type header). */
    String serve(String path, String contentType, byte[] body) {
        answers.put(path, new Answer(200, contentType, body, null));
        return url(path);
    }

    /** Serves {@code body} only after {@code delay}: a media host too slow to answer. */
    String slow(String path, String contentType, byte[] body, Duration delay) {
        answers.put(path, new Answer(200, contentType, body, null, delay));
        return url(path);
    }

    String status(String path, int status) {
        answers.put(path, new Answer(status, "text/plain", ("status " + status).getBytes(), null));
        return url(path);
    }

    String redirect(String path, String location) {
        answers.put(path, new Answer(302, "text/plain", new byte[0], location));
        return url(path);
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = answers.getOrDefault(path, new Answer(404, "text/plain", "not here".getBytes(), null));
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A real image of the given format ({@code png}, {@code jpeg}, {@code gif}). */
    static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
