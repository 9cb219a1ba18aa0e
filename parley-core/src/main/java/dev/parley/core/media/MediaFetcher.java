package dev.parley.core.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches one media URL into a file, as Twilio fetches a {@code MediaUrl}: {@code GET} over HTTP/1.1 (TLS for
 * https), following up to {@value #MAX_REDIRECTS} redirects, within a connect timeout, a read timeout per read and
 * a total deadline; the declared {@code Content-Type} must be one Twilio accepts and agree with the bytes, and the
 * body must stay within the type's size limit.
 *
 * <p>Every connection, the first and each redirect's, goes to an address this fetcher resolved and checked itself
 * against the {@link DenyList}: the socket connects to that very address (TLS still verifies the host name), so a
 * name that resolves differently between the check and the connect cannot slip past it.
 *
 * <p>Blocking; call it on a virtual thread. Thread-safe.
 */
public final class MediaFetcher {
    public static final int MAX_REDIRECTS = 5;
    private static final int MAX_HEADERS = 100;

    /** Where fetches may go and how long they may take. */
    public record Settings(DenyList deny, Duration connectTimeout, Duration readTimeout, Duration totalTimeout) {
        public static final Settings DEFAULT = of(DenyList.DEFAULT, Duration.ofSeconds(10));

        /** {@code timeout} for connecting and for each read; four times it for the whole fetch. */
        public static Settings of(DenyList deny, Duration timeout) {
            return new Settings(deny, timeout, timeout, timeout.multipliedBy(4));
        }
    }

    /** What a fetch came to. */
    public sealed interface Result {
        /** Stored in the target file. */
        record Fetched(String contentType, long size) implements Result {
        }

        /** Nothing stored; {@code code} is Twilio's (11200, 11215, 12300, 30019). */
        record Failed(int code, String reason) implements Result {
        }
    }

    /** Resolves host names; the system resolver unless a test replaces it. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Settings settings;
    private final Resolver resolver;

    public MediaFetcher(Settings settings) {
        this(settings, InetAddress::getAllByName);
    }

    public MediaFetcher(Settings settings, Resolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** Whether {@code url} is something this fetcher can try: an absolute http(s) URL with a host (else 21620). */
    public static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Fetches {@code url} into {@code target}; on failure the target does not exist afterwards. */
    public Result fetch(String url, Path target) {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        Result result;
        try {
            result = follow(url, target, deadline);
        } catch (SocketTimeoutException e) {
            result = new Result.Failed(11200, "timed out fetching " + url + ": " + e.getMessage());
        } catch (IOException e) {
            result = new Result.Failed(11200, "cannot fetch " + url + ": " + e);
        }
        if (result instanceof Result.Failed) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                // an orphan file without a row is harmless
            }
        }
        return result;
    }

    private Result follow(String url, Path target, long deadline) throws IOException {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return new Result.Failed(11200, "not a URL: " + url);
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return new Result.Failed(11200, "not an http(s) URL: " + uri);
            }
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                    : uri.getHost();
            if (settings.deny().deniesHost(host)) {
                return new Result.Failed(11200, "fetching from " + host + " is not allowed (media deny list)");
            }
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                return new Result.Failed(11200, "cannot resolve host " + host);
            }
            for (InetAddress a : addresses) {
                if (settings.deny().denies(a)) {
                    return new Result.Failed(11200, "fetching from " + host + " (" + a.getHostAddress()
                            + ") is not allowed (media deny list)");
                }
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            try (Socket socket = connect(addresses, host, port, scheme.equals("https"))) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                request(socket.getOutputStream(), uri, host, port, scheme);
                int status = statusLine(in, uri);
                Map<String, String> headers = headers(in);
                if (status >= 300 && status < 400 && headers.containsKey("location")) {
                    try {
                        uri = uri.resolve(new URI(headers.get("location").strip()));
                    } catch (URISyntaxException e) {
                        return new Result.Failed(11200, "invalid redirect from " + uri + " to "
                                + headers.get("location"));
                    }
                    continue;
                }
                if (status < 200 || status > 299) {
                    return new Result.Failed(11200, "HTTP " + status + " from " + uri);
                }
                return body(in, headers, uri, target, deadline);
            }
        }
        return new Result.Failed(11215, "more than " + MAX_REDIRECTS + " redirects from " + url);
    }

    private Socket connect(InetAddress[] addresses, String host, int port, boolean tls) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) settings.connectTimeout().toMillis());
                socket.setSoTimeout((int) settings.readTimeout().toMillis());
                if (!tls) {
                    return socket;
                }
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.contains(":") && !host.matches("[0-9.]+")) {
                    params.setServerNames(List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                return ssl;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address for " + host);
    }

    private static void request(OutputStream out, URI uri, String host, int port, String scheme) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        String head = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: Parley-Media/1.0\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static int statusLine(InputStream in, URI uri) throws IOException {
        String line = Http1Streams.line(in);
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer from " + uri + ": " + line);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line from " + uri + ": " + line);
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i <= MAX_HEADERS; i++) {
            String line = Http1Streams.line(in);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        throw new IOException("more than " + MAX_HEADERS + " headers");
    }

    private Result body(InputStream in, Map<String, String> headers, URI uri, Path target, long deadline)
            throws IOException {
        String declared = MediaTypes.essence(headers.get("content-type"));
        if (declared == null) {
            return new Result.Failed(12300, "no Content-Type from " + uri);
        }
        if (!MediaTypes.accepted(declared)) {
            return new Result.Failed(12300, "Content-Type " + declared + " from " + uri + " is not accepted for media");
        }
        long limit = MediaTypes.limit(declared);
        Optional<Long> length = Optional.ofNullable(headers.get("content-length")).flatMap(MediaFetcher::parseLong);
        if (length.isPresent() && length.get() > limit) {
            return tooLarge(uri, declared, length.get(), limit);
        }
        InputStream body = "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))
                ? new Http1Streams.Chunked(in) : length.map(n -> (InputStream) new Http1Streams.Bounded(in, n)).orElse(in);
        byte[] head = new byte[MediaTypes.HEAD];
        int headLength = 0;
        long size = 0;
        byte[] buffer = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                if (System.nanoTime() - deadline > 0) {
                    return new Result.Failed(11200, "fetching " + uri + " took longer than "
                            + settings.totalTimeout().toMillis() + " ms");
                }
                size += n;
                if (size > limit) {
                    return tooLarge(uri, declared, size, limit);
                }
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                out.write(buffer, 0, n);
            }
        }
        if (length.isPresent() && size < length.get()) {
            return new Result.Failed(11200, "connection closed after " + size + " of " + length.get() + " bytes from "
                    + uri);
        }
        Optional<String> mismatch = MediaTypes.check(declared, head, headLength);
        if (mismatch.isPresent()) {
            return new Result.Failed(12300, "Content-Type of " + uri + ": " + mismatch.get());
        }
        return new Result.Fetched(declared, size);
    }

    private static Result tooLarge(URI uri, String type, long size, long limit) {
        return new Result.Failed(30019, "media at " + uri + " is larger than the " + limit + " bytes allowed for "
                + type + " (at least " + size + " bytes)");
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
