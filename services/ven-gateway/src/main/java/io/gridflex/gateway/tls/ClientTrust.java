package io.gridflex.gateway.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * Which client certificates one push program accepts from its VTN: a chain to the program's
 * {@code tls.trusted-certificates} (the JDK's PKIX validation, with the client-authentication key usage), and, when
 * the program pins fingerprints, a leaf that matches one of them. The same CAs and pins that check the VTN's server
 * certificate: an OpenADR VTN certificate serves both roles.
 */
public final class ClientTrust {

    /** The CAs and pins as read, and the PKIX trust manager made of the CAs. */
    private record Anchors(TrustedCertificates.Material material, X509ExtendedTrustManager pkix) {
    }

    /**
     * The chain PKIX last accepted, under which anchors, and until when all its certificates are valid: the VTN pushes
     * with the same chain each time, and validating it again gives the same answer until the anchors change or a
     * certificate expires (revocation is not checked).
     */
    private record Accepted(Anchors anchors, X509Certificate[] chain, Instant validUntil) {

        static Accepted of(Anchors anchors, X509Certificate[] chain) {
            Instant until = Arrays.stream(chain).map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo)
                    .orElseThrow();
            return new Accepted(anchors, chain.clone(), until);
        }

        boolean stillHolds(Anchors current, X509Certificate[] presented, Instant now) {
            return anchors == current && now.isBefore(validUntil) && Arrays.equals(chain, presented);
        }
    }

    private final WatchedFiles<Anchors> anchors;
    private volatile Accepted lastAccepted;

    private ClientTrust(WatchedFiles<Anchors> anchors) {
        this.anchors = anchors;
    }

    /**
     * Reads the program's trusted certificates and pin file now, and again whenever they change (looked at every
     * {@code certificate-check-interval} at most), so a VTN's CA or pinned certificate can be rotated without a
     * restart.
     *
     * @param key the program's tls prefix, e.g. {@code gridflex.gateway.programs.p1.tls}
     * @throws TlsSetupException when trusted-certificates is not set or unreadable, or a pin is malformed
     */
    public static ClientTrust load(String key, TlsConfig config) {
        if (config.trustedCertificates().isEmpty()) {
            throw new TlsSetupException(key + ".trusted-certificates must be set for a push program: the VTN's client"
                    + " certificate is checked against it");
        }
        return new ClientTrust(TrustedCertificates.watch(key, config,
                material -> new Anchors(material, pkix(material.authorities().orElseThrow())), Anchors::material));
    }

    /**
     * The CAs in use, which the listener's handshake accepts (together with every other push program's); looking
     * first at the file, at most every check interval.
     */
    public List<X509Certificate> authorities() {
        return anchors.current().value().material().authorities().orElseThrow();
    }

    /** Runs after a changed bundle is taken: the listener drops TLS sessions made under the old one. */
    void onChange(Runnable action) {
        anchors.onChange(action);
    }

    /** @return why {@code chain} is refused, or empty when this program trusts it */
    public Optional<String> refusal(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.of("no client certificate");
        }
        X509Certificate leaf = chain[0];
        Anchors trust = anchors.current().value();
        Accepted accepted = lastAccepted;
        if (accepted == null || !accepted.stillHolds(trust, chain, Instant.now())) {
            try {
                trust.pkix().checkClientTrusted(chain, leaf.getPublicKey().getAlgorithm());
            } catch (CertificateException | IllegalArgumentException e) {
                return Optional.of("certificate " + leaf.getSubjectX500Principal() + " does not chain to the program's"
                        + " trusted certificates: " + e.getMessage());
            }
            lastAccepted = Accepted.of(trust, chain);
        }
        List<Fingerprint> pins = trust.material().pins();
        if (!pins.isEmpty() && pins.stream().noneMatch(pin -> pin.matches(leaf))) {
            return Optional.of("certificate " + leaf.getSubjectX500Principal() + " (SHA-256 "
                    + Fingerprint.sha256(leaf) + ") matches none of the program's pinned fingerprints");
        }
        return Optional.empty();
    }

    /** A PKIX trust manager for exactly these CAs. */
    static X509ExtendedTrustManager pkix(List<X509Certificate> authorities) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return Arrays.stream(factory.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the JDK's PKIX factory gave no trust manager"));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's PKIX trust manager cannot be set up", e);
        }
    }
}
