package io.gridflex.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A corpus of payloads no VEN may act on, each a mutation of a valid message: truncated, in wrong namespaces, with a
 * DTD (external entities, entity expansion), schema-invalid values or missing parts, an unknown element, from another
 * vtnID, or not XML at all. Every mutation is one that cannot leave the message valid, so a test can demand that none
 * is stored. Generated from a seed: the same corpus every run.
 */
public final class BrokenPayloads {

    private static final String OADR_NS = "http://openadr.org/oadr-2.0b/2012/07";
    private static final String EI_NS = "http://docs.oasis-open.org/ns/energyinterop/201110";
    private static final List<String> DOCTYPES = List.of(
            "<!DOCTYPE oadrPayload [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
            "<!DOCTYPE oadrPayload [<!ENTITY x SYSTEM \"http://127.0.0.1:1/x\">]>",
            "<!DOCTYPE oadrPayload [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p.dtd\"> %p;]>",
            "<!DOCTYPE oadrPayload [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
            "<!DOCTYPE oadrPayload SYSTEM \"http://127.0.0.1:1/oadr.dtd\">",
            "<!DOCTYPE oadrPayload [<!ELEMENT oadrPayload ANY>]>");
    /** Elements of a schema type that garbage cannot satisfy (xs:long, xs:dateTime, xs:float, an enumeration). */
    private static final List<String> TYPED = List.of("modificationNumber", "date-time", "value", "eventStatus",
            "createdDateTime");

    private BrokenPayloads() {
    }

    /**
     * @param valid makes a valid message for an event id (each mutation gets an id of its own, {@code prefix-<n>})
     * @return at least {@code count} broken bodies
     */
    public static List<byte[]> corpus(Function<String, String> valid, String prefix, int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> corpus = new ArrayList<>();
        int n = 0;
        while (corpus.size() < count) {
            String xml = valid.apply(prefix + "-" + n++);
            String mutated = switch (corpus.size() % 10) {
                case 0, 1, 2 -> xml.substring(0, xml.length() / 20 + random.nextInt(xml.length() * 9 / 10));
                case 3 -> xml.replace(random.nextBoolean() ? OADR_NS : EI_NS,
                        List.of("http://openadr.org/oadr-2.0a/2012/07", "http://example.com/evil", "",
                                EI_NS + "/x", OADR_NS.toUpperCase()).get(random.nextInt(5)));
                case 4 -> withDoctype(xml, DOCTYPES.get(random.nextInt(DOCTYPES.size())));
                case 5 -> typedValue(xml, TYPED.get(random.nextInt(TYPED.size())), random);
                case 6 -> without(xml, List.of("eiActivePeriod", "eventDescriptor", "eiEventSignals", "eiTarget",
                        "vtnID").get(random.nextInt(5)));
                case 7 -> replaceText(xml, "vtnID", "vtn-" + Long.toHexString(random.nextLong()));
                case 8 -> unknownElement(xml, "unknown" + random.nextInt(100));
                default -> notXml(random);
            };
            if (mutated.equals(xml)) {
                throw new IllegalStateException("mutation " + corpus.size() + " left the message as it was");
            }
            corpus.add(mutated.getBytes(StandardCharsets.UTF_8));
        }
        return corpus;
    }

    /** An element oadrSignedObject cannot hold, before its message. */
    private static String unknownElement(String xml, String name) {
        Matcher matcher = Pattern.compile("<(\\w+:)?oadrSignedObject\\b[^>]*>").matcher(xml);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no oadrSignedObject in the valid message");
        }
        return xml.substring(0, matcher.end()) + "<" + name + ">x</" + name + ">" + xml.substring(matcher.end());
    }

    private static String withDoctype(String xml, String doctype) {
        String body = xml.startsWith("<?xml") ? xml.substring(xml.indexOf("?>") + 2) : xml;
        String entityUse = doctype.contains("ENTITY d") ? "&d;" : doctype.contains("ENTITY x") ? "&x;" : "";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype
                + replaceText(body, "vtnID", entityUse.isEmpty() ? null : entityUse);
    }

    /** A typed element's text replaced by something its type does not allow. */
    private static String typedValue(String xml, String element, Random random) {
        String garbage = List.of("abc", "-", "1e999x", "yesterday", "PT10X", "sometimes", "", " ")
                .get(random.nextInt(8)) + (random.nextBoolean() ? "!" : "?");
        return replaceText(xml, element, garbage);
    }

    /** The first element of that local name (any prefix) and its content removed. */
    private static String without(String xml, String element) {
        Matcher matcher = Pattern.compile("<(\\w+:)?" + element + "\\b[^>]*>.*?</(\\w+:)?" + element + ">",
                Pattern.DOTALL).matcher(xml);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no element " + element + " in the valid message");
        }
        return xml.substring(0, matcher.start()) + xml.substring(matcher.end());
    }

    /** The text of the first element of that local name replaced; null keeps it. */
    private static String replaceText(String xml, String element, String text) {
        if (text == null) {
            return xml;
        }
        Matcher matcher = Pattern.compile("(<(\\w+:)?" + element + "\\b[^>]*>)([^<]*)(</)").matcher(xml);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no element " + element + " in the valid message");
        }
        return xml.substring(0, matcher.start(3)) + text + xml.substring(matcher.end(3));
    }

    private static String notXml(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "{\"oadrDistributeEvent\": {\"vtnID\": \"x\"}}";
            case 1 -> "oadrDistributeEvent vtnID=x";
            default -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                bytes[0] = 'A';
                yield new String(bytes, StandardCharsets.ISO_8859_1);
            }
        };
    }
}
