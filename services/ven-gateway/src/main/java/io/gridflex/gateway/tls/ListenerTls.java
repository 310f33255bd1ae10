package io.gridflex.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The TLS of the push listener, the VEN's own HTTPS server: its certificate and key (PEM), client certificates
 * required and checked in the handshake against the CAs of every push program (which program a request is for, and
 * whether that program trusts the certificate, is decided per request by {@link ClientTrust}), and OpenADR's
 * protocols and suites, checked against this JVM as for a VTN connection.
 */
public final class ListenerTls {

    private final SSLContext context;
    private final SSLParameters parameters;
    private final X509Certificate certificate;

    private ListenerTls(SSLContext context, SSLParameters parameters, X509Certificate certificate) {
        this.context = context;
        this.parameters = parameters;
        this.certificate = certificate;
    }

    /**
     * @param key the configuration prefix, e.g. {@code gridflex.gateway.push}, named in every error
     * @param clientAuthorities the CAs a VTN's client certificate may chain to (the push programs' together)
     * @throws TlsSetupException naming the key (and file) at fault
     */
    public static ListenerTls load(String key, Optional<Path> certificate, Optional<Path> privateKey,
            List<X509Certificate> clientAuthorities, List<String> protocols, List<String> suites) {
        if (certificate.isEmpty() || privateKey.isEmpty()) {
            throw new TlsSetupException(key + ".certificate and " + key + ".key must be set when a program uses"
                    + " transport=push");
        }
        ClientIdentity identity = ClientIdentity.load(key + ".certificate", certificate.get(), key + ".key",
                privateKey.get());
        SSLContext context;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("ven", identity.privateKey(), password,
                    identity.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new TrustManager[]{ClientTrust.pkix(clientAuthorities)}, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException(key + ": the JDK cannot set up TLS: " + e.getMessage(), e);
        }
        JdkTlsPolicy.checkProtocols(key, protocols, context);
        JdkTlsPolicy.checkCipherSuites(key, suites, protocols, context);
        SSLParameters parameters = new SSLParameters(suites.toArray(String[]::new), protocols.toArray(String[]::new));
        parameters.setNeedClientAuth(true);
        return new ListenerTls(context, parameters, identity.leaf());
    }

    public SSLContext sslContext() {
        return context;
    }

    /** A copy: client certificates required, the configured protocols and suites. */
    public SSLParameters sslParameters() {
        SSLParameters copy = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        copy.setNeedClientAuth(true);
        return copy;
    }

    /** The listener's certificate, logged at startup: VTN operators may pin it. */
    public X509Certificate certificate() {
        return certificate;
    }
}
