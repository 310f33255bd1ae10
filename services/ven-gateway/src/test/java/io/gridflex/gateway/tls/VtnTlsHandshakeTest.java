package io.gridflex.gateway.tls;

import static io.gridflex.gateway.tls.TestTlsConfig.ECDSA_SUITE;
import static io.gridflex.gateway.tls.TestTlsConfig.RSA_SUITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * Real TLS handshakes on loopback between {@link VtnTls} used as {@link HttpClient} does and a stand-in VTN that
 * requires a client certificate. The test JVM runs with {@code src/main/security/openadr-tls.java.security} (see the
 * pom), so the RSA suite exists; {@link JdkRsaSuiteTest} covers a JVM without it.
 */
class VtnTlsHandshakeTest {

    private static final String KEY = "gridflex.gateway.programs.test.tls";

    private static TestPki pki;
    private static Identity vtnEc;
    private static Identity vtnRsa;
    private static Identity ven;
    private static Identity rogueVtn;
    private static Identity rogueVen;

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(TestPki.inTarget("handshake"), "OpenADR Test", KeyType.EC);
        vtnEc = pki.server("vtn-ec", KeyType.EC);
        vtnRsa = pki.server("vtn-rsa", KeyType.RSA);
        ven = pki.client("ven", KeyType.EC);
        TestPki rogue = TestPki.create(TestPki.inTarget("handshake-rogue"), "Rogue", KeyType.EC);
        rogueVtn = rogue.server("rogue-vtn", KeyType.EC);
        rogueVen = rogue.client("rogue-ven", KeyType.EC);
    }

    @Test
    void theOpenAdrEcdsaSuiteIsNegotiatedOverTls12AndTheVtnSeesOurCertificate() throws Exception {
        try (TestVtn vtn = TestVtn.start(vtnEc, pki)) {
            SSLSession session = call(vtn, config());

            assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
            assertThat(session.getCipherSuite()).isEqualTo(ECDSA_SUITE);
            assertThat(session.getPeerCertificates()[0]).isEqualTo(vtnEc.leaf());
            assertThat(vtn.clients()).containsExactly(ven.leaf());
        }
    }

    @Test
    void theRsaSuiteServesAVtnWithAnRsaCertificate() throws Exception {
        try (TestVtn vtn = TestVtn.start(vtnRsa, pki)) {
            assertThat(call(vtn, config()).getCipherSuite()).isEqualTo(RSA_SUITE);
            assertThat(call(vtn, config().withSuites(RSA_SUITE)).getCipherSuite()).isEqualTo(RSA_SUITE);
            assertThat(vtn.clients()).hasSize(2);
        }
    }

    @Test
    void anRsaVtnIsRefusedWhenOnlyTheEcdsaSuiteIsConfigured() {
        try (TestVtn vtn = TestVtn.start(vtnRsa, pki)) {
            assertThatThrownBy(() -> call(vtn, config().withSuites(ECDSA_SUITE))).isInstanceOf(IOException.class);
            assertThat(vtn.clients()).isEmpty();
        }
    }

    @Test
    void aVtnCertificateFromAnotherCaIsRefused() {
        try (TestVtn vtn = TestVtn.start(rogueVtn, pki)) {
            assertThatThrownBy(() -> call(vtn, config())).isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("PKIX path");
            assertThat(vtn.clients()).isEmpty();
        }
    }

    @Test
    void withoutTrustedCertificatesTheJvmTrustStoreDecidesAndKnowsNoTestCa() {
        try (TestVtn vtn = TestVtn.start(vtnEc, pki)) {
            assertThatThrownBy(() -> call(vtn, config().withTrusted(null))).isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("PKIX path");
            assertThat(vtn.clients()).isEmpty();
        }
    }

    @Test
    void aVtnCertificateForAnotherHostIsRefused() {
        Identity elsewhere = pki.issue("vtn-elsewhere", KeyType.EC, List.of("vtn.example.org"), List.of());
        try (TestVtn vtn = TestVtn.start(elsewhere, pki)) {
            assertThatThrownBy(() -> call(vtn, config())).isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("127.0.0.1");
            assertThat(vtn.clients()).isEmpty();
        }
    }

    @Test
    void aPinMismatchIsRefusedThoughTheCaVouchesForTheVtn() {
        String otherVtn = Fingerprint.sha256(vtnRsa.leaf()).toString();
        try (TestVtn vtn = TestVtn.start(vtnEc, pki)) {
            assertThatThrownBy(() -> call(vtn, config().withPins(otherVtn)))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("matches none of the pinned fingerprints");
            assertThat(vtn.clients()).isEmpty();
        }
    }

    @Test
    void aMatchingPinPassesInEitherFormat() throws Exception {
        String full = Fingerprint.sha256(vtnEc.leaf()).toString();
        String shortPlainLowerCase = HexFormat.of().formatHex(Fingerprint.openLeadr(vtnEc.leaf()).bytes());
        String shortOpenLeadr = Fingerprint.openLeadr(vtnEc.leaf()).toString();
        try (TestVtn vtn = TestVtn.start(vtnEc, pki)) {
            assertThat(call(vtn, config().withPins(full)).getCipherSuite()).isEqualTo(ECDSA_SUITE);
            assertThat(call(vtn, config().withPins(shortPlainLowerCase)).getCipherSuite()).isEqualTo(ECDSA_SUITE);
            assertThat(call(vtn, config().withPins(Fingerprint.sha256(vtnRsa.leaf()).toString(),
                    shortOpenLeadr.toLowerCase(Locale.ROOT))).getCipherSuite()).isEqualTo(ECDSA_SUITE);
            assertThat(vtn.clients()).hasSize(3);
        }
    }

    @Test
    void aVtnRequiringClientAuthenticationRefusesAClientCertificateFromAnotherCaOrNone() {
        try (TestVtn vtn = TestVtn.start(vtnEc, pki)) {
            TestTlsConfig wrongCa = config().withCertificate(rogueVen.certificate()).withKey(rogueVen.key());
            assertThatThrownBy(() -> call(vtn, wrongCa)).isInstanceOf(IOException.class);
            TestTlsConfig none = config().withCertificate(null).withKey(null);
            assertThatThrownBy(() -> call(vtn, none)).isInstanceOf(IOException.class);
            assertThat(vtn.clients()).isEmpty();
        }
    }

    /** A server that picks TLS 1.1: written by hand, since this JDK cannot be made to speak it. */
    @Test
    void aVtnAnsweringWithTls11IsRefused() throws Exception {
        VtnTls tls = VtnTls.load(KEY, config());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> clientHello = CompletableFuture.supplyAsync(() -> answerWithTls11(server));
            try (SSLSocket socket = (SSLSocket) tls.sslContext().getSocketFactory().createSocket("127.0.0.1",
                    server.getLocalPort())) {
                socket.setSSLParameters(tls.sslParameters());
                socket.setSoTimeout(10_000);
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("TLS11");
            }
            // The client offered TLS 1.2 (0x0303) as the highest version in its hello.
            byte[] hello = clientHello.get();
            assertThat(hello[9]).isEqualTo((byte) 3);
            assertThat(hello[10]).isEqualTo((byte) 3);
        }
    }

    private static TestTlsConfig config() {
        return TestTlsConfig.of(ven, pki.caCertificate());
    }

    private static SSLSession call(TestVtn vtn, TestTlsConfig config) throws IOException, InterruptedException {
        VtnTls tls = VtnTls.load(KEY, config);
        try (HttpClient http = tls.applyTo(HttpClient.newBuilder()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(vtn.uri()).timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString("<oadrPayload/>")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
            Optional<SSLSession> session = response.sslSession();
            assertThat(session).isPresent();
            return session.get();
        }
    }

    /** Reads the client's hello record and answers with a TLS 1.1 ServerHello; returns the hello record. */
    private static byte[] answerWithTls11(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(5);
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            byte[] body = in.readNBytes(length);
            byte[] hello = new byte[5 + body.length];
            System.arraycopy(header, 0, hello, 0, 5);
            System.arraycopy(body, 0, hello, 5, body.length);
            // record: handshake, TLS 1.1, 42 bytes; ServerHello (38 bytes): version 3.2, random, no session id,
            // the OpenADR ECDSA suite the client offered, no compression.
            byte[] serverHello = HexFormat.of().parseHex("160302002a" + "02000026" + "0302" + "42".repeat(32)
                    + "00" + "c023" + "00");
            OutputStream out = socket.getOutputStream();
            out.write(serverHello);
            out.flush();
            in.readNBytes(7); // the client's alert, if it sends one before closing
            return hello;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
