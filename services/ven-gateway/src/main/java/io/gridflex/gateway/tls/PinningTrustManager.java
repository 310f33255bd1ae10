package io.gridflex.gateway.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * Validates a VTN's certificate: first the JDK's own PKIX validation (chain to a trusted CA, validity, key usage,
 * and host-name verification when the connection asks for it, as {@link java.net.http.HttpClient} does), then, when
 * fingerprints are pinned, that the VTN's leaf certificate is one of them. The pin narrows what the CA allows; it
 * never replaces CA validation.
 * <p>
 * A VEN only ever checks servers: asked to check a client, it refuses.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final List<Fingerprint> pins;

    private PinningTrustManager(X509ExtendedTrustManager pkix, List<Fingerprint> pins) {
        this.pkix = pkix;
        this.pins = List.copyOf(pins);
    }

    /**
     * @param trusted the CA certificates a VTN's chain must lead to; empty: the JVM's default trust store
     * @param pins the accepted VTN leaf certificates; empty: any certificate the CAs vouch for
     */
    public static PinningTrustManager create(Optional<List<X509Certificate>> trusted, List<Fingerprint> pins) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            if (trusted.isPresent()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<X509Certificate> certificates = trusted.get();
                for (int i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("ca-" + i, certificates.get(i));
                }
                factory.init(store);
            } else {
                factory.init((KeyStore) null);
            }
            return new PinningTrustManager(pkixOf(factory.getTrustManagers()), pins);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's PKIX trust manager cannot be set up", e);
        }
    }

    public List<Fingerprint> pins() {
        return pins;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        checkPinned(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        checkPinned(chain);
    }

    /** Without a connection there is no host name to verify; used by code outside JSSE only. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        checkPinned(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        refuseClient();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        refuseClient();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        refuseClient();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private void checkPinned(X509Certificate[] chain) throws CertificateException {
        if (pins.isEmpty()) {
            return;
        }
        X509Certificate leaf = chain[0];
        if (pins.stream().noneMatch(pin -> pin.matches(leaf))) {
            throw new CertificateException("VTN certificate " + leaf.getSubjectX500Principal() + " (SHA-256 "
                    + Fingerprint.sha256(leaf) + ") matches none of the pinned fingerprints " + pins);
        }
    }

    private static void refuseClient() throws CertificateException {
        throw new CertificateException("this trust manager checks VTN (server) certificates only");
    }

    private static X509ExtendedTrustManager pkixOf(TrustManager[] managers) {
        return Arrays.stream(managers).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("the JDK's PKIX factory gave no X509ExtendedTrustManager"));
    }
}
