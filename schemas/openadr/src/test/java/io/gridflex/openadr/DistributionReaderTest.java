package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * {@link DistributionReader} against the general reader, which validates against the schema: on every document it
 * reads, it must bind exactly what the general reader binds, and it must never read a document the general reader
 * refuses. The documents are the distributions peers write (our builders, the captured OpenLEADR session, a
 * hand-written one using every optional part) and several thousand alterations of them: every value swapped for
 * awkward ones, every element removed, doubled, swapped with its neighbour and renamed, attributes added, the prolog,
 * the encoding and the markup varied, the text cut short.
 */
class DistributionReaderTest {

    private static final OpenAdrXml XML = new OpenAdrXml();

    /** Values a peer or an attacker might put anywhere; most are wrong somewhere, some are wrong everywhere. */
    private static final List<String> AWKWARD = List.of("", " ", "x", " 1", "1 ", "+1", "01", "-1", "1.", ".5", "1.5",
            "1e3", "INF", "NaN", "-0.0", "123456789", "1234567890", "4294967296", "12345678901234567890.5",
            "2026-02-28T23:59:59Z", "2026-02-29T00:00:00Z", "2028-02-29T12:00:00.123456789Z", "2026-12-02T24:00:00Z",
            "0000-01-01T00:00:00Z", "2026-12-02T10:00:00", "2026-12-02T10:00:00+01:00", "2026-12-02T10:00:00.Z",
            "2026-12-02T10:00:00.1234567891Z", " 2026-12-02T10:00:00Z", "PT", "P1DT", "PT1M1H", "P1Y", "PT15M",
            "-PT5M", "+PT5M", "P2W", "P1DT2H3M4S", "PT1.5S", "PT1234567890S", "P1W2D", "x-", "x-a b", "x-custom",
            "SIMPLE", "simple ", "delta", "setpoint", "far", "FAR", "always", "ALWAYS", "never", "true", "1", "k", "K",
            "micro", "M", "RealPower", "RealPower ", "W", "J/s", "USD", "usd", "currencyPerKWh", "200", "20", "2000",
            "http://MarketContext1", "oadr://a..b/c", "oadr://-a/x", "oadr://a/b c", "oadr://a/%41", "urn:x",
            "a&amp;b", "&lt;tag&gt;", "&#x1F600;", "&#65;", "&#0;", "&#xD800;", "&unknown;", "&amp", "&;", "&#;",
            "&#x;", "&#xFFFFFFFF;", "&#1114112;", "caf\u00e9",
            "\u20ac\ud83d\ude00", "\r", "a]]>b", "a<!--c-->b", "<![CDATA[x]]>", "<?pi x?>", "\t", "2.0b", "x-2.1");

    @Test
    void readsTheDistributionsPeersWriteAndBindsWhatTheGeneralReaderBinds() throws IOException {
        Map<String, byte[]> seeds = seeds();
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            OadrPayload fast = DistributionReader.readStrictly(seed.getValue());
            assertThat(fast).as("the fast reader reads %s", seed.getKey()).isNotNull();
            assertThat(XML.marshalWithJaxb(fast)).as(seed.getKey())
                    .isEqualTo(XML.marshalWithJaxb(XML.unmarshalWithGeneralReader(seed.getValue())));
        }
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void theCodecUsesItForDistributionsAndTheGeneralReaderForTheRest() throws IOException {
        byte[] distribution = seeds().get("builders");
        OadrPayload read = XML.unmarshal(distribution);
        assertThat(((OadrDistributeEventType) OadrMessages.body(read)).getOadrEvent()).hasSize(3);
        // A poll is not a distribution: the general reader reads it, and refuses a broken one with its code.
        byte[] poll = XML.marshal(OadrMessages.poll("ven-1")).getBytes(StandardCharsets.UTF_8);
        assertThat(DistributionReader.readStrictly(poll)).isNull();
        assertThat(OadrMessages.body(XML.unmarshal(poll))).isNotNull();
        String broken = new String(distribution, StandardCharsets.UTF_8).replace("<ei:eventStatus>active<",
                "<ei:eventStatus>running<");
        assertThat(DistributionReader.readStrictly(broken.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(catchRefusal(broken)).isNotNull();
    }

    @Test
    void neverReadsWhatTheGeneralReaderRefusesNorBindsDifferently() throws IOException {
        int documents = 0;
        int readFast = 0;
        int refused = 0;
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            for (String altered : alterations(new String(seed.getValue(), StandardCharsets.UTF_8), names)) {
                byte[] bytes = altered.getBytes(StandardCharsets.UTF_8);
                OadrPayload fast = DistributionReader.readStrictly(bytes);
                OadrPayload general;
                try {
                    general = XML.unmarshalWithGeneralReader(bytes);
                } catch (OpenAdrXmlException e) {
                    general = null;
                    refused++;
                    if (fast != null) {
                        fail("The fast reader read a document the general reader refuses (%s: %s), from %s:%n%s",
                                e.responseCode(), e.getMessage(), seed.getKey(), altered);
                    }
                }
                if (fast != null) {
                    readFast++;
                    assertThat(XML.marshalWithJaxb(fast)).as("bound from %s:%n%s", seed.getKey(), altered)
                            .isEqualTo(XML.marshalWithJaxb(general));
                }
                documents++;
            }
        }
        assertThat(documents).isGreaterThan(5_000);
        // Both sides of the line are exercised (about a fifth of the alterations are still valid, the rest are not),
        // and the fast reader reads most valid ones itself (about 86 %; the rest use forms it leaves to the other).
        assertThat(refused).isGreaterThan(documents / 2);
        assertThat(readFast).isGreaterThan(documents / 6).isGreaterThan((documents - refused) * 3 / 4);
    }

    /**
     * Random single-byte changes (replaced, removed, inserted; from markup characters or any byte) of the same
     * documents, with a fixed seed: whatever the fast reader still reads, the general one reads the same. (Run offline
     * with 500,000 changes: no difference.)
     */
    @Test
    void randomByteChangesNeverMakeItDisagree() {
        Random random = new Random(20261205);
        List<byte[]> seeds = new ArrayList<>(seeds().values());
        byte[] markup = "<>/=\"' :&;#x-0123456789.TZPHMSWDabcdeio\r\n\t".getBytes(StandardCharsets.US_ASCII);
        int readFast = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            int at = random.nextInt(seed.length);
            byte b = random.nextBoolean() ? markup[random.nextInt(markup.length)] : (byte) random.nextInt(256);
            byte[] changed = switch (random.nextInt(3)) {
                case 0 -> {
                    byte[] copy = seed.clone();
                    copy[at] = b;
                    yield copy;
                }
                case 1 -> concat(Arrays.copyOfRange(seed, 0, at), Arrays.copyOfRange(seed, at + 1, seed.length));
                default -> concat(Arrays.copyOfRange(seed, 0, at), concat(new byte[]{b},
                        Arrays.copyOfRange(seed, at, seed.length)));
            };
            OadrPayload fast = DistributionReader.readStrictly(changed);
            if (fast != null) {
                readFast++;
                OadrPayload general;
                try {
                    general = XML.unmarshalWithGeneralReader(changed);
                } catch (OpenAdrXmlException e) {
                    throw new AssertionError("The fast reader read a document the general reader refuses ("
                            + e.getMessage() + "):\n" + new String(changed, StandardCharsets.UTF_8), e);
                }
                assertThat(XML.marshalWithJaxb(fast)).as(new String(changed, StandardCharsets.UTF_8))
                        .isEqualTo(XML.marshalWithJaxb(general));
            }
        }
        assertThat(readFast).isGreaterThan(500);
    }

    @Test
    void documentsThatAreNotWellFormedAreLeftToTheGeneralReader() {
        String valid = new String(seeds().get("builders"), StandardCharsets.UTF_8);
        List<String> broken = List.of(
                "<!DOCTYPE x [<!ENTITY e \"e\">]>" + valid.substring(valid.indexOf("?>") + 2),
                valid.replace("<ei:vtnID>", "<ei:vtnID a=\"1\" a=\"2\">"),
                valid.replace("<ei:vtnID>", "<ei:vtnID xmlns:q=\"urn:a\" xmlns:q=\"urn:b\">"),
                valid.replace("<ei:vtnID>", "<q:vtnID>").replace("</ei:vtnID>", "</q:vtnID>"),
                valid.replace("</ei:vtnID>", "</ei:vtnId>"),
                valid.replace("</ei:vtnID>", "</ei:vtnID"),
                valid.replace("<ei:eventID>", "<ei:eventID>\u0001"),
                valid + "<x/>",
                valid.substring(0, valid.length() - 1),
                valid.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\""),
                valid.replace("<ei:eiActivePeriod>", "<ei:eiActivePeriod><!-- c -->"));
        for (String document : broken) {
            assertThat(DistributionReader.readStrictly(document.getBytes(StandardCharsets.UTF_8))).as(document)
                    .isNull();
        }
        byte[] badUtf8 = valid.replace("<ei:eventID>evt-1", "<ei:eventID>evt-\u00e9").getBytes(StandardCharsets.UTF_8);
        int accent = indexOf(badUtf8, (byte) 0xC3);
        badUtf8[accent + 1] = (byte) 0x28; // a lead byte followed by ASCII
        assertThat(DistributionReader.readStrictly(badUtf8)).isNull();
    }

    // ----- The documents -----

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("builders", XML.marshal(buildersDistribution()).getBytes(StandardCharsets.UTF_8));
        seeds.put("every optional part", everyOptionalPart().getBytes(StandardCharsets.UTF_8));
        try {
            Path session = SharedOpenAdrFiles.sharedDirectory().resolve("openadr-samples/openleadr-session");
            for (String file : List.of("vtn_oadrDistributeEvent_three_events.xml",
                    "vtn_oadrDistributeEvent_randomized_test_event.xml",
                    "vtn_oadrDistributeEvent_modified_active_and_cancelled.xml")) {
                seeds.put(file, Files.readAllBytes(session.resolve(file)));
            }
        } catch (IOException e) {
            throw new AssertionError("The captured OpenLEADR session is missing", e);
        }
        return seeds;
    }

    private static OadrPayload buildersDistribution() {
        List<OadrDistributeEventType.OadrEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<DispatchInterval> intervals = new ArrayList<>();
            for (int k = 0; k < 2 + i; k++) {
                intervals.add(new DispatchInterval(Duration.ofMinutes(15), -1.5 - k));
            }
            events.add(OadrMessages.loadDispatchEvent(new LoadDispatchEvent("evt-" + (i + 1), i,
                    "oadr://gridflex.io/dispatch", Instant.parse("2026-11-21T07:40:00Z"),
                    i == 0 ? EventStatusEnumeratedType.ACTIVE : EventStatusEnumeratedType.FAR,
                    Instant.parse("2026-11-21T08:00:00Z").plus(Duration.ofHours(i)), intervals,
                    List.of("ven-a", "ven-b"), i != 1)));
        }
        return OadrMessages.distributeEvent("req-1", "VTN-1", events);
    }

    /** By hand: a BOM, single quotes, a default namespace, prefixes declared late, every optional element. */
    private static String everyOptionalPart() {
        return "\uFEFF<?xml version='1.0' encoding='utf-8'?>\n"
                + "<oadrPayload xmlns=\"http://openadr.org/oadr-2.0b/2012/07\">\n"
                + "  <oadrSignedObject>\n"
                + "    <oadrDistributeEvent xmlns:ei=\"http://docs.oasis-open.org/ns/energyinterop/201110\""
                + " ei:schemaVersion='2.0b'>\n"
                + "      <requestID xmlns=\"http://docs.oasis-open.org/ns/energyinterop/201110/payloads\">r&amp;1</requestID>\n"
                + "      <ei:vtnID>VTN \u00e9</ei:vtnID>\n"
                + "      <oadrEvent><ei:eiEvent>\n"
                + "        <ei:eventDescriptor><ei:eventID>e-1</ei:eventID><ei:modificationNumber>7</ei:modificationNumber>"
                + "<ei:modificationDateTime>2026-12-02T05:22:44.9297Z</ei:modificationDateTime>"
                + "<ei:modificationReason>moved &lt;earlier&gt;</ei:modificationReason><ei:priority>3</ei:priority>"
                + "<ei:eiMarketContext><emix:marketContext xmlns:emix=\"http://docs.oasis-open.org/ns/emix/2011/06\">"
                + "http://MarketContext1</emix:marketContext></ei:eiMarketContext>"
                + "<ei:createdDateTime>2026-12-02T05:00:00Z</ei:createdDateTime><ei:eventStatus>near</ei:eventStatus>"
                + "<ei:testEvent>false</ei:testEvent><ei:vtnComment>\u20ac &#x1F600; &#65;</ei:vtnComment>"
                + "</ei:eventDescriptor>\n"
                + "        <ei:eiActivePeriod><x:properties xmlns:x=\"urn:ietf:params:xml:ns:icalendar-2.0\">"
                + "<x:dtstart><x:date-time>2026-12-02T06:00:00Z</x:date-time></x:dtstart>"
                + "<x:duration><x:duration>P1DT2H</x:duration></x:duration>"
                + "<x:tolerance><x:tolerate><x:startafter>PT5M</x:startafter></x:tolerate></x:tolerance>"
                + "<ei:x-eiNotification><x:duration>P1W</x:duration></ei:x-eiNotification>"
                + "<ei:x-eiRampUp><x:duration>-PT5M</x:duration></ei:x-eiRampUp>"
                + "<ei:x-eiRecovery><x:duration>PT10M30S</x:duration></ei:x-eiRecovery></x:properties>"
                + "<x:components xmlns:x=\"urn:ietf:params:xml:ns:icalendar-2.0\""
                + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:nil=\"true\"/></ei:eiActivePeriod>\n"
                + "        <ei:eiEventSignals><ei:eiEventSignal>"
                + "<s:intervals xmlns:s=\"urn:ietf:params:xml:ns:icalendar-2.0:stream\""
                + " xmlns:x=\"urn:ietf:params:xml:ns:icalendar-2.0\">"
                + "<ei:interval><x:dtstart><x:date-time>2026-12-02T06:00:00Z</x:date-time></x:dtstart>"
                + "<x:duration><x:duration>PT1H</x:duration></x:duration><x:uid><x:text>0</x:text></x:uid>"
                + "<ei:signalPayload><ei:payloadFloat><ei:value>-50.25</ei:value></ei:payloadFloat></ei:signalPayload>"
                + "<ei:signalPayload><ei:payloadFloat><ei:value>3</ei:value></ei:payloadFloat></ei:signalPayload>"
                + "</ei:interval><ei:interval><ei:signalPayload><ei:payloadFloat><ei:value>0</ei:value>"
                + "</ei:payloadFloat></ei:signalPayload></ei:interval></s:intervals>"
                + "<ei:eiTarget><ei:resourceID>r-1</ei:resourceID></ei:eiTarget>"
                + "<ei:signalName>x-loadShape</ei:signalName><ei:signalType>x-loadControlSetpoint</ei:signalType>"
                + "<ei:signalID>s-1</ei:signalID>"
                + "<p:powerReal xmlns:p=\"http://docs.oasis-open.org/ns/emix/2011/06/power\""
                + " xmlns:sc=\"http://docs.oasis-open.org/ns/emix/2011/06/siscale\">"
                + "<p:itemDescription>RealPower</p:itemDescription><p:itemUnits>J/s</p:itemUnits>"
                + "<sc:siScaleCode>none</sc:siScaleCode><p:powerAttributes><p:hertz>59.95</p:hertz>"
                + "<p:voltage>400</p:voltage><p:ac>false</p:ac></p:powerAttributes></p:powerReal>"
                + "<ei:currentValue><ei:payloadFloat><ei:value>-1.5</ei:value></ei:payloadFloat></ei:currentValue>"
                + "</ei:eiEventSignal><ei:eiEventSignal><s:intervals"
                + " xmlns:s=\"urn:ietf:params:xml:ns:icalendar-2.0:stream\"><ei:interval><ei:signalPayload>"
                + "<ei:payloadFloat><ei:value>0.12</ei:value></ei:payloadFloat></ei:signalPayload></ei:interval>"
                + "</s:intervals><ei:signalName>ELECTRICITY_PRICE</ei:signalName><ei:signalType>price</ei:signalType>"
                + "<ei:signalID>s-2</ei:signalID>"
                + "<currencyPerKWh xmlns:sc=\"http://docs.oasis-open.org/ns/emix/2011/06/siscale\">"
                + "<itemDescription>currencyPerKWh</itemDescription><itemUnits>EUR</itemUnits>"
                + "<sc:siScaleCode>none</sc:siScaleCode></currencyPerKWh></ei:eiEventSignal>"
                + "</ei:eiEventSignals>\n"
                + "        <ei:eiTarget><ei:groupID>g-1</ei:groupID><ei:groupID>g-2</ei:groupID>"
                + "<ei:groupName>west</ei:groupName><ei:resourceID>r-1</ei:resourceID><ei:venID>v-1</ei:venID>"
                + "<ei:partyID>p-1</ei:partyID></ei:eiTarget>\n"
                + "      </ei:eiEvent><oadrResponseRequired>never</oadrResponseRequired></oadrEvent>\n"
                + "    </oadrDistributeEvent>\n"
                + "  </oadrSignedObject>\n"
                + "</oadrPayload>\n";
    }

    /**
     * Every alteration of one document, as text. The first element of each name (not yet in {@code names}) gets
     * every awkward value, the others a few in turn.
     */
    static List<String> alterations(String document, Set<String> names) {
        List<String> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("<[^>]*>|[^<]+").matcher(document);
        while (m.find()) {
            tokens.add(m.group());
        }
        List<int[]> elements = elements(tokens);
        int textNodes = 0;
        for (int i = 1; i + 1 < tokens.size(); i++) {
            boolean simple = isStart(tokens.get(i - 1)) && tokens.get(i + 1).startsWith("</");
            if (simple) {
                boolean first = names.add(tokens.get(i + 1));
                for (int j = 0; j < (first ? AWKWARD.size() : 2); j++) {
                    String value = AWKWARD.get((first ? j : textNodes * 2 + j * 17) % AWKWARD.size());
                    out.add(replace(tokens, i, i, value));
                }
                textNodes++;
            }
        }
        for (int e = 0; e < elements.size(); e++) {
            int[] element = elements.get(e);
            String whole = join(tokens, element[0], element[1]);
            out.add(replace(tokens, element[0], element[1], ""));
            out.add(replace(tokens, element[0], element[1], whole + whole));
            int[] next = e + 1 < elements.size() ? elements.get(e + 1) : null;
            if (next != null && next[0] == element[1] + 1) {
                out.add(replace(tokens, element[0], next[1], join(tokens, next[0], next[1]) + whole));
            }
            String start = tokens.get(element[0]);
            String renamed = start.replaceFirst("^<([\\w.-]+:)?([\\w.-]+)", "<$1$2X");
            if (element[0] == element[1]) {
                out.add(replace(tokens, element[0], element[0], renamed));
            } else {
                String end = tokens.get(element[1]).replaceFirst("^</([\\w.-]+:)?([\\w.-]+)", "</$1$2X");
                List<String> copy = new ArrayList<>(tokens);
                copy.set(element[0], renamed);
                copy.set(element[1], end);
                out.add(String.join("", copy));
            }
            String attribute = List.of(" foo=\"1\"", " ei:foo=\"1\"", " xmlns:zz=\"urn:z\"", " oadr:Id=\"x\"",
                    " xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
                    " ei:schemaVersion=\"2.0b\"").get(e % 6);
            int close = start.endsWith("/>") ? start.length() - 2 : start.length() - 1;
            out.add(replace(tokens, element[0], element[0], start.substring(0, close) + attribute
                    + start.substring(close)));
        }
        out.addAll(wholeDocument(document));
        return out;
    }

    private static List<String> wholeDocument(String document) {
        String body = document.startsWith("\uFEFF") ? document.substring(1) : document;
        String noDeclaration = body.startsWith("<?xml") ? body.substring(body.indexOf("?>") + 2) : body;
        List<String> out = new ArrayList<>(List.of("\uFEFF" + noDeclaration, noDeclaration,
                "<?xml version=\"1.1\"?>" + noDeclaration,
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + noDeclaration,
                "<?xml version=\"1.0\" standalone=\"maybe\"?>" + noDeclaration,
                "<?XML version=\"1.0\"?>" + noDeclaration,
                " <?xml version=\"1.0\"?>" + noDeclaration, "<?xml version=\"1.0\"?><!-- c -->" + noDeclaration,
                "<?xml version=\"1.0\"?><?pi x?>" + noDeclaration, "<!DOCTYPE oadrPayload>" + noDeclaration,
                body + "<!-- after -->", body + "<?pi after?>", body + " trailing", body + "<extra/>", body + "\n\n",
                body.replace("><", ">\r\n<"), body.replace("><", ">\t<"), body.replace("><", "> x <"),
                body.replaceFirst("</([\\w:.-]+)>", "</$1 >"), body.replace("\"", "'"),
                body.replaceFirst("<ei:eventID>([^<]*)<", "<ei:eventID><![CDATA[$1]]><"),
                body.replaceFirst("<ei:eventID>([^<]*)<", "<ei:eventID>$1<!-- c --><")));
        for (int cut = 1; cut < 25; cut++) {
            out.add(body.substring(0, body.length() * cut / 25));
        }
        return out;
    }

    /** Each element as the indexes of its start and end tokens (the same for {@code <x/>}), in document order. */
    private static List<int[]> elements(List<String> tokens) {
        List<int[]> elements = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.startsWith("</")) {
                open.pop()[1] = i;
            } else if (isStart(token) && token.endsWith("/>")) {
                elements.add(new int[]{i, i});
            } else if (isStart(token)) {
                int[] element = {i, -1};
                elements.add(element);
                open.push(element);
            }
        }
        return elements;
    }

    private static boolean isStart(String token) {
        return token.startsWith("<") && !token.startsWith("</") && !token.startsWith("<?") && !token.startsWith("<!");
    }

    private static String replace(List<String> tokens, int from, int to, String with) {
        return join(tokens, 0, from - 1) + with + join(tokens, to + 1, tokens.size() - 1);
    }

    private static String join(List<String> tokens, int from, int to) {
        return from > to ? "" : String.join("", tokens.subList(from, to + 1));
    }

    private static OpenAdrXmlException catchRefusal(String document) {
        try {
            XML.unmarshal(document.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (OpenAdrXmlException e) {
            return e;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
