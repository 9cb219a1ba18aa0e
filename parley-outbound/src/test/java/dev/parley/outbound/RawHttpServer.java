package dev.parley.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP/1.1 server written on a raw {@link ServerSocket}, for answers a real server would not
 * give (close-delimited bodies, 1xx, silence) and for counting connections. Each connection is served on
 * its own virtual thread; requests are read by {@code Content-Length}. With an {@link SSLContext} it speaks TLS.
 */
final class RawHttpServer implements AutoCloseable {

    /** A request as read off the wire; header names lower-cased. */
    record Received(String requestLine, Map<String, String> headers, String body) {
    }

    /**
     * Raw bytes to write; {@code close} closes the connection after them; null bytes: never answer;
     * {@code trickle}: after the bytes, one more byte every 100 ms until the client goes away.
     */
    record Reply(byte[] bytes, boolean close, boolean trickle) {
        static Reply keepOpen(String raw) {
            return new Reply(raw.getBytes(StandardCharsets.ISO_8859_1), false, false);
        }

        static Reply thenClose(String raw) {
            return new Reply(raw.getBytes(StandardCharsets.ISO_8859_1), true, false);
        }

        static Reply silence() {
            return new Reply(null, false, false);
        }

        static Reply trickle(String raw) {
            return new Reply(raw.getBytes(StandardCharsets.ISO_8859_1), false, true);
        }
    }

    private final ServerSocket server;
    private final Function<Received, Reply> responder;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final String scheme;
    private volatile boolean closed;

    RawHttpServer(Function<Received, Reply> responder) throws IOException {
        this(null, responder);
    }

    /** @param tls null for plain HTTP */
    RawHttpServer(SSLContext tls, Function<Received, Reply> responder) throws IOException {
        this.responder = responder;
        this.server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        this.scheme = tls == null ? "http" : "https";
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        Thread.ofVirtual().name("raw-http-accept").start(this::accept);
    }

    String url(String path) {
        String host = server.getInetAddress().getHostAddress();
        host = host.contains(":") ? "[" + host.replaceAll("%.*", "") + "]" : host;
        return scheme + "://" + host + ":" + server.getLocalPort() + path;
    }

    int connections() {
        return connections.get();
    }

    List<Received> requests() {
        return requests;
    }

    /** Closes every accepted connection, as a receiver whose keep-alive timeout ran out. */
    void dropConnections() throws IOException {
        for (Socket s : open) {
            s.close();
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnections();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Received request = read(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Reply reply = responder.apply(request);
                if (reply.bytes() == null) {
                    in.read(); // hold the connection until the client gives up
                    return;
                }
                out.write(reply.bytes());
                out.flush();
                while (reply.trickle()) {
                    Thread.sleep(100);
                    out.write('x');
                    out.flush();
                }
                if (reply.close()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away; nothing to serve.
        } finally {
            open.remove(socket);
        }
    }

    private static Received read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        Map<String, String> headers = new TreeMap<>();
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Received(requestLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
