package io.gridflex.gateway.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * Which client certificates one push program accepts from its VTN: a chain to the program's
 * {@code tls.trusted-certificates} (the JDK's PKIX validation, with the client-authentication key usage), and, when
 * the program pins fingerprints, a leaf that matches one of them. The same CAs and pins that check the VTN's server
 * certificate: an OpenADR VTN certificate serves both roles.
 */
public final class ClientTrust {

    private final List<X509Certificate> authorities;
    private final X509TrustManager pkix;
    private final List<Fingerprint> pins;

    private ClientTrust(List<X509Certificate> authorities, X509TrustManager pkix, List<Fingerprint> pins) {
        this.authorities = List.copyOf(authorities);
        this.pkix = pkix;
        this.pins = List.copyOf(pins);
    }

    /**
     * @param key the program's tls prefix, e.g. {@code gridflex.gateway.programs.p1.tls}
     * @throws TlsSetupException when trusted-certificates is not set or unreadable, or a pin is malformed
     */
    public static ClientTrust load(String key, TlsConfig config) {
        if (config.trustedCertificates().isEmpty()) {
            throw new TlsSetupException(key + ".trusted-certificates must be set for a push program: the VTN's client"
                    + " certificate is checked against it");
        }
        List<X509Certificate> authorities = TlsFiles.certificates(key + ".trusted-certificates",
                config.trustedCertificates().get());
        List<Fingerprint> pins = new ArrayList<>();
        for (String text : config.pinnedFingerprints().orElse(List.of())) {
            try {
                pins.add(Fingerprint.parse(text));
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(key + ".pinned-fingerprints: " + e.getMessage(), e);
            }
        }
        return new ClientTrust(authorities, pkix(authorities), pins);
    }

    /** The CAs, which the listener's handshake accepts (together with every other push program's). */
    public List<X509Certificate> authorities() {
        return authorities;
    }

    /** @return why {@code chain} is refused, or empty when this program trusts it */
    public Optional<String> refusal(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Optional.of("no client certificate");
        }
        X509Certificate leaf = chain[0];
        try {
            pkix.checkClientTrusted(chain, leaf.getPublicKey().getAlgorithm());
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.of("certificate " + leaf.getSubjectX500Principal() + " does not chain to the program's"
                    + " trusted certificates: " + e.getMessage());
        }
        if (!pins.isEmpty() && pins.stream().noneMatch(pin -> pin.matches(leaf))) {
            return Optional.of("certificate " + leaf.getSubjectX500Principal() + " (SHA-256 "
                    + Fingerprint.sha256(leaf) + ") matches none of the program's pinned fingerprints");
        }
        return Optional.empty();
    }

    /** A PKIX trust manager for exactly these CAs. */
    static X509TrustManager pkix(List<X509Certificate> authorities) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the JDK's PKIX factory gave no trust manager"));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's PKIX trust manager cannot be set up", e);
        }
    }
}
