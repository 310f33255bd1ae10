package io.gridflex.minersim.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;

/** How every dialect carries out a miner's connection-level {@link Misbehaviour}. */
public final class Faults {

    /** What a garbled reply looks like: truncated JSON, binary noise, a shell error. Not JSON, not a status. */
    public static final byte[] GARBAGE = "{\"STAT\u00ff\u0001\u0002 sh: bmminer: Segmentation fault <<<%%%"
            .getBytes(StandardCharsets.ISO_8859_1);

    private Faults() {
    }

    /**
     * Holds a hung connection: reads and discards whatever the client sends until it closes its side or the server
     * is closed. Never answers.
     */
    public static void hang(Socket socket) throws IOException {
        socket.setSoTimeout(0);
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[1024];
        while (in.read(sink) != -1) {
            // A hung miner swallows requests.
        }
    }

    /** Waits the miner's reply delay when it is {@link Misbehaviour#SLOW slow}. */
    public static void delayIfSlow(SimulatedMiner miner) {
        if (miner.misbehaviour() != Misbehaviour.SLOW) {
            return;
        }
        Duration delay = miner.replyDelay();
        if (delay.isPositive()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static boolean refusesCredentials(SimulatedMiner miner) {
        return miner.misbehaviour() == Misbehaviour.REFUSE_CREDENTIALS;
    }
}
