package io.gridflex.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Picks a TCP port that is free on loopback right now, so nothing depends on fixed ports. The kernel may hand out a
 * port it just gave (the probe socket is closed at once), so a port picked recently in this JVM is never picked again:
 * two picks in a row, for a broker's two listeners say, always differ.
 */
public final class FreePort {

    /** How many recent picks are remembered. */
    private static final int REMEMBERED = 1024;
    private static final Deque<Integer> RECENT = new ArrayDeque<>();

    private FreePort() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = probe();
            synchronized (RECENT) {
                if (!RECENT.contains(port)) {
                    RECENT.addLast(port);
                    if (RECENT.size() > REMEMBERED) {
                        RECENT.removeFirst();
                    }
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port on loopback that was not just given out");
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
