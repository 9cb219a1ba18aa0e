package dev.parley.core.webhook;

import dev.parley.core.webhook.Http1ConnectionPool.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link HttpTransport} for {@code http://} URLs: blocking HTTP/1.1 over {@link Socket}, made for virtual
 * threads, where a blocked read only parks the virtual thread. It costs a fraction of the CPU of
 * {@code java.net.http} per request (no selector thread hand-offs, no futures; see ADR 0003).
 *
 * <p>What callers may rely on: each exchange finishes within its timeout (connecting and every read
 * count against one deadline); keep-alive connections are reused per host and port, at most
 * {@link Settings#maxIdlePerHost} idle per endpoint, closed after {@link Settings#idleTimeout} unused; a
 * reused connection found closed before any byte of the answer arrived is replaced by a fresh one and the
 * request sent once more (webhooks carry an idempotency token). Bodies are read by {@code Content-Length},
 * chunked, or until the server closes; 1xx answers are skipped; redirects are answers, not followed.
 *
 * <p>It does not do: TLS, HTTP/2, proxies, request bodies of unknown length, {@code Expect: 100-continue},
 * compressed bodies, or a timeout on writing (a request is one write of a few KiB into the socket buffer).
 */
public final class PlainHttp1Transport implements HttpTransport, AutoCloseable {

    /**
     * @param connectTimeout bound on the TCP connect, within the exchange's own timeout
     * @param maxIdlePerHost idle keep-alive connections kept per host and port
     * @param idleTimeout an idle connection unused this long is closed, not reused
     */
    public record Settings(Duration connectTimeout, int maxIdlePerHost, Duration idleTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), 64, Duration.ofSeconds(30));

        public Settings {
            if (connectTimeout == null || connectTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("connectTimeout must be at least 1 ms, got " + connectTimeout);
            }
            if (maxIdlePerHost < 0) {
                throw new IllegalArgumentException("maxIdlePerHost must not be negative, got " + maxIdlePerHost);
            }
            if (idleTimeout == null || idleTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("idleTimeout must be at least 1 ms, got " + idleTimeout);
            }
        }
    }

    private final Settings settings;
    private final Http1ConnectionPool pool;
    private final AtomicBoolean reaperStarted = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread reaper;

    /** @param clock measures how long connections sit idle */
    public PlainHttp1Transport(Settings settings, Clock clock) {
        this.settings = settings;
        this.pool = new Http1ConnectionPool(settings.maxIdlePerHost(), settings.idleTimeout().toMillis(), clock);
    }

    @Override
    public Response exchange(Exchange exchange) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + exchange.timeout().toNanos();
        Target target = Target.of(exchange.uri());
        byte[] request = encode(exchange, target);
        int keepBytes = (int) Math.min(Integer.MAX_VALUE - 16, 4L * exchange.bodyLimit());
        try {
            Http1Connection pooled = pool.take(target.endpoint());
            if (pooled != null) {
                try {
                    return finish(target, pooled, pooled.exchange(request, deadline, keepBytes), exchange);
                } catch (SocketTimeoutException e) {
                    pooled.close();
                    throw e;
                } catch (IOException e) {
                    pooled.close();
                    if (pooled.answerStarted()) {
                        throw e;
                    }
                    // The receiver closed the idle connection before our request reached it: once more, fresh.
                } catch (RuntimeException e) {
                    pooled.close();
                    throw e;
                }
            }
            Http1Connection fresh = connect(target.endpoint(), deadline);
            try {
                return finish(target, fresh, fresh.exchange(request, deadline, keepBytes), exchange);
            } catch (IOException | RuntimeException e) {
                fresh.close();
                throw e;
            }
        } catch (SocketTimeoutException e) {
            HttpTimeoutException timeout = new HttpTimeoutException("no answer from " + target.endpoint()
                    + " within " + exchange.timeout().toMillis() + " ms");
            timeout.initCause(e);
            throw timeout;
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during exchange with " + target.endpoint());
            }
            throw e;
        }
    }

    /** Closes every idle connection and stops evicting; exchanges in flight finish on their own. */
    @Override
    public void close() {
        closed = true;
        Thread r = reaper;
        if (r != null) {
            r.interrupt();
        }
        pool.closeAll();
    }

    int idleConnections(URI uri) {
        return pool.idleCount(Target.of(uri).endpoint());
    }

    /** Closes connections idle past the timeout; the background sweeper calls this too. */
    void evictIdle() {
        pool.evictIdle();
    }

    private Response finish(Target target, Http1Connection connection, Http1Connection.Answer answer,
            Exchange exchange) {
        if (answer.reusable() && !closed) {
            pool.give(target.endpoint(), connection);
            startReaper();
        } else {
            connection.close();
        }
        String body = answer.body();
        if (body.length() > exchange.bodyLimit()) {
            body = body.substring(0, exchange.bodyLimit());
        }
        return new Response(answer.status(), body, answer.contentType());
    }

    private Http1Connection connect(Endpoint endpoint, long deadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left < 1) {
            throw new SocketTimeoutException("response deadline passed before connecting");
        }
        // Resolves as the JDK's HttpClient does: InetSocketAddress, first address of the name.
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.min(settings.connectTimeout().toMillis(), left));
            return new Http1Connection(socket);
        } catch (SocketTimeoutException e) {
            socket.close();
            HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("connect to " + endpoint
                    + " took longer than " + Math.min(settings.connectTimeout().toMillis(), left) + " ms");
            timeout.initCause(e);
            throw timeout;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void startReaper() {
        if (reaperStarted.compareAndSet(false, true)) {
            long interval = Math.max(1000, settings.idleTimeout().toMillis() / 2);
            reaper = Thread.ofVirtual().name("parley-http1-idle-evictor").start(() -> {
                while (!closed) {
                    try {
                        Thread.sleep(interval);
                    } catch (InterruptedException e) {
                        return;
                    }
                    pool.evictIdle();
                }
            });
        }
    }

    static byte[] encode(Exchange exchange, Target target) {
        StringBuilder head = new StringBuilder(256 + exchange.headers().size() * 64);
        head.append(exchange.method().toUpperCase(Locale.ROOT)).append(' ').append(target.requestTarget())
                .append(" HTTP/1.1\r\nHost: ").append(target.hostHeader()).append("\r\n");
        for (Map.Entry<String, String> header : exchange.headers().entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")) {
                continue; // ours to write
            }
            if (hasLineBreak(name) || hasLineBreak(value)) {
                throw new IllegalArgumentException("line break in header " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        }
        byte[] body = exchange.body();
        if (body.length > 0 || !exchange.method().equalsIgnoreCase("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        // Header values are ASCII here (URL-safe signature, token, fixed strings); ISO-8859-1 is the wire's.
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(headBytes.length + body.length);
        out.writeBytes(headBytes);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    /** Where an {@code http://} URI goes: the socket endpoint, the Host header, the request target. */
    record Target(Endpoint endpoint, String hostHeader, String requestTarget) {
        static Target of(URI uri) {
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not an http:// URI: " + uri);
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("no host in " + uri);
            }
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            String hostHeader = uri.getPort() == -1 ? host : host + ":" + uri.getPort();
            URI ascii = isAscii(uri.toString()) ? uri : URI.create(uri.toASCIIString());
            String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
            String query = ascii.getRawQuery();
            return new Target(new Endpoint(bare.toLowerCase(Locale.ROOT), port), hostHeader,
                    query == null ? path : path + "?" + query);
        }

        private static boolean isAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0x7e) {
                    return false;
                }
            }
            return true;
        }
    }
}
