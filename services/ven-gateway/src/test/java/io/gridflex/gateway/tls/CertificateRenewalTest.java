package io.gridflex.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * A renewed certificate, as cert-manager writes it over the mounted files, is presented from the next handshake on,
 * by a VTN connection and by the push listener, without a restart; a broken or mismatched pair is not taken. A VTN's
 * rotated CA bundle is trusted the same way, by VTN connections and by the push listener, and so is a changed file of
 * pinned fingerprints.
 */
class CertificateRenewalTest {

    private static final String KEY = "gridflex.gateway.programs.test.tls";

    private static TestPki pki;
    private static Identity vtn;
    private static Identity venFirst;
    private static Identity venRenewed;
    private static Identity listenerFirst;
    private static Identity listenerRenewed;

    @BeforeAll
    static void issueCertificates() {
        pki = TestPki.create(TestPki.inTarget("renewal"), "OpenADR Renewal Test", KeyType.EC);
        vtn = pki.server("vtn", KeyType.EC);
        venFirst = pki.client("ven-first", KeyType.EC);
        venRenewed = pki.client("ven-renewed", KeyType.EC);
        listenerFirst = pki.server("listener-first", KeyType.EC);
        listenerRenewed = pki.server("listener-renewed", KeyType.EC);
    }

    @Test
    void aRenewedPairIsTakenWhenItsFilesChangeAndOnlyThen() throws IOException {
        Mounted mounted = Mounted.of("identity-unit", venFirst);
        AtomicLong nanos = new AtomicLong();
        RotatingIdentity identity = RotatingIdentity.load(KEY + ".certificate", mounted.certificate(),
                KEY + ".key", mounted.key(), Duration.ofSeconds(60), nanos::get);
        int[] renewals = {0};
        identity.onRenewal(() -> renewals[0]++);
        assertThat(identity.current().value().leaf()).isEqualTo(venFirst.leaf());

        mounted.renewWith(venRenewed);
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(identity.current().value().leaf()).as("not looked at before the interval")
                .isEqualTo(venFirst.leaf());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        WatchedFiles.Generation<ClientIdentity> renewed = identity.current();

        assertThat(renewed.value().leaf()).isEqualTo(venRenewed.leaf());
        assertThat(renewed.number()).isEqualTo(2);
        assertThat(renewals[0]).isOne();
        // The pair it replaced is still known, for a handshake that chose it just before.
        assertThat(identity.generation(1)).get().extracting(ClientIdentity::leaf).isEqualTo(venFirst.leaf());
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(identity.current().number()).as("unchanged files: no new generation").isEqualTo(2);
        assertThat(renewals[0]).isOne();
    }

    @Test
    void aBrokenOrMismatchedRenewalIsNotTakenAndTheNextGoodOneIs() throws IOException {
        Mounted mounted = Mounted.of("identity-broken", venFirst);
        AtomicLong nanos = new AtomicLong();
        RotatingIdentity identity = RotatingIdentity.load(KEY + ".certificate", mounted.certificate(),
                KEY + ".key", mounted.key(), Duration.ofSeconds(1), nanos::get);

        // The certificate renewed but the key still the old one (a half-written secret): kept as it was.
        mounted.write(venRenewed.certificate(), venFirst.key());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(identity.current().value().leaf()).isEqualTo(venFirst.leaf());
        // Not PEM at all, then missing: kept as it was.
        Files.writeString(mounted.certificate(), "not a certificate", StandardCharsets.US_ASCII);
        mounted.touch();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(identity.current().value().leaf()).isEqualTo(venFirst.leaf());
        Files.delete(mounted.certificate());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(identity.current().value().leaf()).isEqualTo(venFirst.leaf());
        // The whole pair arrives: taken.
        mounted.renewWith(venRenewed);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(identity.current().value().leaf()).isEqualTo(venRenewed.leaf());
        assertThat(identity.current().number()).isEqualTo(2);
    }

    @Test
    void aVtnConnectionPresentsTheRenewedCertificateWithoutARestart() throws Exception {
        Mounted mounted = Mounted.of("client", venFirst);
        TestTlsConfig config = TestTlsConfig.of(venFirst, pki.caCertificate())
                .withCertificate(mounted.certificate()).withKey(mounted.key());
        VtnTls tls = VtnTls.load(KEY, config);
        try (TestVtn server = TestVtn.start(vtn, pki)) {
            call(tls, server.uri());
            mounted.renewWith(venRenewed);
            call(tls, server.uri());

            assertThat(server.clients()).containsExactly(venFirst.leaf(), venRenewed.leaf());
        }
    }

    @Test
    void aVtnsRotatedCaIsTrustedOnceTheBundleChangesAndARetiredOneNoLonger() throws Exception {
        TestPki rotated = TestPki.create(TestPki.inTarget("renewal-rotated-ca"), "OpenADR Rotated CA", KeyType.EC);
        Identity vtnUnderNewCa = rotated.server("vtn", KeyType.EC);
        Path bundle = Files.createDirectories(TestPki.inTarget("renewal-mounts").resolve("trust")).resolve("ca.crt");
        writeBundle(bundle, pki.caCertificate());
        VtnTls tls = VtnTls.load(KEY, TestTlsConfig.of(venFirst, bundle));
        try (TestVtn before = TestVtn.start(vtn, pki); TestVtn after = TestVtn.start(vtnUnderNewCa, pki)) {
            call(tls, before.uri());
            assertThatThrownBy(() -> call(tls, after.uri())).as("a CA not in the bundle yet")
                    .isInstanceOf(SSLHandshakeException.class);

            // The operator adds the VTN's new CA next to the old one, as a rotation begins.
            writeBundle(bundle, pki.caCertificate(), rotated.caCertificate());
            call(tls, after.uri());
            call(tls, before.uri());

            // A garbled bundle is not taken: the trust in use stays.
            Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
            touch(bundle);
            call(tls, after.uri());

            // The rotation ends: the old CA is retired, and a session made under it is not resumed past the change.
            writeBundle(bundle, rotated.caCertificate());
            call(tls, after.uri());
            assertThatThrownBy(() -> call(tls, before.uri())).as("the retired CA")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aPushingClientsChainAcceptedBeforeIsRefusedOnceItsCaIsRetired() throws Exception {
        TestPki rotated = TestPki.create(TestPki.inTarget("renewal-client-trust-ca"), "OpenADR Client Trust CA",
                KeyType.EC);
        Path bundle = Files.createDirectories(TestPki.inTarget("renewal-mounts").resolve("client-trust"))
                .resolve("ca.crt");
        writeBundle(bundle, pki.caCertificate());
        ClientTrust trust = ClientTrust.load(KEY, TestTlsConfig.of(venFirst, bundle));
        X509Certificate[] chain = vtn.chain().toArray(X509Certificate[]::new);

        assertThat(trust.refusal(chain)).isEmpty();
        assertThat(trust.refusal(chain)).as("the same chain again").isEmpty();

        writeBundle(bundle, rotated.caCertificate());
        assertThat(trust.refusal(chain)).as("the chain under a retired CA").get(InstanceOfAssertFactories.STRING)
                .contains("does not chain to the program's trusted certificates");
        assertThat(trust.refusal(rotated.client("vtn-next", KeyType.EC).chain().toArray(X509Certificate[]::new)))
                .isEmpty();
    }

    @Test
    void aPinnedVtnCertificateIsRotatedThroughThePinFileWithoutARestart() throws Exception {
        Identity vtnNext = pki.server("vtn-next", KeyType.EC);
        Path bundle = Files.createDirectories(TestPki.inTarget("renewal-mounts").resolve("pins")).resolve("ca.crt");
        writeBundle(bundle, pki.caCertificate());
        Path pins = bundle.resolveSibling("vtn.pins");
        writePins(pins, "# the VTN's certificate in use", Fingerprint.sha256(vtn.leaf()).toString());
        VtnTls tls = VtnTls.load(KEY, TestTlsConfig.of(venFirst, bundle).withPinFile(pins));
        try (TestVtn current = TestVtn.start(vtn, pki); TestVtn next = TestVtn.start(vtnNext, pki)) {
            call(tls, current.uri());
            assertThatThrownBy(() -> call(tls, next.uri())).as("the same CA, but not pinned yet")
                    .isInstanceOf(SSLHandshakeException.class);

            // The operator pins the VTN's next certificate beside the current one, as openssl prints it.
            writePins(pins, Fingerprint.sha256(vtn.leaf()).toString(),
                    "sha256 Fingerprint=" + Fingerprint.sha256(vtnNext.leaf()));
            call(tls, next.uri());
            call(tls, current.uri());
            assertThat(tls.pinnedFingerprints()).containsExactly(Fingerprint.sha256(vtn.leaf()),
                    Fingerprint.sha256(vtnNext.leaf()));

            // An emptied file would trust any certificate of the CA: it is not taken, the pins in use stay.
            writePins(pins, "# emptied by mistake");
            call(tls, current.uri());
            assertThat(tls.pinnedFingerprints()).hasSize(2);

            // The rotation ends: the old certificate is unpinned, and a session made with it is not resumed.
            writePins(pins, Fingerprint.openLeadr(vtnNext.leaf()).toString());
            call(tls, next.uri());
            assertThatThrownBy(() -> call(tls, current.uri())).as("the retired certificate")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void thePushListenerTakesAChangedPinFileForTheVtnsClientCertificate() throws Exception {
        Identity vtnClient = pki.client("vtn-client", KeyType.EC);
        Identity vtnClientNext = pki.client("vtn-client-next", KeyType.EC);
        Path bundle = Files.createDirectories(TestPki.inTarget("renewal-mounts").resolve("push-pins"))
                .resolve("ca.crt");
        writeBundle(bundle, pki.caCertificate());
        Path pins = bundle.resolveSibling("vtn.pins");
        writePins(pins, Fingerprint.sha256(vtnClient.leaf()).toString());
        ClientTrust program = ClientTrust.load(KEY, TestTlsConfig.of(venFirst, bundle).withPinFile(pins));
        X509Certificate[] current = vtnClient.chain().toArray(X509Certificate[]::new);
        X509Certificate[] next = vtnClientNext.chain().toArray(X509Certificate[]::new);
        assertThat(program.refusal(current)).isEmpty();
        assertThat(program.refusal(next)).hasValueSatisfying(
                why -> assertThat(why).contains("matches none of the program's pinned fingerprints"));

        writePins(pins, Fingerprint.sha256(vtnClient.leaf()).toString(),
                Fingerprint.sha256(vtnClientNext.leaf()).toString());
        assertThat(program.refusal(next)).isEmpty();

        writePins(pins, "not a fingerprint");
        assertThat(program.refusal(next)).as("a garbled file is not taken").isEmpty();
        assertThat(program.refusal(current)).isEmpty();

        writePins(pins, Fingerprint.sha256(vtnClientNext.leaf()).toString());
        assertThat(program.refusal(next)).isEmpty();
        assertThat(program.refusal(current)).isPresent();
    }

    private static void writePins(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
        touch(file);
    }

    private static void writeBundle(Path bundle, Path... certificates) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (Path certificate : certificates) {
            pem.append(Files.readString(certificate));
        }
        Files.writeString(bundle, pem);
        touch(bundle);
    }

    private static void touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(STAMPS.incrementAndGet())));
    }

    @Test
    void thePushListenerPresentsTheRenewedCertificateWithoutARestart() throws Exception {
        Mounted mounted = Mounted.of("listener", listenerFirst);
        Path bundle = Files.createDirectories(TestPki.inTarget("renewal-mounts").resolve("push-ca")).resolve("ca.crt");
        writeBundle(bundle, pki.caCertificate());
        ListenerTls tls = listener(mounted, ClientTrust.load(KEY, TestTlsConfig.of(venFirst, bundle)));
        HttpsServer server = serve(tls);
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            // One client context for both: it would resume its session with the first certificate if it could.
            SSLContext client = pki.sslContext(vtn);
            assertThat(serverCertificate(client, uri)).isEqualTo(listenerFirst.leaf());

            mounted.renewWith(listenerRenewed);

            assertThat(serverCertificate(client, uri)).isEqualTo(listenerRenewed.leaf());
            assertThat(tls.certificate()).isEqualTo(listenerRenewed.leaf());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void thePushListenerTrustsAVtnUnderARotatedCaOnceTheBundleChangesAndARetiredOneNoLonger() throws Exception {
        TestPki rotated = TestPki.create(TestPki.inTarget("renewal-push-rotated-ca"), "OpenADR Rotated Push CA",
                KeyType.EC);
        Identity vtnUnderNewCa = rotated.client("vtn", KeyType.EC);
        Path bundle = Files.createDirectories(TestPki.inTarget("renewal-mounts").resolve("push-rotation"))
                .resolve("ca.crt");
        writeBundle(bundle, pki.caCertificate());
        ClientTrust program = ClientTrust.load(KEY, TestTlsConfig.of(venFirst, bundle));
        HttpsServer server = serve(listener(Mounted.of("listener-rotation", listenerFirst), program));
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            // Each VTN keeps its client context, so it resumes its TLS session whenever the listener lets it.
            SSLContext before = pki.sslContext(vtn);
            SSLContext after = pki.sslContext(vtnUnderNewCa);
            serverCertificate(before, uri);
            assertThatThrownBy(() -> serverCertificate(after, uri)).as("a CA not in the bundle yet")
                    .isInstanceOf(IOException.class);
            assertThat(program.refusal(vtnUnderNewCa.chain().toArray(X509Certificate[]::new))).isPresent();

            // The operator adds the VTN's new CA next to the old one, as a rotation begins.
            writeBundle(bundle, pki.caCertificate(), rotated.caCertificate());
            serverCertificate(after, uri);
            serverCertificate(before, uri);
            assertThat(program.refusal(vtnUnderNewCa.chain().toArray(X509Certificate[]::new))).isEmpty();

            // A garbled bundle is not taken: the trust in use stays.
            Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
            touch(bundle);
            serverCertificate(after, uri);

            // The rotation ends: the old CA is retired. A new connection under it fails its handshake; one that
            // resumes an earlier TLS session (the JDK resumes from a stateless ticket, whatever the server's cache)
            // reaches the listener, whose check of every request (PushEndpoint) refuses it with 403.
            writeBundle(bundle, rotated.caCertificate());
            serverCertificate(after, uri);
            assertThatThrownBy(() -> serverCertificate(pki.sslContext(vtn), uri)).as("the retired CA")
                    .isInstanceOf(IOException.class);
            assertThat(program.refusal(vtn.chain().toArray(X509Certificate[]::new))).isPresent();
            assertThat(program.refusal(vtnUnderNewCa.chain().toArray(X509Certificate[]::new))).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    private static ListenerTls listener(Mounted mounted, ClientTrust program) {
        return ListenerTls.load("gridflex.gateway.push", java.util.Optional.of(mounted.certificate()),
                java.util.Optional.of(mounted.key()), List.of(program), List.of("TLSv1.2"),
                List.of(TestTlsConfig.ECDSA_SUITE), Duration.ZERO);
    }

    /** An HTTPS server on the listener's TLS answering "ok", as the push listener sets it up. */
    private static HttpsServer serve(ListenerTls tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()) {

            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setSSLParameters(tls.sslParameters());
            }
        });
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.start();
        return server;
    }

    @Test
    void aMissingFileStillFailsAtStartup() throws IOException {
        Mounted mounted = Mounted.of("startup", venFirst);
        Files.delete(mounted.key());

        assertThatThrownBy(() -> RotatingIdentity.load(KEY + ".certificate", mounted.certificate(), KEY + ".key",
                mounted.key(), Duration.ofMinutes(1))).isInstanceOf(TlsSetupException.class)
                .hasMessageContaining(KEY + ".key");
    }

    /** A request as VtnClient makes it: the files looked at first, then a connection of a new client. */
    private static void call(VtnTls tls, URI uri) throws Exception {
        tls.refresh();
        try (HttpClient http = tls.applyTo(HttpClient.newBuilder()).version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString("<oadrPayload/>")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    /** The certificate a new connection of {@code context} (a VTN's, trusting the test CA) is shown. */
    private static X509Certificate serverCertificate(SSLContext context, URI uri) throws Exception {
        SSLParameters parameters = new SSLParameters(new String[]{TestTlsConfig.ECDSA_SUITE},
                new String[]{"TLSv1.2"});
        try (HttpClient http = HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("ok");
            return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        }
    }

    /** A certificate and key at fixed paths, as a mounted secret; renewal writes new files over them. */
    private record Mounted(Path certificate, Path key) {

        static Mounted of(String name, Identity first) throws IOException {
            Path directory = Files.createDirectories(TestPki.inTarget("renewal-mounts").resolve(name));
            Mounted mounted = new Mounted(directory.resolve("tls.crt"), directory.resolve("tls.key"));
            mounted.write(first.certificate(), first.key());
            return mounted;
        }

        void renewWith(Identity renewed) throws IOException {
            write(renewed.certificate(), renewed.key());
        }

        void write(Path certificateSource, Path keySource) throws IOException {
            Files.copy(certificateSource, certificate, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(keySource, key, StandardCopyOption.REPLACE_EXISTING);
            touch();
        }

        /** A later modification time than any before, whatever the file system's clock granularity. */
        void touch() throws IOException {
            FileTime later = FileTime.from(Instant.now().plusSeconds(STAMPS.incrementAndGet()));
            for (Path file : List.of(certificate, key)) {
                if (Files.exists(file)) {
                    Files.setLastModifiedTime(file, later);
                }
            }
        }
    }

    private static final AtomicLong STAMPS = new AtomicLong();
}
