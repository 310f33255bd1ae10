package io.gridflex.siteagent.miner.antminer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Digest responses against the RFCs' worked examples. */
class DigestAuthTest {

    @Test
    void rfc2617WorkedExample() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
                .orElseThrow();

        assertThat(DigestAuth.response(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "00000001",
                "0a4f113b")).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(challenge.opaque()).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(challenge.algorithm()).isEqualTo("MD5");
    }

    @Test
    void rfc7616WorkedExamplesForMd5AndSha256() {
        String common = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

        assertThat(DigestAuth.response(DigestChallenge.parse("Digest " + common + ", algorithm=MD5").orElseThrow(),
                "Mufasa", "Circle of Life", "GET", "/dir/index.html", "00000001", cnonce))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(DigestAuth.response(DigestChallenge.parse("Digest " + common + ", algorithm=SHA-256")
                .orElseThrow(), "Mufasa", "Circle of Life", "GET", "/dir/index.html", "00000001", cnonce))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void theHeaderCarriesWhatTheServerNeeds() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc\"").orElseThrow();

        assertThat(DigestAuth.header(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b"))
                .isEqualTo("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                        + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", algorithm=MD5, "
                        + "qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
                        + "opaque=\"5ccc\"");
    }

    @Test
    void parsesOnlyDigestChallengesWithRealmAndNonce() {
        assertThat(DigestChallenge.parse("Basic realm=\"x\"")).isEmpty();
        assertThat(DigestChallenge.parse("Digest realm=\"x\"")).isEmpty();
        assertThat(DigestChallenge.parse(null)).isEmpty();
        DigestChallenge stale = DigestChallenge.parse("digest realm=\"a, b\",nonce=abc,stale=TRUE").orElseThrow();
        assertThat(stale.realm()).isEqualTo("a, b");
        assertThat(stale.nonce()).isEqualTo("abc");
        assertThat(stale.stale()).isTrue();
        assertThat(stale.offersAuth()).isFalse();
    }
}
