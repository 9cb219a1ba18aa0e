package dev.parley.server.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Someone else's web site using the chat widget: a static page on its own origin ({@code http://127.0.0.1:<port>},
 * while Parley is {@code http://localhost:<port>}), with the widget's one script tag and the token endpoint the
 * page's backend provides ({@code GET /token}, JSON).
 */
final class WidgetHostPage implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger tokensServed = new AtomicInteger();

    WidgetHostPage(String parleyBaseUrl, String address, Supplier<String> token) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String page = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Acme support</title>
                <style>body { font-family: serif; color: #222; background: #fafafa; } button { color: red; }</style>
                </head>
                <body>
                <main><h1>Acme</h1><p>Questions? Chat with us.</p></main>
                <script src="%s/chat/v1/widget.js" data-token-url="/token"%s async></script>
                </body>
                </html>
                """.formatted(parleyBaseUrl, address == null ? "" : " data-address=\"" + address + "\"");
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/token")) {
                tokensServed.incrementAndGet();
                reply(exchange, "application/json", "{\"token\":\"" + token.get() + "\"}");
            } else if (exchange.getRequestURI().getPath().equals("/")) {
                reply(exchange, "text/html; charset=utf-8", page);
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int tokensServed() {
        return tokensServed.get();
    }

    private static void reply(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
