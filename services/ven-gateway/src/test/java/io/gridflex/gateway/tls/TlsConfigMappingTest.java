package io.gridflex.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The keys and defaults of {@link TlsConfig} as SmallRye maps them, nested as the programs will nest it. */
class TlsConfigMappingTest {

    @ConfigMapping(prefix = "gridflex.gateway.programs.p1")
    interface Program {

        TlsConfig tls();
    }

    @Test
    void defaultsAreOpenAdrsSuitesOverTls12() {
        TlsConfig tls = map(Map.of()).tls();

        assertThat(tls.cipherSuites()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_RSA_WITH_AES_128_CBC_SHA256");
        assertThat(tls.protocols()).containsExactly("TLSv1.2");
        assertThat(tls.certificate()).isEmpty();
        assertThat(tls.key()).isEmpty();
        assertThat(tls.trustedCertificates()).isEmpty();
        assertThat(tls.pinnedFingerprints()).isEmpty();
        assertThat(tls.pinnedFingerprintsFile()).isEmpty();
    }

    @Test
    void everyKeyIsKebabCase() {
        String prefix = "gridflex.gateway.programs.p1.tls.";
        TlsConfig tls = map(Map.of(prefix + "certificate", "/etc/gridflex/vtn-a/tls.crt",
                prefix + "key", "/etc/gridflex/vtn-a/tls.key",
                prefix + "trusted-certificates", "/etc/gridflex/vtn-a/ca.crt",
                prefix + "pinned-fingerprints", "E6:0C:FE:2F:56:53:64:EA:EC:35,e60cfe2f565364eaec35",
                prefix + "pinned-fingerprints-file", "/etc/gridflex/vtn-a/pins",
                prefix + "cipher-suites", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                prefix + "protocols", "TLSv1.3,TLSv1.2")).tls();

        assertThat(tls.certificate()).contains(Path.of("/etc/gridflex/vtn-a/tls.crt"));
        assertThat(tls.key()).contains(Path.of("/etc/gridflex/vtn-a/tls.key"));
        assertThat(tls.trustedCertificates()).contains(Path.of("/etc/gridflex/vtn-a/ca.crt"));
        assertThat(tls.pinnedFingerprints()).hasValueSatisfying(
                pins -> assertThat(pins).containsExactly("E6:0C:FE:2F:56:53:64:EA:EC:35", "e60cfe2f565364eaec35"));
        assertThat(tls.pinnedFingerprintsFile()).contains(Path.of("/etc/gridflex/vtn-a/pins"));
        assertThat(tls.cipherSuites()).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    private static Program map(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(Program.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(Program.class);
    }
}
