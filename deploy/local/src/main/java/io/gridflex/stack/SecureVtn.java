package io.gridflex.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * One of the stack's VTNs run as a production utility runs one: OpenADR over mutual TLS (TLS 1.2, the OpenADR ECDSA
 * suite, client certificates both ways), either polled with every payload XML-signed both ways ({@link #pull}), or
 * pushing its messages to the gateway's own mutual-TLS listener ({@link #push}). The certificate authority is made for
 * each run under the stack's data folder (EC P-256 keys, PEM files readable by this user only), so no key lives in
 * the repository. A simulator's admin API and health stay on plain HTTP on loopback, like the first simulator's; the
 * gateway and the simulator reach each other's OpenADR endpoints only over mutual TLS. Neither program is enrolled in
 * dispatch, which refuses their events, so the gateway opts out of them again.
 */
final class SecureVtn {

    /** The gateway's pull program with signatures. */
    static final String PULL_PROGRAM = "secure";
    /** The gateway's push program. */
    static final String PUSH_PROGRAM = "pushed";

    /** The simulator's TLS configuration profile. */
    static final Map<String, String> SIMULATOR_ENVIRONMENT = Map.of("QUARKUS_PROFILE", "prod,tls");

    private static final String ECDSA_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";

    private final TestPki pki;
    private final String program;
    private final String vtnId;
    private final Identity vtn;
    private final Identity ven;
    private final int tlsPort;
    /** The gateway's push listener's port, or 0 for a pull program. */
    private final int pushPort;

    private SecureVtn(TestPki pki, String program, String vtnId, int tlsPort, int pushPort) {
        this.pki = pki;
        this.program = program;
        this.vtnId = vtnId;
        this.vtn = pki.server("vtn-" + program, KeyType.EC);
        this.ven = pki.client("gridflex-ven-" + program, KeyType.EC);
        this.tlsPort = tlsPort;
        this.pushPort = pushPort;
    }

    /** The stack's certificate authority for OpenADR. */
    static TestPki authority(Path directory) {
        return TestPki.create(directory, "GridFlex local stack", KeyType.EC);
    }

    /** A VTN the gateway polls, signatures both ways. */
    static SecureVtn pull(TestPki pki, int tlsPort) {
        return new SecureVtn(pki, PULL_PROGRAM, "GRIDFLEX-SECURE-VTN", tlsPort, 0);
    }

    /** A VTN that pushes to the gateway's listener on {@code pushPort}. */
    static SecureVtn push(TestPki pki, int tlsPort, int pushPort) {
        return new SecureVtn(pki, PUSH_PROGRAM, "GRIDFLEX-PUSH-VTN", tlsPort, pushPort);
    }

    String program() {
        return program;
    }

    boolean pushes() {
        return pushPort != 0;
    }

    /** Where its OpenADR endpoints listen. */
    String openAdrUrl() {
        return "https://127.0.0.1:" + tlsPort + "/OpenADR2/Simple/2.0b";
    }

    Map<String, String> simulatorConfig(ServiceConfigs configs) {
        Map<String, String> config = new LinkedHashMap<>(configs.vtnSimulator());
        config.put("gridflex.vtn.id", vtnId);
        config.put("quarkus.http.ssl-port", Integer.toString(tlsPort));
        config.put("quarkus.http.insecure-requests", "enabled");
        // Its certificate is also the client certificate it pushes with; the CA is what it trusts both ways.
        config.put("quarkus.tls.openadr.key-store.pem.vtn.cert", vtn.certificate().toString());
        config.put("quarkus.tls.openadr.key-store.pem.vtn.key", vtn.key().toString());
        config.put("quarkus.tls.openadr.trust-store.pem.certs", pki.caCertificate().toString());
        if (!pushes()) {
            config.put("gridflex.vtn.signature.key", vtn.key().toString());
            config.put("gridflex.vtn.signature.certificate", vtn.certificate().toString());
            config.put("gridflex.vtn.signature.trusted-certificates", ven.certificate().toString());
        }
        return config;
    }

    /** The gateway's program on this VTN: our client certificate and the CA, and signatures or push. */
    Map<String, String> gatewayProgram() {
        String prefix = "gridflex.gateway.programs." + program + ".";
        Map<String, String> config = new LinkedHashMap<>();
        config.put(prefix + "vtn.url", openAdrUrl());
        config.put(prefix + "vtn.expected-id", vtnId);
        config.put(prefix + "ven-name", "gridflex-local-" + program);
        config.put(prefix + "tls.certificate", ven.certificate().toString());
        config.put(prefix + "tls.key", ven.key().toString());
        config.put(prefix + "tls.trusted-certificates", pki.caCertificate().toString());
        // The keys are EC: the ECDSA suite alone, so the JVM needs no RSA-suite security override.
        config.put(prefix + "tls.cipher-suites", ECDSA_SUITE);
        if (pushes()) {
            Identity listener = pki.server("gateway-push", KeyType.EC);
            config.put(prefix + "transport", "push");
            config.put("gridflex.gateway.push.port", Integer.toString(pushPort));
            config.put("gridflex.gateway.push.host", "127.0.0.1");
            config.put("gridflex.gateway.push.public-url", "https://127.0.0.1:" + pushPort);
            config.put("gridflex.gateway.push.certificate", listener.certificate().toString());
            config.put("gridflex.gateway.push.key", listener.key().toString());
            config.put("gridflex.gateway.push.cipher-suites", ECDSA_SUITE);
        } else {
            config.put(prefix + "signature.key", ven.key().toString());
            config.put(prefix + "signature.certificate", ven.certificate().toString());
            config.put(prefix + "signature.trusted-certificates", vtn.certificate().toString());
        }
        return config;
    }
}
