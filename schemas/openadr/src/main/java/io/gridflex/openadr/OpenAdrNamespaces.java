package io.gridflex.openadr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The XML namespaces of OpenADR 2.0b and the prefixes GridFlex writes them with. */
public final class OpenAdrNamespaces {

    public static final String OADR = "http://openadr.org/oadr-2.0b/2012/07";
    public static final String EI = "http://docs.oasis-open.org/ns/energyinterop/201110";
    public static final String PYLD = "http://docs.oasis-open.org/ns/energyinterop/201110/payloads";
    public static final String XCAL = "urn:ietf:params:xml:ns:icalendar-2.0";
    public static final String STRM = "urn:ietf:params:xml:ns:icalendar-2.0:stream";
    public static final String EMIX = "http://docs.oasis-open.org/ns/emix/2011/06";
    public static final String POWER = "http://docs.oasis-open.org/ns/emix/2011/06/power";
    public static final String SCALE = "http://docs.oasis-open.org/ns/emix/2011/06/siscale";
    public static final String GML = "http://www.opengis.net/gml/3.2";
    public static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    public static final String DSIG11 = "http://www.w3.org/2009/xmldsig11#";
    public static final String DSP = "http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties";

    /** Namespace to prefix, in the order they are declared on {@code oadrPayload}. */
    public static final Map<String, String> PREFIXES = prefixes();

    private OpenAdrNamespaces() {
    }

    private static Map<String, String> prefixes() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put(OADR, "oadr");
        prefixes.put(EI, "ei");
        prefixes.put(PYLD, "pyld");
        prefixes.put(XCAL, "xcal");
        prefixes.put(STRM, "strm");
        prefixes.put(EMIX, "emix");
        prefixes.put(POWER, "power");
        prefixes.put(SCALE, "scale");
        prefixes.put(GML, "gml");
        prefixes.put(DS, "ds");
        prefixes.put(DSIG11, "dsig11");
        prefixes.put(DSP, "dsp");
        return Collections.unmodifiableMap(prefixes);
    }
}
