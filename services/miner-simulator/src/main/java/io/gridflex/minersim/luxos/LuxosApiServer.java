package io.gridflex.minersim.luxos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.gridflex.minersim.fleet.MinerApi;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.Faults;
import io.gridflex.minersim.net.JsonRequestReader;

/**
 * The TCP endpoint of one simulated miner, speaking the LUXminer (cgminer-compatible) JSON API: one request per
 * connection, the JSON response followed by a NUL byte, then the server closes the connection. The accept loop and
 * each connection run on virtual threads (no platform thread per miner); a request is bounded in size and in how long
 * it may take to arrive, so a bad client costs one cheap thread for at most the read timeout. The miner's
 * {@link Misbehaviour} applies: {@code HANG} never answers, {@code GARBAGE} answers non-JSON before the NUL,
 * {@code SLOW} waits its reply delay, {@code REFUSE_CREDENTIALS} refuses {@code logon}.
 */
public final class LuxosApiServer implements MinerApi {

    /** The port LUXminer listens on on real hardware. */
    public static final int DEFAULT_PORT = 4028;

    private static final int DRAIN_TIMEOUT_MILLIS = 500;
    private static final long DRAIN_LIMIT_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(LuxosApiServer.class.getName());

    private final SimulatedMiner miner;
    private final LuxosCommandHandler handler;
    private final JsonRequestReader reader;
    private final int readTimeoutMillis;
    private final ServerSocket serverSocket;
    private final ExecutorService connections;
    private final Thread acceptor;

    /**
     * Binds and starts serving.
     *
     * @param miner the miner answering
     * @param host address to bind, e.g. 127.0.0.1
     * @param port port to bind; 0 picks a free one (see {@link #port()})
     * @param readTimeout longest wait for a complete request
     * @param maxRequestBytes largest request accepted
     */
    public LuxosApiServer(SimulatedMiner miner, String host, int port, Duration readTimeout, int maxRequestBytes) {
        this.miner = miner;
        this.handler = new LuxosCommandHandler(miner);
        this.reader = new JsonRequestReader(maxRequestBytes);
        this.readTimeoutMillis = Math.toIntExact(Math.max(1, readTimeout.toMillis()));
        try {
            this.serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for miner " + miner.id(), e);
        }
        this.connections = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("luxos-" + miner.id() + "-", 0).factory());
        this.acceptor = Thread.ofVirtual().name("luxos-accept-" + miner.id()).start(this::acceptLoop);
    }

    @Override
    public int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    /** {@code host:port}, the way a site agent is configured with it. */
    @Override
    public String endpoint() {
        return host() + ":" + port();
    }

    @Override
    public boolean isListening() {
        return serverSocket.isBound() && !serverSocket.isClosed();
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the listener of " + miner.id(), e);
        }
        connections.shutdownNow();
        try {
            acceptor.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.execute(() -> serve(socket));
            } catch (SocketException e) {
                if (!serverSocket.isClosed()) {
                    LOG.log(Level.WARNING, "accept failed on " + endpoint(), e);
                }
            } catch (IOException | RuntimeException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
                LOG.log(Level.WARNING, "accept failed on " + endpoint(), e);
            }
        }
    }

    /**
     * Closing a socket with unread input makes the kernel reset the connection, and a reset can destroy the response
     * before the client reads it. So after refusing an oversized request, signal the end of the response and swallow
     * what the client still sends, within bounds.
     */
    private static void discardRest(Socket socket, InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
        byte[] sink = new byte[8192];
        long drained = 0;
        try {
            int n;
            while (drained < DRAIN_LIMIT_BYTES && (n = in.read(sink)) != -1) {
                drained += n;
            }
        } catch (SocketTimeoutException e) {
            // The client stopped sending without closing: the response is out, nothing more to wait for.
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            if (miner.isApiOffline()) {
                return;
            }
            if (miner.misbehaviour() == Misbehaviour.HANG) {
                Faults.hang(socket);
                return;
            }
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            String response;
            boolean unreadInput = false;
            try {
                response = handler.handle(reader.read(in));
            } catch (JsonRequestReader.RequestException e) {
                response = handler.requestError(e.tooLarge(), e.getMessage());
                unreadInput = true;
            } catch (SocketTimeoutException e) {
                response = handler.requestError(false,
                        "Request timed out: no complete request within " + readTimeoutMillis + " ms");
            }
            Faults.delayIfSlow(miner);
            OutputStream out = socket.getOutputStream();
            out.write(miner.misbehaviour() == Misbehaviour.GARBAGE
                    ? Faults.GARBAGE
                    : response.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            out.flush();
            if (unreadInput) {
                discardRest(socket, in);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection to " + miner.id() + " ended early", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "miner " + miner.id() + " failed to answer a request", e);
        }
    }
}
