package io.gridflex.siteagent.miner.discovery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A plain TCP connect, closed at once: the cheapest way to learn whether anything listens on a miner's port. */
final class TcpPortCheck implements FirmwareProbe.PortCheck {

    private final int timeoutMillis;

    TcpPortCheck(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public FirmwareProbe.Port check(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return FirmwareProbe.Port.OPEN;
        } catch (ConnectException e) {
            return FirmwareProbe.Port.CLOSED;
        } catch (SocketTimeoutException e) {
            return FirmwareProbe.Port.SILENT;
        } catch (IOException | RuntimeException e) {
            // No route to the host, unreachable network: nothing answers there, on any port.
            return FirmwareProbe.Port.SILENT;
        }
    }
}
