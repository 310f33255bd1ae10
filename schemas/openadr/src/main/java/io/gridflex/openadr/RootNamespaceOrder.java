package io.gridflex.openadr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the namespace declarations on {@code oadrPayload} in the customary OpenADR order (oadr, ei, pyld, xcal, strm,
 * emix, power, ...). JAXB declares every namespace of its context on the root in an order of its own choosing, which
 * makes otherwise identical messages read differently; the order has no meaning to a parser.
 */
final class RootNamespaceOrder {

    private static final Pattern DECLARATION = Pattern.compile("\\s+xmlns:([\\w.-]+)=\"([^\"]*)\"");
    private static final List<String> ORDER = List.copyOf(OpenAdrNamespaces.PREFIXES.values());

    private RootNamespaceOrder() {
    }

    /** @param xml a document JAXB just wrote, whose root start tag carries only namespace declarations */
    static String apply(String xml) {
        int start = xml.indexOf("<oadr:oadrPayload");
        int end = start < 0 ? -1 : xml.indexOf('>', start);
        if (end < 0) {
            return xml;
        }
        boolean selfClosing = xml.charAt(end - 1) == '/';
        String tag = xml.substring(start + "<oadr:oadrPayload".length(), selfClosing ? end - 1 : end);
        List<String[]> declarations = new ArrayList<>();
        Matcher m = DECLARATION.matcher(tag);
        int matched = 0;
        while (m.find()) {
            declarations.add(new String[]{m.group(1), m.group(2)});
            matched += m.group().length();
        }
        if (matched != tag.length()) {
            return xml; // Something other than prefixed declarations is on the root: leave it exactly as written.
        }
        declarations.sort(Comparator.comparingInt(RootNamespaceOrder::rank).thenComparing(d -> d[0]));
        StringBuilder root = new StringBuilder("<oadr:oadrPayload");
        for (String[] d : declarations) {
            root.append(" xmlns:").append(d[0]).append("=\"").append(d[1]).append('"');
        }
        root.append(selfClosing ? "/>" : ">");
        return xml.substring(0, start) + root + xml.substring(end + 1);
    }

    private static int rank(String[] declaration) {
        int index = ORDER.indexOf(declaration[0]);
        return index < 0 ? ORDER.size() : index;
    }
}
