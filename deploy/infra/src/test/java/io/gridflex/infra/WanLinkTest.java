package io.gridflex.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WanLinkTest {

    private ServerSocket echo;
    private WanLink link;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            socket.getInputStream().transferTo(socket.getOutputStream());
                        } catch (IOException e) {
                            // the test closed it
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        link = WanLink.open(0, echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        link.close();
        echo.close();
    }

    @Test
    void bytesCrossTheLinkBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "telemetry")).isEqualTo("telemetry");
            assertThat(roundTrip(socket, "ack")).isEqualTo("ack");
        }
    }

    @Test
    void aCutClosesOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "up")).isEqualTo("up");

            link.cut();

            assertThat(link.isUp()).isFalse();
            assertThat(before.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket during = connect()) {
            during.getOutputStream().write("lost".getBytes(StandardCharsets.US_ASCII));
            assertThat(readOrEnd(during.getInputStream())).isEqualTo(-1);
        }

        link.restore();

        try (Socket after = connect()) {
            assertThat(roundTrip(after, "back")).isEqualTo("back");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), link.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII);
    }

    /** A connection the link refused ends at once, or is reset. */
    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }
}
