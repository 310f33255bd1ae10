package io.gridflex.minersim.cgminer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.gridflex.minersim.fleet.ApiOptions;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.MinerApi;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.Faults;
import io.gridflex.minersim.net.JsonRequestReader;
import io.gridflex.minersim.net.TcpListener;

/**
 * The cgminer-style TCP API (port 4028 on real hardware) of a stock cgminer/bmminer miner or a legacy Braiins OS
 * (bosminer) one: one JSON request per connection ({@code {"command":"summary","parameter":""}}), one JSON answer
 * followed by a NUL byte, then the server closes. See {@link CgminerCommands} for the commands of each.
 */
public final class CgminerApiServer implements MinerApi {

    private final SimulatedMiner miner;
    private final CgminerCommands commands;
    private final JsonRequestReader reader;
    private final int readTimeoutMillis;
    private final TcpListener listener;

    public CgminerApiServer(SimulatedMiner miner, String host, int port, ApiOptions options) {
        if (miner.firmware() != Firmware.CGMINER && miner.firmware() != Firmware.BOSMINER) {
            throw new IllegalArgumentException("a cgminer API serves cgminer or bosminer miners, not "
                    + miner.firmware());
        }
        this.miner = miner;
        this.commands = new CgminerCommands(miner);
        this.reader = new JsonRequestReader(options.maxRequestBytes());
        this.readTimeoutMillis = Math.toIntExact(Math.max(1, options.readTimeout().toMillis()));
        this.listener = new TcpListener(miner.firmware().name().toLowerCase(Locale.ROOT) + "-" + miner.id(), host,
                port, this::serve);
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
        InputStream in = socket.getInputStream();
        String response;
        try {
            response = commands.handle(reader.read(in));
        } catch (JsonRequestReader.RequestException e) {
            response = commands.requestError(e.getMessage());
        } catch (SocketTimeoutException e) {
            response = commands.requestError("no complete request within " + readTimeoutMillis + " ms");
        }
        Faults.delayIfSlow(miner);
        OutputStream out = socket.getOutputStream();
        out.write(miner.misbehaviour() == Misbehaviour.GARBAGE
                ? Faults.GARBAGE
                : response.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.flush();
        socket.shutdownOutput();
    }
}
