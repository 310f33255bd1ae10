/**
 * The certificate material OpenADR deployments configure, read and checked in one place for the VEN gateway's TLS, the
 * XML signatures of {@link io.gridflex.openadr.signature} and the VTN simulator:
 * <ul>
 * <li>{@link io.gridflex.openadr.pki.PemFiles}: certificates (a chain or a CA bundle) and an unencrypted private key
 * (PKCS#8, PKCS#1 or SEC 1) from PEM files, plain JDK;</li>
 * <li>{@link io.gridflex.openadr.pki.Fingerprint}: SHA-256 certificate fingerprints, full or OpenLEADR's short form
 * (the last 10 bytes), parsed in any of the notations operators exchange;</li>
 * <li>{@link io.gridflex.openadr.pki.CertificateKeys}: whether a private key belongs to a certificate.</li>
 * </ul>
 * Failures are {@link java.lang.IllegalArgumentException}s that name the file ({@link io.gridflex.openadr.pki.PemFileException}
 * also hands the file and the problem out separately), so a caller can put its own configuration key in front.
 */
package io.gridflex.openadr.pki;
