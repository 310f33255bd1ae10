package io.gridflex.vtnsim.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.vtnsim.VtnTestClient;
import io.gridflex.vtnsim.tls.MutualTlsProfile.Pki;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The simulator's HTTPS with client certificates required, exercised by real TLS clients on loopback. */
@QuarkusTest
@TestProfile(MutualTlsProfile.class)
class MutualTlsTest {

    private static final String ECDSA_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";

    @Test
    void aVenWithACertificateOfTheTrustedCaIsAnsweredOverTls12WithTheOpenAdrSuite() throws Exception {
        HttpResponse<String> response = post(Pki.CA.sslContext(Pki.VEN), parameters(ECDSA_SUITE));

        assertThat(response.statusCode()).isEqualTo(200);
        OadrCreatedPartyRegistrationType created = VtnTestClient.CODEC.unmarshal(response.body())
                .getOadrSignedObject().getOadrCreatedPartyRegistration();
        assertThat(created.getVtnID()).isEqualTo("gridflex-vtn-sim");
        SSLSession session = response.sslSession().orElseThrow();
        assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
        assertThat(session.getCipherSuite()).isEqualTo(ECDSA_SUITE);
        assertThat(session.getPeerCertificates()[0]).isEqualTo(Pki.VTN.leaf());
    }

    @Test
    void aVenWithoutCertificateIsRefused() {
        assertThatThrownBy(() -> post(Pki.CA.sslContext(), parameters(ECDSA_SUITE))).isInstanceOf(IOException.class);
    }

    @Test
    void aVenWithACertificateOfAnotherCaIsRefused() {
        // Trusts the VTN, presents a certificate the VTN's CA never issued.
        SSLContext context = Pki.CA.sslContext(Pki.ROGUE_VEN);
        assertThatThrownBy(() -> post(context, parameters(ECDSA_SUITE))).isInstanceOf(IOException.class);
    }

    @Test
    void aSuiteOutsideOpenAdrsIsRefused() {
        SSLParameters gcmOnly = parameters("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> post(Pki.CA.sslContext(Pki.VEN), gcmOnly)).isInstanceOf(IOException.class);
    }

    /** A hand-written TLS 1.1 ClientHello: this JDK will not send one. The VTN answers with an alert. */
    @Test
    void aTls11ClientHelloIsRefusedWithAProtocolVersionAlert() throws IOException {
        // record: handshake, TLS 1.0 record layer, 47 bytes; ClientHello (43 bytes): version 3.2, random, no session
        // id, suites TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA and TLS_RSA_WITH_AES_128_CBC_SHA, null compression.
        byte[] hello = HexFormat.of().parseHex("160301002f" + "0100002b" + "0302" + "42".repeat(32) + "00"
                + "0004c009002f" + "0100");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sslPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] alert = in.readNBytes(7);
            assertThat(alert).hasSize(7);
            assertThat(alert[0]).as("record type alert").isEqualTo((byte) 0x15);
            assertThat(alert[5]).as("level fatal").isEqualTo((byte) 2);
            assertThat(alert[6]).as("protocol_version").isEqualTo((byte) 70);
        }
    }

    private static SSLParameters parameters(String suite) {
        SSLParameters parameters = new SSLParameters(new String[]{suite}, new String[]{"TLSv1.2"});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private static HttpResponse<String> post(SSLContext context, SSLParameters parameters)
            throws IOException, InterruptedException {
        URI uri = URI.create("https://127.0.0.1:" + sslPort() + VtnTestClient.BASE + "EiRegisterParty");
        String body = VtnTestClient.CODEC.marshal(OadrMessages.queryRegistration(VtnTestClient.requestId()));
        try (HttpClient http = HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()) {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static int sslPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }
}
