package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a server that a test starts later, or starts again: a process of its own (Parley killed and restarted,
 * Kannel, PostgreSQL) that must listen on a port chosen before it runs.
 *
 * <p>A port from {@code new ServerSocket(0)} is free only until it is closed again. It comes from the kernel's
 * ephemeral range, the range every outgoing connection takes its local port from, so any connection opened before
 * the server binds (a restarted Parley posting the callbacks it owes, say) can take it, and the server then fails
 * to start. A port below that range is never handed to an outgoing connection.
 */
public final class Ports {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default ephemeral range starts here; also the answer where the kernel does not say. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 100;

    private Ports() {
    }

    /** A port free on the loopback address now, and outside the range outgoing connections take theirs from. */
    public static int free() {
        int high = ephemeralLow() - 1;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (high - LOWEST >= 1000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, high + 1);
                if (bindable(loopback, port)) {
                    return port;
                }
            }
        }
        // The ephemeral range covers (nearly) every port: take one the kernel says is free.
        try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on " + loopback, e);
        }
    }

    /** Whether a server could listen on {@code port} of the loopback address now: nothing else listens there. */
    public static boolean isFree(int port) {
        return bindable(InetAddress.getLoopbackAddress(), port);
    }

    private static boolean bindable(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralLow() {
        try {
            // Line by line: procfs reports a size of 0, and Files.readString gave one character of it here (JDK 25).
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
