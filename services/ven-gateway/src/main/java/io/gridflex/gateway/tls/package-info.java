/**
 * OpenADR 2.0b transport security for the VEN's connections to VTNs: TLS 1.2 with a client certificate both ways,
 * OpenADR's two cipher suites, CA validation and optional certificate fingerprint pinning.
 * <ul>
 * <li>{@link io.gridflex.gateway.tls.TlsConfig}: the configuration group of one VTN connection (PEM files from
 * mounted secrets, pins, suites, protocols);</li>
 * <li>{@link io.gridflex.gateway.tls.VtnTls}: loads and checks it at startup and hands out the {@code SSLContext}
 * and {@code SSLParameters} for {@link java.net.http.HttpClient};</li>
 * <li>{@link io.gridflex.gateway.tls.PinningTrustManager}: PKIX validation, then the pin;</li>
 * <li>{@code TlsFiles}: the configured PEM files, read by the shared
 * {@link io.gridflex.openadr.pki.PemFiles}, errors named by configuration key and file; pins are
 * {@link io.gridflex.openadr.pki.Fingerprint}s and the client key is checked against its certificate by
 * {@link io.gridflex.openadr.pki.CertificateKeys}.</li>
 * </ul>
 * <h2>The RSA suite on JDK 24 and later</h2> {@code TLS_RSA_WITH_AES_128_CBC_SHA256}, one of the two suites OpenADR
 * 2.0b mandates, is disabled by default since JDK 24: {@code jdk.tls.disabledAlgorithms} lists {@code TLS_RSA_*}. On
 * such a JDK (we build and test on Temurin 25) it is not even in the supported list, and a handshake offering only it
 * fails. The property is read once per JVM, before the first TLS use, and a connection's own algorithm constraints
 * can only add restrictions, so it cannot be re-enabled for one program alone. {@link io.gridflex.gateway.tls.VtnTls}
 * therefore refuses to start a program whose configured suites the JVM will not negotiate, and says why; the JVM
 * option {@code -Djava.security.properties=src/main/security/openadr-tls.java.security} (a copy of the JDK 25 list
 * with just that suite taken out) brings it back for the whole JVM. A program whose VTN has an ECC certificate can
 * instead list only {@code TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256}. Older JDKs (17.0.15
 * checked) do not disable it; whether a JDK 21 runtime does depends on its update level and vendor, and the startup
 * check tells.
 */
package io.gridflex.gateway.tls;
