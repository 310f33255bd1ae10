package io.gridflex.vtnsim.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.vtnsim.config.VtnConfig;
import io.gridflex.vtnsim.openadr.MessageNames;
import io.gridflex.vtnsim.openadr.Signatures;
import io.gridflex.vtnsim.ven.Ven;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * POSTs this VTN's messages to push VENs (OpenADR 2.0b simpleHTTP push): to
 * {@code <transport address>/OpenADR2/Simple/2.0b/<service>}, signed when signatures are on, with the JDK's
 * HttpClient. Over https it presents this VTN's own OpenADR certificate as client certificate and checks the VEN's
 * certificate (chain and host name) against the same trust store as its server side: the {@code openadr} TLS
 * configuration of the {@code tls} profile. Without that configuration (plain HTTP set-ups) the JDK's defaults apply.
 * Every push is kept for the admin API.
 */
@ApplicationScoped
public class VenPusher {

    private static final Logger LOG = Logger.getLogger(VenPusher.class);
    private static final String BASE_PATH = "/OpenADR2/Simple/2.0b/";
    private static final int MAX_ANSWER_BYTES = 1_048_576;
    private static final int KEPT = 1000;

    private final Signatures signatures;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final List<PushRecord> log = new ArrayList<>();

    public VenPusher(Signatures signatures, Clock clock, VtnConfig config, TlsConfigurationRegistry tls) {
        this.signatures = signatures;
        this.clock = clock;
        this.timeout = config.pushTimeout();
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        tls.get("openadr").ifPresent(openadr -> {
            builder.sslContext(sslContext(openadr));
            SSLParameters parameters = new SSLParameters();
            if (!openadr.getSSLOptions().getEnabledCipherSuites().isEmpty()) {
                parameters.setCipherSuites(openadr.getSSLOptions().getEnabledCipherSuites().toArray(String[]::new));
            }
            if (!openadr.getSSLOptions().getEnabledSecureTransportProtocols().isEmpty()) {
                parameters.setProtocols(
                        openadr.getSSLOptions().getEnabledSecureTransportProtocols().toArray(String[]::new));
            }
            builder.sslParameters(parameters);
        });
        this.http = builder.build();
    }

    /**
     * Pushes {@code message} to {@code ven}'s {@code service} and returns the VEN's answer: the message its HTTP
     * response carried, if any.
     */
    public Optional<Object> push(Ven ven, String service, OadrPayload message) {
        String name = MessageNames.of(OadrMessages.body(message));
        URI uri = URI.create(ven.transportAddress() + BASE_PATH + service);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(signatures.write(message), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES);
            }
            Optional<Object> answer = Optional.empty();
            String described = "empty";
            if (response.statusCode() == 200 && body.length > 0) {
                try {
                    answer = Optional.of(OadrMessages.body(signatures.read(body)));
                    described = MessageNames.of(answer.get());
                } catch (RuntimeException e) {
                    described = "unreadable: " + e.getMessage();
                }
            } else if (body.length > 0) {
                described = new String(body, StandardCharsets.UTF_8).strip();
            }
            record(new PushRecord(ven.venId(), service, name, clock.instant(), response.statusCode(), described));
            return answer;
        } catch (IOException e) {
            record(new PushRecord(ven.venId(), service, name, clock.instant(), 0, e.toString()));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(new PushRecord(ven.venId(), service, name, clock.instant(), 0, "interrupted"));
            return Optional.empty();
        }
    }

    /** The pushes to one VEN (all VENs when null), oldest first; the last thousand are kept. */
    public synchronized List<PushRecord> pushes(String venId) {
        return log.stream().filter(p -> venId == null || p.venId().equals(venId)).toList();
    }

    private synchronized void record(PushRecord push) {
        LOG.infof("Pushed %s to VEN %s (%s): HTTP %d, %s", push.message(), push.venId(), push.service(),
                push.httpStatus(), push.answer());
        log.add(push);
        if (log.size() > KEPT) {
            log.removeFirst();
        }
    }

    private static SSLContext sslContext(TlsConfiguration openadr) {
        try {
            return openadr.createSSLContext();
        } catch (Exception e) {
            throw new IllegalStateException("the openadr TLS configuration gives no SSL context: " + e.getMessage(),
                    e);
        }
    }
}
