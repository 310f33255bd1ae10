package io.gridflex.gateway.tls;

import static io.gridflex.gateway.tls.TestTlsConfig.RSA_SUITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * The JDK finding behind the RSA suite: on JDK 24+ {@code TLS_RSA_WITH_AES_128_CBC_SHA256} is disabled by
 * {@code jdk.tls.disabledAlgorithms}. The test JVM runs with the override file (see the pom); a second JVM started
 * here without it shows the JDK's default behaviour: a real handshake with only that suite fails, and
 * {@link VtnTls#load} refuses the default configuration at startup, naming the cause, while an ECDSA-only
 * configuration loads.
 */
class JdkRsaSuiteTest {

    @Test
    void theOverrideFileReenablesExactlyTheOpenAdrRsaSuiteInTheTestJvm() throws Exception {
        assertThat(JdkTlsPolicy.disabledByPolicy(RSA_SUITE)).isFalse();
        assertThat(JdkTlsPolicy.disabledByPolicy("TLS_RSA_WITH_AES_128_GCM_SHA256")).isTrue();
        assertThat(JdkTlsPolicy.disabledByPolicy("TLS_RSA_WITH_AES_256_CBC_SHA256")).isTrue();
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).contains("TLSv1.1");

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        assertThat(context.getSupportedSSLParameters().getCipherSuites()).filteredOn(s -> s.startsWith("TLS_RSA_"))
                .containsExactly(RSA_SUITE);
    }

    @Test
    void withoutTheOverrideTheJdkRefusesTheRsaSuiteAndVtnTlsSaysSoAtStartup() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), TestPki.inTarget("jdk-rsa").toString()).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(output).contains("java.version=" + Runtime.version().feature());
        if (Runtime.version().feature() < 24) {
            return; // Older JDKs keep TLS_RSA_* enabled; nothing to refuse.
        }
        assertThat(output).contains("supported=false")
                .contains("handshake refused: No appropriate protocol (protocol is disabled or cipher suites are "
                        + "inappropriate)")
                .contains("default load refused: gridflex.gateway.programs.probe.tls.cipher-suites: " + RSA_SUITE
                        + " is disabled in this JVM")
                .contains("jdk.tls.disabledAlgorithms (JDK 24 and later disable TLS_RSA_*)")
                .contains("ecdsa-only load: ok");
    }

    /** Runs in a JVM of the JDK's own security settings; prints what it finds, one line each. */
    public static final class Probe {

        public static void main(String[] arguments) throws Exception {
            System.out.println("java.version=" + Runtime.version().feature());
            TestPki pki = TestPki.create(Path.of(arguments[0]), "JDK probe", KeyType.RSA);
            Identity vtn = pki.server("vtn", KeyType.RSA);
            Identity ven = pki.client("ven", KeyType.EC);

            SSLContext plain = SSLContext.getInstance("TLS");
            plain.init(null, null, null);
            System.out.println("supported=" + List.of(plain.getSupportedSSLParameters().getCipherSuites())
                    .contains(RSA_SUITE));
            System.out.println(handshakeWithOnlyTheRsaSuite(pki, vtn));

            TestTlsConfig config = TestTlsConfig.of(ven, pki.caCertificate());
            try {
                VtnTls.load("gridflex.gateway.programs.probe.tls", config);
                System.out.println("default load: ok");
            } catch (TlsSetupException e) {
                System.out.println("default load refused: " + e.getMessage());
            }
            VtnTls.load("gridflex.gateway.programs.probe.tls", config.withSuites(TestTlsConfig.ECDSA_SUITE));
            System.out.println("ecdsa-only load: ok");
        }

        private static String handshakeWithOnlyTheRsaSuite(TestPki pki, Identity vtn) throws Exception {
            SSLContext context = pki.sslContext(vtn);
            try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                    InetAddress.getLoopbackAddress())) {
                CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                    try (SSLSocket peer = (SSLSocket) server.accept()) {
                        peer.setSoTimeout(10_000);
                        peer.startHandshake();
                    } catch (IOException e) {
                        // The client gives up before the server gets anywhere.
                    }
                });
                List<String> lines = new ArrayList<>();
                try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                        server.getLocalPort())) {
                    client.setSoTimeout(10_000);
                    client.setEnabledProtocols(new String[]{"TLSv1.2"});
                    client.setEnabledCipherSuites(new String[]{RSA_SUITE});
                    client.startHandshake();
                    lines.add("handshake ok: " + client.getSession().getCipherSuite());
                } catch (IOException e) {
                    lines.add("handshake refused: " + e.getMessage());
                }
                accepted.get(20, TimeUnit.SECONDS);
                return String.join("\n", lines);
            }
        }
    }
}
