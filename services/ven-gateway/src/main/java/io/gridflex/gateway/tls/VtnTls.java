package io.gridflex.gateway.tls;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import io.gridflex.openadr.pki.Fingerprint;

/**
 * Everything a VTN connection needs for OpenADR's TLS, made from a {@link TlsConfig}: an {@link SSLContext} with our
 * client certificate and a {@link PinningTrustManager}, and {@link SSLParameters} with the configured protocols and
 * cipher suites and host-name verification on.
 * <p>
 * {@link #load} reads and checks every file and setting, so a program built with it fails at startup, with the
 * configuration key and the file in the message, instead of at its first request. Use it as
 *
 * <pre>
 * VtnTls tls = VtnTls.load("gridflex.gateway.programs." + id + ".tls", config.tls());
 * HttpClient http = tls.applyTo(HttpClient.newBuilder()).build();
 * </pre>
 */
public final class VtnTls {

    private final SSLContext context;
    private final SSLParameters parameters;
    private final Optional<RotatingIdentity> identity;
    private final WatchedFiles<Trust> trust;

    /** The program's trust as read (CAs and pins), and the trust manager made of it. */
    private record Trust(TrustedCertificates.Material material, PinningTrustManager manager) {
    }

    private VtnTls(SSLContext context, SSLParameters parameters, Optional<RotatingIdentity> identity,
            WatchedFiles<Trust> trust) {
        this.context = context;
        this.parameters = parameters;
        this.identity = identity;
        this.trust = trust;
    }

    /**
     * Reads the files and checks the settings of {@code config}.
     *
     * @param key the configuration prefix of {@code config} (e.g. {@code gridflex.gateway.programs.p1.tls}), named in
     *        every error message
     * @throws TlsSetupException naming the key (and file) at fault
     */
    public static VtnTls load(String key, TlsConfig config) {
        Optional<RotatingIdentity> identity = clientIdentity(key, config);
        // A VTN's CA bundle is rotated like a certificate (the new CA added before the VTN switches to it), and so is
        // a pin file: the files are watched like our certificate's, and what changed checks the next handshake on.
        WatchedFiles<Trust> trust = TrustedCertificates.watch(key, config, material -> new Trust(material,
                PinningTrustManager.create(material.authorities(), material.pins())), Trust::material);

        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            // Our identity whatever CA names the VTN lists in its certificate request, as OpenSSL-based clients do
            // (see SingleIdentityKeyManager), and the renewed one as soon as its files change.
            KeyManager[] keyManagers = identity
                    .map(rotating -> new KeyManager[]{new RotatingKeyManager(rotating, SingleIdentityKeyManager::new)})
                    .orElse(null);
            TrustManager trustManager = new ReloadingTrustManager(() -> trust.current().value().manager());
            context.init(keyManagers, new TrustManager[]{trustManager}, null);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(key + ": the JDK cannot set up TLS: " + e.getMessage(), e);
        }
        List<String> protocols = config.protocols();
        List<String> suites = config.cipherSuites();
        JdkTlsPolicy.checkProtocols(key, protocols, context);
        JdkTlsPolicy.checkCipherSuites(key, suites, protocols, context);

        SSLParameters parameters = new SSLParameters(suites.toArray(String[]::new), protocols.toArray(String[]::new));
        // HttpClient turns it on by itself too; set here so any other user of these parameters keeps it.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        // A renewed certificate is presented from the next full handshake: sessions made with the old one are dropped.
        // So are sessions made under trust that has changed since: the next connection is checked afresh.
        identity.ifPresent(rotating -> rotating.onRenewal(() -> Sessions.forget(context.getClientSessionContext())));
        trust.onChange(() -> Sessions.forget(context.getClientSessionContext()));
        return new VtnTls(context, parameters, identity, trust);
    }

    public SSLContext sslContext() {
        return context;
    }

    /** A copy of the parameters: the caller may change its own. */
    public SSLParameters sslParameters() {
        SSLParameters copy = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        copy.setEndpointIdentificationAlgorithm(parameters.getEndpointIdentificationAlgorithm());
        return copy;
    }

    /** Sets this TLS on an HttpClient builder: its SSL context and parameters. */
    public HttpClient.Builder applyTo(HttpClient.Builder builder) {
        return builder.sslContext(context).sslParameters(sslParameters());
    }

    /** The VEN's certificate in use, to log with its fingerprint: VTN operators register a VEN by it. */
    public Optional<X509Certificate> clientCertificate() {
        return identity.map(rotating -> rotating.current().value().leaf());
    }

    /**
     * Looks at the certificate files, the trusted CA certificates and the pin file (at most every
     * {@link TlsConfig#certificateCheckInterval()}) and takes what changed: the client calls it before each request,
     * since a connection that resumes a TLS session asks neither the key manager nor the trust manager. A change drops
     * the cached sessions, so the next connection presents the renewed certificate and checks the VTN afresh.
     */
    public void refresh() {
        identity.ifPresent(RotatingIdentity::current);
        trust.current();
    }

    /** The pins in use: the VTN's leaf certificate must match one of them; empty, any the CAs vouch for. */
    public List<Fingerprint> pinnedFingerprints() {
        return trust.current().value().material().pins();
    }

    private static Optional<RotatingIdentity> clientIdentity(String key, TlsConfig config) {
        Optional<Path> certificate = config.certificate();
        Optional<Path> privateKey = config.key();
        if (certificate.isEmpty() && privateKey.isEmpty()) {
            return Optional.empty();
        }
        if (certificate.isEmpty() || privateKey.isEmpty()) {
            String missing = certificate.isEmpty() ? key + ".certificate" : key + ".key";
            throw new TlsSetupException(key + ".certificate and " + key + ".key go together: " + missing
                    + " is not set");
        }
        return Optional.of(RotatingIdentity.load(key + ".certificate", certificate.get(), key + ".key",
                privateKey.get(), config.certificateCheckInterval()));
    }
}
