package io.gridflex.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * The stack's second VTN, as a production utility runs one: OpenADR over mutual TLS (TLS 1.2, the OpenADR ECDSA suite,
 * client certificates both ways) with every payload XML-signed both ways. A throwaway certificate authority is made
 * for each run under the stack's data folder (EC P-256 keys, PEM files readable by this user only), so no key lives
 * in the repository. The simulator's admin API and health stay on plain HTTP on loopback, like the first simulator's;
 * the gateway reaches its OpenADR endpoints only over mutual TLS.
 */
final class SecureVtn {

    /** The gateway's program on this VTN. It is not enrolled in dispatch: its events are refused there. */
    static final String PROGRAM = "secure";

    /** The simulator's TLS configuration profile. */
    static final Map<String, String> SIMULATOR_ENVIRONMENT = Map.of("QUARKUS_PROFILE", "prod,tls");

    private final TestPki pki;
    private final Identity vtn;
    private final Identity ven;
    private final int tlsPort;

    private SecureVtn(TestPki pki, Identity vtn, Identity ven, int tlsPort) {
        this.pki = pki;
        this.vtn = vtn;
        this.ven = ven;
        this.tlsPort = tlsPort;
    }

    static SecureVtn create(Path directory, int tlsPort) {
        TestPki pki = TestPki.create(directory, "GridFlex local stack", KeyType.EC);
        return new SecureVtn(pki, pki.server("vtn-secure", KeyType.EC), pki.client("gridflex-ven", KeyType.EC),
                tlsPort);
    }

    /** Where its OpenADR endpoints listen. */
    String openAdrUrl() {
        return "https://127.0.0.1:" + tlsPort + "/OpenADR2/Simple/2.0b";
    }

    Map<String, String> simulatorConfig(ServiceConfigs configs) {
        Map<String, String> config = new LinkedHashMap<>(configs.vtnSimulator());
        config.put("gridflex.vtn.id", "GRIDFLEX-SECURE-VTN");
        config.put("quarkus.http.ssl-port", Integer.toString(tlsPort));
        config.put("quarkus.http.insecure-requests", "enabled");
        config.put("quarkus.tls.openadr.key-store.pem.vtn.cert", vtn.certificate().toString());
        config.put("quarkus.tls.openadr.key-store.pem.vtn.key", vtn.key().toString());
        config.put("quarkus.tls.openadr.trust-store.pem.certs", pki.caCertificate().toString());
        config.put("gridflex.vtn.signature.key", vtn.key().toString());
        config.put("gridflex.vtn.signature.certificate", vtn.certificate().toString());
        config.put("gridflex.vtn.signature.trusted-certificates", ven.certificate().toString());
        return config;
    }

    /** The gateway's program on this VTN: our client certificate, the CA, and signatures both ways. */
    Map<String, String> gatewayProgram() {
        String prefix = "gridflex.gateway.programs." + PROGRAM + ".";
        Map<String, String> config = new LinkedHashMap<>();
        config.put(prefix + "vtn.url", openAdrUrl());
        config.put(prefix + "vtn.expected-id", "GRIDFLEX-SECURE-VTN");
        config.put(prefix + "ven-name", "gridflex-local-secure");
        config.put(prefix + "tls.certificate", ven.certificate().toString());
        config.put(prefix + "tls.key", ven.key().toString());
        config.put(prefix + "tls.trusted-certificates", pki.caCertificate().toString());
        // The keys are EC: the ECDSA suite alone, so the JVM needs no RSA-suite security override.
        config.put(prefix + "tls.cipher-suites", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        config.put(prefix + "signature.key", ven.key().toString());
        config.put(prefix + "signature.certificate", ven.certificate().toString());
        config.put(prefix + "signature.trusted-certificates", vtn.certificate().toString());
        return config;
    }
}
