package dev.parley.channels.smpp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * jSMPP's server socket, bound to Parley's host address (jSMPP's own binds every address), with TCP_NODELAY on every
 * accepted socket: a 16-byte {@code submit_sm_resp} must not wait out the client's delayed ACK (issue 13's 40 ms).
 */
final class ListeningSockets implements ServerConnectionFactory {
    private final String host;
    private volatile ServerSocket socket;
    private volatile ServerConnection connection;

    ListeningSockets(String host) {
        this.host = host;
    }

    @Override
    public ServerConnection listen(int port) throws IOException {
        return listen(port, 0, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return listen(port, timeout, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), port), backlog);
        s.setSoTimeout(timeout);
        socket = s;
        connection = new ServerConnection() {
            @Override
            public Connection accept() throws IOException {
                Socket accepted = s.accept();
                accepted.setTcpNoDelay(true);
                return new SocketConnection(accepted);
            }

            @Override
            public void setSoTimeout(int t) throws IOException {
                s.setSoTimeout(t);
            }

            @Override
            public int getSoTimeout() throws IOException {
                return s.getSoTimeout();
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
        return connection;
    }

    /** The connection {@link #listen} made last: jSMPP's listener keeps its own private. */
    ServerConnection lastListening() {
        return connection;
    }

    /** The port actually bound (the one asked, or a free one for 0). */
    int boundPort() {
        return socket.getLocalPort();
    }
}
