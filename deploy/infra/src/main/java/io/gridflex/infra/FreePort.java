package io.gridflex.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Picks a TCP port that is free on loopback right now, so nothing depends on fixed ports. The kernel may hand out a
 * port it just gave (the probe socket is closed at once), so a port picked recently in this JVM is never picked again:
 * two picks in a row, for a broker's two listeners say, always differ.
 */
public final class FreePort {

    /** How many recent picks are remembered. */
    private static final int REMEMBERED = 1024;
    private static final Deque<Integer> RECENT = new ArrayDeque<>();
    private static final Random RANDOM = new Random();

    private FreePort() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = probe();
            if (remember(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on loopback that was not just given out");
    }

    /**
     * A free port below the kernel's range of automatic local ports, for a server that a test stops and starts again
     * on the same port. While such a server is down, its clients keep reconnecting to its port; a client socket's
     * automatic local port can then be that very port (TCP connects to itself: the same address at both ends), and
     * holds it, so the server's restart fails with "address already in use". Below the range no client ever gets it.
     */
    public static int pickForRestart() {
        int below = ephemeralRangeStart();
        int lowest = Math.min(20_000, below / 2);
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = lowest + RANDOM.nextInt(below - lowest);
            if (bindable(port) && remember(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on loopback below " + below);
    }

    /** Whether the port was not given out recently; it is remembered as given out now. */
    private static boolean remember(int port) {
        synchronized (RECENT) {
            if (RECENT.contains(port)) {
                return false;
            }
            RECENT.addLast(port);
            if (RECENT.size() > REMEMBERED) {
                RECENT.removeFirst();
            }
            return true;
        }
    }

    /** The first automatic local port ({@code net.ipv4.ip_local_port_range}); 32768, Linux's default, if unknown. */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > 2_048 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
