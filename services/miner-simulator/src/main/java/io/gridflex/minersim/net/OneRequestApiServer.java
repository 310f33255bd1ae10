package io.gridflex.minersim.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import io.gridflex.minersim.fleet.ApiOptions;
import io.gridflex.minersim.fleet.MinerApi;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;

/**
 * A miner API that takes one JSON request per connection, writes one answer (followed by a NUL where the dialect
 * ends its answers so, as cgminer does) and closes its side: the cgminer base API, bosminer, Whatsminer API v2. The
 * miner's connection-level misbehaviours (API offline, hang, slow, garbage) act the same on all of them; a dialect
 * only turns request text into answer text.
 */
public abstract class OneRequestApiServer implements MinerApi {

    /** What one dialect answers. */
    public interface Dialect {

        /** The answer to a request, as text. */
        String answer(String request);

        /** The answer to a request that could not be read: too large, or not complete within the read timeout. */
        String unreadable(String detail);
    }

    private final SimulatedMiner miner;
    private final Dialect dialect;
    private final JsonRequestReader reader;
    private final int readTimeoutMillis;
    private final boolean nulTerminated;
    private final TcpListener listener;

    /**
     * Binds and starts serving.
     *
     * @param name who listens, for thread names and errors
     * @param nulTerminated whether each answer ends with a NUL byte
     */
    protected OneRequestApiServer(String name, SimulatedMiner miner, String host, int port, ApiOptions options,
            Dialect dialect, boolean nulTerminated) {
        this.miner = miner;
        this.dialect = dialect;
        this.reader = new JsonRequestReader(options.maxRequestBytes());
        this.readTimeoutMillis = Math.toIntExact(Math.max(1, options.readTimeout().toMillis()));
        this.nulTerminated = nulTerminated;
        this.listener = new TcpListener(name, host, port, this::serve);
    }

    @Override
    public String host() {
        return listener.host();
    }

    @Override
    public int port() {
        return listener.port();
    }

    @Override
    public boolean isListening() {
        return listener.isListening();
    }

    @Override
    public void close() {
        listener.close();
    }

    private void serve(Socket socket) throws IOException {
        if (miner.isApiOffline()) {
            return;
        }
        if (miner.misbehaviour() == Misbehaviour.HANG) {
            Faults.hang(socket);
            return;
        }
        socket.setSoTimeout(readTimeoutMillis);
        String answer;
        try {
            answer = dialect.answer(reader.read(socket.getInputStream()));
        } catch (JsonRequestReader.RequestException e) {
            answer = dialect.unreadable(e.getMessage());
        } catch (SocketTimeoutException e) {
            answer = dialect.unreadable("no complete request within " + readTimeoutMillis + " ms");
        }
        Faults.delayIfSlow(miner);
        OutputStream out = socket.getOutputStream();
        out.write(miner.misbehaviour() == Misbehaviour.GARBAGE
                ? Faults.GARBAGE
                : answer.getBytes(StandardCharsets.UTF_8));
        if (nulTerminated) {
            out.write(0);
        }
        out.flush();
        socket.shutdownOutput();
    }
}
