package io.gridflex.vtnsim.tls;

import java.util.Map;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The simulator as a production VTN runs it: the {@code tls} configuration profile of application.properties, with
 * PEM files of a throwaway PKI generated under {@code target/} before the application starts.
 */
public class MutualTlsProfile implements QuarkusTestProfile {

    /** Generated once per JVM: Quarkus asks for the overrides before it starts the application. */
    static final class Pki {

        static final TestPki CA = TestPki.create(TestPki.inTarget("vtn-tls"), "VTN Test", KeyType.EC);
        static final Identity VTN = CA.server("vtn", KeyType.EC);
        static final Identity VEN = CA.client("ven", KeyType.EC);
        static final TestPki ROGUE = TestPki.create(TestPki.inTarget("vtn-tls-rogue"), "Rogue", KeyType.EC);
        static final Identity ROGUE_VEN = ROGUE.client("rogue-ven", KeyType.EC);

        private Pki() {
        }
    }

    @Override
    public String getConfigProfile() {
        return "test,tls";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.tls.openadr.key-store.pem.vtn.cert", Pki.VTN.certificate().toString(),
                "quarkus.tls.openadr.key-store.pem.vtn.key", Pki.VTN.key().toString(),
                "quarkus.tls.openadr.trust-store.pem.certs", Pki.CA.caCertificate().toString(),
                "quarkus.http.test-ssl-port", "0");
    }
}
