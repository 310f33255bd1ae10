package io.gridflex.vtnsim.openadr;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.pki.PemFiles;
import io.gridflex.openadr.signature.OadrSigner;
import io.gridflex.openadr.signature.OadrVerifier;
import io.gridflex.openadr.signature.SigningCredentials;
import io.gridflex.openadr.signature.TrustedSigners;
import io.gridflex.vtnsim.config.VtnConfig;

/**
 * This VTN's XML signatures, when configured ({@code gridflex.vtn.signature.*}): requests must verify, replies are
 * signed. Without the group, payloads are read and written as they are.
 */
@ApplicationScoped
public class Signatures {

    private final OpenAdrXml codec;
    private final Optional<OadrSigner> signer;
    private final Optional<OadrVerifier> verifier;

    public Signatures(OpenAdrXml codec, VtnConfig config, Clock clock) {
        this.codec = codec;
        this.signer = config.signature()
                .map(s -> new OadrSigner(SigningCredentials.fromPem(s.key(), s.certificate()), clock));
        this.verifier = config.signature().map(s -> new OadrVerifier(TrustedSigners.of(
                s.trustedCertificates().orElse(List.of()).stream()
                        .flatMap(file -> PemFiles.readCertificates(file).stream()).toList(),
                s.trustedFingerprints().orElse(List.of())), clock, s.replayWindow()));
    }

    /**
     * A request's payload, verified when signatures are on.
     *
     * @throws io.gridflex.openadr.OpenAdrXmlException with the code to answer (463 for a bad or missing signature)
     */
    public OadrPayload read(byte[] body) {
        return verifier.map(v -> codec.unmarshal(v.verify(codec.parse(body)).document()))
                .orElseGet(() -> codec.unmarshal(body));
    }

    /** A reply's text, signed when signatures are on. */
    public String write(OadrPayload payload) {
        String text = codec.marshal(payload);
        return signer.map(s -> s.sign(text)).orElse(text);
    }
}
