package io.gridflex.gateway.vtn;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.gateway.signature.PayloadSignatures;
import io.gridflex.gateway.tls.VtnTls;
import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * A program's HTTP client to its VTN: POSTs an OpenADR payload to a simpleHttp service and returns the reply.
 * Everything transport-related lives here (timeouts, size limit, and later TLS), so the rest of the gateway deals in
 * OpenADR messages only. One per program, so one slow VTN never holds another's connections. Thread-safe, one
 * exchange at a time.
 */
public class VtnClient {

    private static final Logger LOG = Logger.getLogger(VtnClient.class);
    private static final String BASE_PATH = "/OpenADR2/Simple/2.0b/";

    private final PayloadSignatures signatures;
    private final ProgramConfig.Vtn config;
    private final String baseUrl;
    private final HttpClient http;
    /**
     * One exchange at a time with the VTN, in the order asked (fair): the poll loop and the report scheduler share
     * the client, and a VTN is spared answering one VEN twice at once, which simple VTNs handle badly and which
     * could let a report overtake the oadrCreatedReport that announced it.
     */
    private final ReentrantLock exchanges = new ReentrantLock(true);
    private final Optional<VtnTls> tls;

    /**
     * @param signatures how payloads are signed and verified on this connection
     * @param tls the program's TLS settings, for an https VTN
     */
    public VtnClient(PayloadSignatures signatures, ProgramConfig.Vtn config, Optional<VtnTls> tls) {
        this.signatures = signatures;
        this.config = config;
        this.baseUrl = baseUrl(config.url());
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        tls.ifPresent(settings -> settings.applyTo(builder));
        this.http = builder.build();
    }

    /**
     * The VTN's address without the simpleHttp path or a trailing slash, however it was written:
     * {@code https://vtn.example.com/OpenADR2/Simple/2.0b/} becomes {@code https://vtn.example.com}.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public static String baseUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("a VTN URL is an absolute http or https URL, got '" + url + "'");
        }
        if (url.getQuery() != null || url.getFragment() != null) {
            throw new IllegalArgumentException("a VTN URL has no query or fragment, got '" + url + "'");
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        String service = BASE_PATH.substring(0, BASE_PATH.length() - 1);
        if (text.toLowerCase(Locale.ROOT).endsWith(service.toLowerCase(Locale.ROOT))) {
            text = text.substring(0, text.length() - service.length());
        }
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** The base URL, as {@link #baseUrl(URI)} writes it. */
    public String vtnUrl() {
        return baseUrl;
    }

    /**
     * Sends a message and returns the VTN's reply as received, unparsed, so the caller parses it with the hardened
     * codec and keeps the exact text for audit.
     *
     * @throws VtnUnavailableException when the VTN cannot be reached, times out, or answers other than HTTP 200 (or 204, returned as an empty reply)
     */
    public String send(VtnService service, OadrPayload message) {
        exchanges.lock();
        try {
            return exchange(service, signatures.outgoing(message));
        } finally {
            exchanges.unlock();
        }
    }

    private String exchange(VtnService service, String body) {
        // A renewed client certificate is taken before the request that may open a connection with it.
        tls.ifPresent(VtnTls::refresh);
        URI uri = URI.create(baseUrl + BASE_PATH + service.path());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new VtnUnavailableException("VTN " + uri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VtnUnavailableException("interrupted while calling " + uri, e);
        }
        try (InputStream in = response.body()) {
            byte[] reply = in.readNBytes(config.maxResponseBytes() + 1);
            if (response.statusCode() == 204) {
                // Some acknowledgements (our oadrResponse, say) need no answer.
                return "";
            }
            if (response.statusCode() != 200) {
                throw new VtnUnavailableException("VTN " + uri + " answered HTTP " + response.statusCode());
            }
            if (reply.length > config.maxResponseBytes()) {
                throw new VtnUnavailableException(
                        "VTN " + uri + " sent more than " + config.maxResponseBytes() + " bytes; refused unread");
            }
            LOG.tracef("%s replied %d bytes", service, reply.length);
            return new String(reply, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VtnUnavailableException("VTN " + uri + " reply unreadable: " + e, e);
        }
    }

    /** {@link #send} and read the reply; an unreadable, invalid or badly signed reply throws the codec's refusal. */
    public OadrPayload exchange(VtnService service, OadrPayload message) {
        return read(send(service, message));
    }

    /**
     * A reply as {@link #send} returned it, parsed, validated and (when the program verifies signatures) checked.
     *
     * @throws io.gridflex.openadr.OpenAdrXmlException with the code to refuse it with
     */
    public OadrPayload read(String reply) {
        return signatures.incoming(reply);
    }

    /**
     * A message as this connection sends it (signed when the program signs), for an answer that travels in our own
     * HTTP response to the VTN (push).
     */
    public String write(OadrPayload message) {
        return signatures.outgoing(message);
    }

    /** Whether this connection signs what it sends. */
    public boolean signing() {
        return signatures.signing();
    }
}
