package io.gridflex.minersim.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A TCP listener whose accept loop and connections all run on virtual threads: thousands of simulated miners cost
 * thousands of sockets and parked virtual threads, never a platform thread each.
 */
public final class TcpListener implements AutoCloseable {

    /** Serves one accepted connection; the listener closes the socket afterwards. */
    @FunctionalInterface
    public interface ConnectionHandler {

        void serve(Socket socket) throws IOException;
    }

    private static final Logger LOG = Logger.getLogger(TcpListener.class.getName());
    private static final int BACKLOG = 64;

    private final String name;
    private final ServerSocket serverSocket;
    private final ConnectionHandler handler;
    private final ExecutorService connections;
    private final Thread acceptor;

    /**
     * Binds and starts accepting.
     *
     * @param name who listens, for thread names and errors (a miner id)
     * @param host address to bind
     * @param port port to bind; 0 picks a free one
     */
    public TcpListener(String name, String host, int port, ConnectionHandler handler) {
        this.name = name;
        this.handler = handler;
        try {
            this.serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(host), port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for " + name, e);
        }
        this.connections = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
        this.acceptor = Thread.ofVirtual().name(name + "-accept").start(this::acceptLoop);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    public boolean isListening() {
        return serverSocket.isBound() && !serverSocket.isClosed();
    }

    /** Stops accepting and ends the connections in progress (their virtual threads are interrupted). */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the listener of " + name, e);
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
                    LOG.log(Level.WARNING, "accept failed for " + name, e);
                }
            } catch (IOException | RuntimeException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
                LOG.log(Level.WARNING, "accept failed for " + name, e);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            handler.serve(socket);
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection to " + name + " ended early", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " failed to answer a request", e);
        }
    }
}
