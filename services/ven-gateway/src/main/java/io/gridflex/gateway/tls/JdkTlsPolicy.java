package io.gridflex.gateway.tls;

import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

/**
 * Checks configured protocols and cipher suites against OpenADR's floor (TLS 1.2) and against what this JVM will
 * actually negotiate. The JDK accepts a disabled suite in {@code setEnabledCipherSuites} without a word and only fails
 * the handshake later; checking the context's supported list at startup turns that into a clear error.
 */
final class JdkTlsPolicy {

    /** OpenADR 2.0b requires TLS 1.2; anything older is refused even if a JVM would still speak it. */
    static final Set<String> ACCEPTED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private static final String DISABLED_ALGORITHMS = "jdk.tls.disabledAlgorithms";

    private JdkTlsPolicy() {
    }

    static void checkProtocols(String key, List<String> protocols, SSLContext context) {
        if (protocols.isEmpty()) {
            throw new TlsSetupException(key + ".protocols: empty; OpenADR 2.0b needs TLSv1.2");
        }
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        for (String protocol : protocols) {
            if (!ACCEPTED_PROTOCOLS.contains(protocol)) {
                throw new TlsSetupException(key + ".protocols: " + protocol
                        + " is refused; OpenADR 2.0b requires TLS 1.2 or later (TLSv1.2, TLSv1.3)");
            }
            if (!supported.contains(protocol)) {
                throw new TlsSetupException(key + ".protocols: " + protocol + " is disabled in this JVM ("
                        + DISABLED_ALGORITHMS + ")");
            }
        }
    }

    static void checkCipherSuites(String key, List<String> suites, List<String> protocols, SSLContext context) {
        if (suites.isEmpty()) {
            throw new TlsSetupException(key + ".cipher-suites: empty");
        }
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        for (String suite : suites) {
            if (!supported.contains(suite)) {
                throw new TlsSetupException(key + ".cipher-suites: " + suite + " " + whyUnavailable(suite));
            }
        }
        boolean tls12Usable = protocols.contains("TLSv1.2") && suites.stream().anyMatch(suite -> !isTls13(suite));
        boolean tls13Usable = protocols.contains("TLSv1.3") && suites.stream().anyMatch(JdkTlsPolicy::isTls13);
        if (!tls12Usable && !tls13Usable) {
            throw new TlsSetupException(key + ".cipher-suites " + suites + " fit none of " + key + ".protocols "
                    + protocols + " (TLS 1.3 has suites of its own, TLS_AES_* and TLS_CHACHA20_*)");
        }
    }

    /** Whether the security property disables {@code suite}, by name or by a {@code PREFIX*} pattern (JDK 24+). */
    static boolean disabledByPolicy(String suite) {
        String property = Security.getProperty(DISABLED_ALGORITHMS);
        if (property == null) {
            return false;
        }
        return Arrays.stream(property.split(",")).map(String::strip).map(entry -> entry.split("\\s+")[0])
                .anyMatch(entry -> entry.equals(suite)
                        || entry.endsWith("*") && suite.startsWith(entry.substring(0, entry.length() - 1)));
    }

    private static String whyUnavailable(String suite) {
        if (disabledByPolicy(suite)) {
            return "is disabled in this JVM (Java " + Runtime.version() + ") by the security property "
                    + DISABLED_ALGORITHMS + " (JDK 24 and later disable TLS_RSA_*). Re-enable it for the whole JVM "
                    + "with -Djava.security.properties=<file> as the ven-gateway README shows, or, if this VTN has "
                    + "an ECC certificate, list only TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
        }
        return "is not a cipher suite this JVM supports (misspelt? names are JSSE's, e.g. "
                + "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256)";
    }

    private static boolean isTls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }
}
