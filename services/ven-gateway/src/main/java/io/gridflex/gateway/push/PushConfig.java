package io.gridflex.gateway.push;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithName;

/**
 * The push listener, {@code gridflex.gateway.push.*}: the one HTTPS port on which the VTNs of every program
 * configured with {@code transport=push} call this VEN. Used only when such a program exists; then the certificate
 * and key must be set.
 * <p>
 * No member has a {@code @WithDefault} (see {@link io.gridflex.gateway.tls.TlsConfig}): the defaults are the
 * {@code default} methods.
 */
public interface PushConfig {

    /** The port the listener binds; 0 picks a free one (tests). Default 8443. */
    @WithName("port")
    Optional<Integer> configuredPort();

    default int port() {
        return configuredPort().orElse(8443);
    }

    /** The address it binds. Default every interface. */
    @WithName("host")
    Optional<String> configuredHost();

    default String host() {
        return configuredHost().orElse("0.0.0.0");
    }

    /**
     * How the VTNs reach the listener, e.g. {@code https://ven.example.com:8443} (behind a TCP load balancer, its
     * address). Each push program registers {@code <public-url>/<program id>} as its oadrTransportAddress. Default
     * {@code https://localhost:<bound port>}, which only a VTN on the same host can use.
     */
    Optional<URI> publicUrl();

    /** The listener's certificate chain (PEM, leaf first), presented to the VTNs. */
    Optional<Path> certificate();

    /** Its private key (unencrypted PEM: PKCS#8, SEC1 or PKCS#1). */
    Optional<Path> key();

    /**
     * As {@link io.gridflex.gateway.tls.TlsConfig#certificateCheckInterval()}: how often the listener's certificate
     * and key files are looked at for a renewed pair, presented from the next handshake on. Default 1 minute.
     */
    @WithName("certificate-check-interval")
    Optional<Duration> configuredCertificateCheckInterval();

    default Duration certificateCheckInterval() {
        return configuredCertificateCheckInterval().orElse(Duration.ofMinutes(1));
    }

    /** As {@link io.gridflex.gateway.tls.TlsConfig#cipherSuites()}: the two OpenADR 2.0b suites by default. */
    @WithName("cipher-suites")
    Optional<List<String>> configuredCipherSuites();

    default List<String> cipherSuites() {
        return configuredCipherSuites()
                .orElse(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"));
    }

    /** As {@link io.gridflex.gateway.tls.TlsConfig#protocols()}: TLS 1.2 only by default. */
    @WithName("protocols")
    Optional<List<String>> configuredProtocols();

    default List<String> protocols() {
        return configuredProtocols().orElse(List.of("TLSv1.2"));
    }

    /**
     * The longest a client may take to send one request (headers and body), and to read its answer; a slower
     * connection is closed, so that a client trickling bytes cannot hold the listener's connections. Default 30 s.
     */
    @WithName("request-timeout")
    Optional<Duration> configuredRequestTimeout();

    default Duration requestTimeout() {
        return configuredRequestTimeout().orElse(Duration.ofSeconds(30));
    }

    /** How long a connection may stay open with no request on it. Default 30 s. */
    @WithName("idle-timeout")
    Optional<Duration> configuredIdleTimeout();

    default Duration idleTimeout() {
        return configuredIdleTimeout().orElse(Duration.ofSeconds(30));
    }

    /** The most connections open at once; more are refused until one closes. Default 256. */
    @WithName("max-connections")
    Optional<Integer> configuredMaxConnections();

    default int maxConnections() {
        return configuredMaxConnections().orElse(256);
    }

    /** Larger request bodies are refused unread with HTTP 413. Default 1 MiB, as the codec's own cap. */
    @WithName("max-request-bytes")
    Optional<Integer> configuredMaxRequestBytes();

    default int maxRequestBytes() {
        return configuredMaxRequestBytes().orElse(1_048_576);
    }
}
