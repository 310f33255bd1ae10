package io.gridflex.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS of the push listener, the VEN's own HTTPS server: its certificate and key (PEM), client certificates
 * required and checked in the handshake against the CAs of every push program (which program a request is for, and
 * whether that program trusts the certificate, is decided per request by {@link ClientTrust}), and OpenADR's
 * protocols and suites, checked against this JVM as for a VTN connection. Its certificate and every program's CA
 * bundle are taken again when their files change, without a restart.
 */
public final class ListenerTls {

    private final SSLContext context;
    private final SSLParameters parameters;
    private final RotatingIdentity identity;
    private final List<ClientTrust> programs;

    private ListenerTls(SSLContext context, SSLParameters parameters, RotatingIdentity identity,
            List<ClientTrust> programs) {
        this.context = context;
        this.parameters = parameters;
        this.identity = identity;
        this.programs = programs;
    }

    /**
     * The handshake's trust: a chain to any push program's CAs in use. Remade only when one of them changed, so a
     * handshake costs a list comparison.
     */
    private static final class AnyProgram {

        private final List<ClientTrust> programs;
        private List<X509Certificate> authorities = List.of();
        private X509ExtendedTrustManager manager;

        AnyProgram(List<ClientTrust> programs) {
            this.programs = programs;
        }

        synchronized X509ExtendedTrustManager current() {
            List<X509Certificate> now = programs.stream().flatMap(p -> p.authorities().stream()).toList();
            if (manager == null || !now.equals(authorities)) {
                manager = ClientTrust.pkix(now);
                authorities = now;
            }
            return manager;
        }
    }

    /**
     * @param key the configuration prefix, e.g. {@code gridflex.gateway.push}, named in every error
     * @param programs the push programs' trust: a VTN's client certificate must chain to the CAs of one of them
     * @param checkEvery how often the certificate and key files are looked at for a renewed pair
     * @throws TlsSetupException naming the key (and file) at fault
     */
    public static ListenerTls load(String key, Optional<Path> certificate, Optional<Path> privateKey,
            List<ClientTrust> programs, List<String> protocols, List<String> suites, Duration checkEvery) {
        if (certificate.isEmpty() || privateKey.isEmpty()) {
            throw new TlsSetupException(key + ".certificate and " + key + ".key must be set when a program uses"
                    + " transport=push");
        }
        RotatingIdentity identity = RotatingIdentity.load(key + ".certificate", certificate.get(), key + ".key",
                privateKey.get(), checkEvery);
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{new RotatingKeyManager(identity, pair -> serverKeyManager(key, pair))},
                    new TrustManager[]{new ReloadingTrustManager(new AnyProgram(List.copyOf(programs))::current)},
                    null);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(key + ": the JDK cannot set up TLS: " + e.getMessage(), e);
        }
        SSLContext server = context;
        // A renewed certificate is presented from the next full handshake: sessions made with the old one are dropped.
        identity.onRenewal(() -> Sessions.forget(server.getServerSessionContext()));
        // So are cached sessions made under a program's CAs that have changed since. A client can still resume from a
        // stateless session ticket, which the JDK honours whatever the cache: its requests meet the program's check
        // of every request (ClientTrust#refusal, with the CAs in use), so a retired CA is refused there.
        programs.forEach(program -> program.onChange(() -> Sessions.forget(server.getServerSessionContext())));
        JdkTlsPolicy.checkProtocols(key, protocols, context);
        JdkTlsPolicy.checkCipherSuites(key, suites, protocols, context);
        SSLParameters parameters = new SSLParameters(suites.toArray(String[]::new), protocols.toArray(String[]::new));
        parameters.setNeedClientAuth(true);
        return new ListenerTls(context, parameters, identity, List.copyOf(programs));
    }

    /** The JDK's own server key manager for one pair: it matches the pair's key to each suite's key exchange. */
    private static X509ExtendedKeyManager serverKeyManager(String key, ClientIdentity pair) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("ven", pair.privateKey(), password, pair.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return (X509ExtendedKeyManager) keys.getKeyManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException(key + ": the JDK cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public SSLContext sslContext() {
        return context;
    }

    /**
     * A copy: client certificates required, the configured protocols and suites. Asked for each new connection, it
     * first looks at the certificate files and the programs' CA bundles (at most every check interval), since a
     * connection that resumes a TLS session asks neither the key manager nor the trust manager; a change drops the
     * cached sessions.
     */
    public SSLParameters sslParameters() {
        identity.current();
        programs.forEach(ClientTrust::authorities);
        SSLParameters copy = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        copy.setNeedClientAuth(true);
        return copy;
    }

    /** The listener's certificate in use (the renewed one once its files changed): VTN operators may pin it. */
    public X509Certificate certificate() {
        return identity.current().value().leaf();
    }
}
