package dev.parley.core.webhook;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One client socket speaking HTTP/1.1: writes a request, reads one response under a deadline. Used by one
 * thread at a time (the pool hands it out exclusively). Every read first sets the socket's timeout to what
 * is left of the deadline, so a slow trickle of bytes cannot stretch an exchange past it.
 */
final class Http1Connection implements AutoCloseable {
    /** Status line and headers together; a receiver sending more is not a webhook receiver. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Body bytes read and thrown away past the kept part, to leave the connection reusable. */
    private static final long MAX_DISCARD_BYTES = 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private long deadline;
    private boolean answerStarted;
    private long idleSinceMillis;

    Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** What one exchange read; {@code reusable} when the connection may carry the next request. */
    record Answer(int status, String body, String contentType, boolean reusable) {
    }

    /** Whether any byte of the current exchange's response arrived (then it must not be sent again). */
    boolean answerStarted() {
        return answerStarted;
    }

    long idleSinceMillis() {
        return idleSinceMillis;
    }

    void idleSince(long millis) {
        idleSinceMillis = millis;
    }

    /**
     * Sends {@code request} in one write and reads the final (non-1xx) response.
     *
     * @param keepBytes body bytes kept for decoding; the rest is read and discarded up to a bound
     */
    Answer exchange(byte[] request, long deadlineNanos, int keepBytes) throws IOException {
        deadline = deadlineNanos;
        answerStarted = false;
        out.write(request);
        out.flush();
        while (true) {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new EOFException("connection closed before the response");
            }
            boolean http10 = statusLine.startsWith("HTTP/1.0 ");
            if (!http10 && !statusLine.startsWith("HTTP/1.1 ")) {
                throw new ProtocolException("not an HTTP/1.x status line: " + clip(statusLine));
            }
            int status = parseStatus(statusLine);
            Map<String, List<String>> headers = readHeaders();
            if (status == 101) {
                throw new ProtocolException("unexpected 101 Switching Protocols");
            }
            if (status < 200) {
                continue;
            }
            return readBody(status, headers, http10, keepBytes);
        }
    }

    private Answer readBody(int status, Map<String, List<String>> headers, boolean http10, int keepBytes)
            throws IOException {
        boolean reusable = !http10 && !hasToken(headers.get("Connection"), "close");
        String contentType = first(headers, "Content-Type");
        Sink sink = new Sink(keepBytes);
        List<String> transferEncoding = headers.get("Transfer-Encoding");
        String contentLength = first(headers, "Content-Length");
        boolean complete;
        if (status == 204 || status == 304) {
            complete = true;
        } else if (transferEncoding != null) {
            if (lastToken(transferEncoding).equals("chunked")) {
                complete = readChunked(sink);
            } else {
                readUntilClose(sink);
                complete = false;
            }
        } else if (contentLength != null) {
            complete = readFixed(sink, parseLength(headers.get("Content-Length")));
        } else {
            readUntilClose(sink);
            complete = false;
        }
        reusable = reusable && complete && pos == limit;
        return new Answer(status, sink.decode(charsetOf(contentType)), contentType, reusable);
    }

    /** @return false when the body was too large to drain, so the connection cannot be reused */
    private boolean readFixed(Sink sink, long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (sink.full()) {
                return false;
            }
            if (pos == limit && fill() < 0) {
                throw new EOFException("connection closed after " + (length - left) + " of " + length
                        + " body bytes");
            }
            int n = (int) Math.min(left, limit - pos);
            sink.accept(buffer, pos, n);
            pos += n;
            left -= n;
        }
        return true;
    }

    private boolean readChunked(Sink sink) throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad chunk size: " + clip(line));
            }
            if (size < 0) {
                throw new ProtocolException("bad chunk size: " + clip(line));
            }
            if (size == 0) {
                readHeaders(); // trailers, ignored
                return true;
            }
            if (!readFixed(sink, size)) {
                return false;
            }
            String end = readLine();
            if (end == null || !end.isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    private void readUntilClose(Sink sink) throws IOException {
        while (!sink.full()) {
            if (pos == limit && fill() < 0) {
                return;
            }
            sink.accept(buffer, pos, limit - pos);
            pos = limit;
        }
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int total = 0;
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside the response headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            total += line.length();
            if (total > MAX_HEAD_BYTES) {
                throw new ProtocolException("response headers larger than " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // obsolete line folding or garbage: nothing we need is in it
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).trim());
        }
    }

    /** A line without its CR LF, as ISO-8859-1; null at end of stream before any byte of the line. */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == limit && fill() < 0) {
                if (line == null) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            if (line == null) {
                line = new StringBuilder(Math.max(16, pos - start));
            }
            if (line.length() + (pos - start) > MAX_HEAD_BYTES) {
                throw new ProtocolException("response line longer than " + MAX_HEAD_BYTES + " bytes");
            }
            line.append(new String(buffer, start, pos - start, StandardCharsets.ISO_8859_1));
            if (pos < limit) {
                pos++; // the '\n'
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
        }
    }

    private int fill() throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("response deadline passed");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left))));
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        limit = Math.max(n, 0);
        if (n > 0) {
            answerStarted = true;
        }
        return n;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }

    private static int parseStatus(String line) throws ProtocolException {
        if (line.length() < 12 || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new ProtocolException("bad status line: " + clip(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("bad status line: " + clip(line));
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }

    private static long parseLength(List<String> values) throws ProtocolException {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",")) {
                long parsed;
                try {
                    parsed = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    throw new ProtocolException("bad Content-Length: " + clip(value));
                }
                if (parsed < 0 || (length >= 0 && parsed != length)) {
                    throw new ProtocolException("bad Content-Length: " + clip(String.join(", ", values)));
                }
                length = parsed;
            }
        }
        return length;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.getFirst();
    }

    private static boolean hasToken(List<String> values, String token) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String lastToken(List<String> values) {
        String[] parts = values.getLast().split(",");
        return parts[parts.length - 1].trim().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of a content type, UTF-8 when absent or unknown (as the JDK client does). */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String param : contentType.split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String name = param.substring(eq + 1).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** Keeps the first bytes of a body, counts the rest, and says when the rest is too much to drain. */
    private static final class Sink {
        private final int keep;
        private byte[] kept = new byte[0];
        private int size;
        private long seen;

        Sink(int keep) {
            this.keep = keep;
        }

        void accept(byte[] bytes, int offset, int length) {
            seen += length;
            int take = Math.min(length, keep - size);
            if (take > 0) {
                if (size + take > kept.length) {
                    kept = Arrays.copyOf(kept, Math.min(keep, Math.max(size + take, kept.length * 2)));
                }
                System.arraycopy(bytes, offset, kept, size, take);
                size += take;
            }
        }

        boolean full() {
            return seen >= keep + MAX_DISCARD_BYTES;
        }

        String decode(Charset charset) {
            return new String(kept, 0, size, charset);
        }
    }
}
