package dev.parley.channels.smpp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * The sockets of Parley's binds. Every one sets {@code TCP_NODELAY}: an SMPP PDU is small and answered by another
 * small PDU, so Nagle's algorithm would hold each one back until the peer's delayed ACK (40 ms on Linux), capping a
 * window of 10 at a few hundred submits per second. With {@code tls}, the connection is TLS through the JVM's default
 * trust store, and the SMSC's certificate must name the host (as HTTPS checks it).
 */
final class SmppSockets implements ConnectionFactory {
    private final boolean tls;
    private final SSLSocketFactory sslFactory;
    private final int connectTimeoutMillis;

    SmppSockets(boolean tls, SSLSocketFactory sslFactory, Duration connectTimeout) {
        this.tls = tls;
        this.sslFactory = sslFactory;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
    }

    static SmppSockets of(boolean tls, Duration connectTimeout) {
        return new SmppSockets(tls, tls ? (SSLSocketFactory) SSLSocketFactory.getDefault() : null, connectTimeout);
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        return new SocketConnection(open(host, port));
    }

    /** The connected socket (TLS handshake done when {@code tls}), {@code TCP_NODELAY} and keep-alive set. */
    Socket open(String host, int port) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.setKeepAlive(true);
            plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (!tls) {
                return plain;
            }
            SSLSocket secure = (SSLSocket) sslFactory.createSocket(plain, host, port, true);
            SSLParameters params = secure.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(params);
            secure.setTcpNoDelay(true);
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }
}
