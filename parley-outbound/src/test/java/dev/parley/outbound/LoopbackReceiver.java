package dev.parley.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HttpServer (HttpsServer with an {@link SSLContext}) on loopback, answering every request with one
 * function and recording it.
 */
final class LoopbackReceiver implements AutoCloseable {

    /** @param query raw, null when absent; {@code headers} looked up case-insensitively */
    record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.getFirst();
        }

        Map<String, List<String>> form() {
            Map<String, List<String>> form = new LinkedHashMap<>();
            if (!body.isEmpty()) {
                for (String pair : body.split("&")) {
                    int eq = pair.indexOf('=');
                    form.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            k -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return form;
        }
    }

    /** {@code chunked} sends the body with chunked transfer coding instead of a Content-Length. */
    record Answer(int status, String contentType, String body, boolean chunked) {
        static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body, false);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final String scheme;

    LoopbackReceiver(Function<Received, Answer> answers) {
        this(null, answers);
    }

    /** @param tls null for plain HTTP */
    LoopbackReceiver(SSLContext tls, Function<Received, Answer> answers) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            if (tls == null) {
                server = HttpServer.create(address, 512);
            } else {
                HttpsServer https = HttpsServer.create(address, 512);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
            scheme = tls == null ? "http" : "https";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, answers));
        server.start();
    }

    String url(String pathAndQuery) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange, Function<Received, Answer> answers) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers(exchange), body);
            received.add(request);
            Answer answer = answers.apply(request);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), answer.chunked() ? 0 : bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        return headers;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
