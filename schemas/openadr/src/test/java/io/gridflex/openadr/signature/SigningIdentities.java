package io.gridflex.openadr.signature;

import java.time.Instant;

import io.gridflex.testsupport.TestPki;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyType;

/**
 * The signers of these tests: an EC P-256 and an RSA 2048 identity of one throwaway CA (test-support's
 * {@link TestPki}, made under {@code target/} on each run, so no private key is ever part of the repository), valid
 * from {@link #NOT_BEFORE} to {@link #NOT_AFTER} around the tests' fixed clocks. Each is the PEM files an operator
 * configures: {@link Identity#key()} (PKCS#8), {@code keyAs(TRADITIONAL)} and {@link Identity#certificate()} (the
 * chain, signer first).
 */
final class SigningIdentities {

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2031-01-01T00:00:00Z");

    private static TestPki pki;
    private static Identity ec;
    private static Identity rsa;

    private SigningIdentities() {
    }

    static synchronized TestPki pki() {
        if (pki == null) {
            pki = TestPki.create(TestPki.inTarget("signature"), "Signature Test", KeyType.EC, NOT_BEFORE, NOT_AFTER);
        }
        return pki;
    }

    static synchronized Identity ec() {
        if (ec == null) {
            ec = pki().client("ec-signer", KeyType.EC);
        }
        return ec;
    }

    static synchronized Identity rsa() {
        if (rsa == null) {
            rsa = pki().client("rsa-signer", KeyType.RSA);
        }
        return rsa;
    }

    static Identity of(String keyType) {
        return keyType.equals("ec") ? ec() : rsa();
    }

    /** The identity's key and chain, as {@link SigningCredentials#fromPem} would read them from its files. */
    static SigningCredentials credentials(Identity identity) {
        return new SigningCredentials(identity.privateKey(), identity.chain());
    }
}
