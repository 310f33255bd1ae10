package io.gridflex.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network path between the sites and the platform, on loopback: a TCP relay in front of one port that can be cut
 * and restored, as a site's WAN link goes down and comes back. While it is cut every open connection is closed and every
 * new one is closed as soon as it is accepted, so clients see their peer vanish and their reconnections fail, as they
 * would across a link that is down; bytes that crossed before the cut arrived, nothing else does.
 */
public final class WanLink implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;
    private volatile boolean closed;

    private WanLink(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /**
     * Opens a link on {@code port} (0 for any free one) of the loopback address to {@code targetPort} on it.
     */
    public static WanLink open(int port, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            WanLink link = new WanLink(server, targetPort);
            Thread.ofPlatform().daemon().name("wan-link-" + server.getLocalPort()).start(link::accept);
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a link on port " + port, e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    public boolean isUp() {
        return up;
    }

    /** Takes the link down: closes every connection across it and refuses new ones until {@link #restore()}. */
    public void cut() {
        up = false;
        open.forEach(WanLink::closeQuietly);
        open.clear();
    }

    /** Brings the link back: new connections cross it again. */
    public void restore() {
        up = true;
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(server);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!up) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket target;
        try {
            target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(target);
        if (!up) { // cut while connecting
            cut();
            return;
        }
        Thread.ofVirtual().start(() -> pump(client, target));
        Thread.ofVirtual().start(() -> pump(target, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the peer went away or the link was cut: both ends close below
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
