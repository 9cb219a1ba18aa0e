package dev.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A local HTTP server that stands in for a customer's webhook endpoint (incoming-message and
 * status-callback URLs, Conversations webhooks) and records what Parley sends to it.
 *
 * <p>It listens on 127.0.0.1 on a free port from construction until {@link #close()}; every request,
 * on any path, is recorded before it is answered, so a test can also see requests whose answer is
 * delayed. Unless told otherwise it answers {@code 200} with an empty TwiML document
 * ({@value #EMPTY_TWIML}, {@code text/xml}). Requests are served on virtual threads; all methods are
 * thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** The body of the default answer. */
    public static final String EMPTY_TWIML = "<Response/>";

    private static final Response DEFAULT_RESPONSE = new Response(200, "text/xml", EMPTY_TWIML);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<ReceivedRequest, Response>> responders = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private volatile Duration defaultDelay = Duration.ZERO;

    /**
     * One request as it arrived.
     *
     * @param path the decoded path, without query
     * @param query the raw query string, or {@code null} when there was none
     * @param headers every header, names in lower case, values in arrival order
     * @param formParams decoded parameters: from the body of an {@code application/x-www-form-urlencoded}
     *     request, from the query of a GET; empty otherwise; repeated names keep every value in order
     * @param body the body as UTF-8 text ({@code ""} when empty)
     */
    public record ReceivedRequest(String method, String path, String query, Map<String, List<String>> headers,
            Map<String, List<String>> formParams, String body, Instant receivedAt) {

        /** The first value of a header (any case), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        /** The first value of a form parameter, or {@code null}. */
        public String formParam(String name) {
            List<String> values = formParams.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        /** The form parameters with only the first value of each, for equality checks. */
        public Map<String, String> singleFormParams() {
            Map<String, String> single = new LinkedHashMap<>();
            formParams.forEach((name, values) -> single.put(name, values.getFirst()));
            return single;
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " " + formParams;
        }
    }

    /** An answer to send back. */
    public record Response(int status, String contentType, String body) {

        public Response {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status must be 100-599, was " + status);
            }
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        /** 200 with the given TwiML ({@code text/xml}). */
        public static Response twiml(String twiml) {
            return new Response(200, "text/xml", twiml);
        }
    }

    /** Starts a receiver that stamps requests with the system clock. */
    public WebhookReceiver() {
        this(Clock.systemUTC());
    }

    /** Starts a receiver that stamps {@link ReceivedRequest#receivedAt()} from {@code clock}. */
    public WebhookReceiver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind a webhook receiver on 127.0.0.1", e);
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The port the receiver listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:PORT} followed by {@code path} (a leading {@code /} is added if missing). */
    public String url(String path) {
        return "http://localhost:" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /** From now on, answer requests to {@code path} with this status, content type and body. */
    public void respond(String path, int status, String contentType, String body) {
        Response response = new Response(status, contentType, body);
        respondWith(path, request -> response);
    }

    /**
     * From now on, answer requests to {@code path} with whatever {@code responder} returns; if it
     * throws, the answer is a 500 naming the exception.
     */
    public void respondWith(String path, Function<ReceivedRequest, Response> responder) {
        responders.put(normalize(path), Objects.requireNonNull(responder, "responder"));
    }

    /** Wait this long before answering any request (recording happens first). */
    public void delay(Duration delay) {
        this.defaultDelay = Objects.requireNonNull(delay, "delay");
    }

    /** Wait this long before answering requests to {@code path}; overrides {@link #delay(Duration)}. */
    public void delay(String path, Duration delay) {
        delays.put(normalize(path), Objects.requireNonNull(delay, "delay"));
    }

    /** Every request received so far, in arrival order. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(received);
    }

    /** The requests received so far on exactly {@code path}, in arrival order. */
    public List<ReceivedRequest> requests(String path) {
        String wanted = normalize(path);
        return received.stream().filter(r -> r.path().equals(wanted)).toList();
    }

    /**
     * Waits until at least {@code count} requests arrived on {@code path} and returns all of them.
     *
     * @throws AssertionError after {@code timeout}, listing what did arrive on that path and elsewhere
     */
    public List<ReceivedRequest> awaitRequests(String path, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ReceivedRequest> matching = requests(path);
            if (matching.size() >= count) {
                return matching;
            }
            if (!Instant.now().isBefore(deadline)) {
                Map<String, Long> byPath = received.stream()
                        .collect(Collectors.groupingBy(ReceivedRequest::path, TreeMap::new, Collectors.counting()));
                throw new AssertionError("Expected " + count + " request(s) to " + normalize(path) + " within "
                        + timeout + " but got " + matching.size() + ": " + matching
                        + "; requests per path: " + byPath);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for requests to " + path, e);
            }
        }
    }

    /** Forgets the requests received so far; configured responses and delays stay. */
    public void clear() {
        received.clear();
    }

    /** Stops the server at once; requests still waiting out a delay are dropped unanswered. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ReceivedRequest request = record(exchange);
            received.add(request);
            Duration delay = delays.getOrDefault(request.path(), defaultDelay);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Response response = answer(request);
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Response answer(ReceivedRequest request) {
        Function<ReceivedRequest, Response> responder = responders.get(request.path());
        if (responder == null) {
            return DEFAULT_RESPONSE;
        }
        try {
            return Objects.requireNonNull(responder.apply(request), "responder returned null");
        } catch (RuntimeException e) {
            return new Response(500, "text/plain", "WebhookReceiver responder for " + request.path()
                    + " failed: " + e);
        }
    }

    private ReceivedRequest record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        headers.replaceAll((name, values) -> List.copyOf(values));
        String method = exchange.getRequestMethod();
        String query = exchange.getRequestURI().getRawQuery();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, List<String>> form;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            form = decodeForm(body);
        } else if ("GET".equalsIgnoreCase(method) && query != null) {
            form = decodeForm(query);
        } else {
            form = Map.of();
        }
        return new ReceivedRequest(method, exchange.getRequestURI().getPath(), query,
                Collections.unmodifiableMap(headers), form, body, clock.instant());
    }

    static Map<String, List<String>> decodeForm(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String normalize(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }
}
