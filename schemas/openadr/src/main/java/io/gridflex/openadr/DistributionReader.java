package io.gridflex.openadr;

import static io.gridflex.openadr.OpenAdrNamespaces.EI;
import static io.gridflex.openadr.OpenAdrNamespaces.EMIX;
import static io.gridflex.openadr.OpenAdrNamespaces.OADR;
import static io.gridflex.openadr.OpenAdrNamespaces.POWER;
import static io.gridflex.openadr.OpenAdrNamespaces.PYLD;
import static io.gridflex.openadr.OpenAdrNamespaces.SCALE;
import static io.gridflex.openadr.OpenAdrNamespaces.STRM;
import static io.gridflex.openadr.OpenAdrNamespaces.XCAL;

import java.util.List;
import java.util.function.Function;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Element;

import io.gridflex.openadr.model.ei.CurrentValueType;
import io.gridflex.openadr.model.ei.EiActivePeriodType;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.EiEventSignalsType;
import io.gridflex.openadr.model.ei.EiEventType;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.ei.EiTargetType;
import io.gridflex.openadr.model.ei.EventDescriptorType;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.SignalPayloadType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;
import io.gridflex.openadr.model.oadr.CurrencyItemDescriptionType;
import io.gridflex.openadr.model.oadr.CurrencyType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrSignedObject;
import io.gridflex.openadr.model.oadr.ResponseRequiredType;
import io.gridflex.openadr.model.power.PowerAttributesType;
import io.gridflex.openadr.model.power.PowerRealType;
import io.gridflex.openadr.model.siscale.SiScaleCodeType;
import io.gridflex.openadr.model.strm.Intervals;
import io.gridflex.openadr.model.xcal.Dtstart;
import io.gridflex.openadr.model.xcal.DurationPropType;
import io.gridflex.openadr.model.xcal.Properties;
import io.gridflex.openadr.model.xcal.Uid;

/**
 * Reads an unsigned {@code oadrDistributeEvent}, the message a VEN reads most and the largest, straight into the
 * generated model, checking it against our schema as it goes, about five times faster than the general reader.
 * <p>
 * It reads the events VTNs write: {@code SIMPLE}, {@code LOAD_DISPATCH}, {@code LOAD_CONTROL} and other signals with
 * {@code payloadFloat} values, a {@code powerReal} or currency unit or none, targets by group, resource, VEN or party. Anything
 * else, from a signature or a baseline to a value in an unusual lexical form, and everything not well-formed or not
 * valid, makes {@link #read} return null, and {@link OpenAdrXml} reads the document with the general reader, which
 * accepts or refuses it. So this reader never refuses anything itself and never accepts what the general one refuses;
 * {@code DistributionReaderTest} holds it to that, and to binding exactly what the general reader binds, over the
 * captured third-party messages and thousands of altered ones.
 */
final class DistributionReader {

    private static final io.gridflex.openadr.model.ei.ObjectFactory EI_ELEMENTS = new io.gridflex.openadr.model.ei.ObjectFactory();
    private static final io.gridflex.openadr.model.power.ObjectFactory POWER_ELEMENTS = new io.gridflex.openadr.model.power.ObjectFactory();
    private static final io.gridflex.openadr.model.oadr.ObjectFactory OADR_ELEMENTS = new io.gridflex.openadr.model.oadr.ObjectFactory();
    private static final DOMImplementation DOM = domImplementation();
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final List<String> SIGNAL_NAMES = List.of("SIMPLE", "simple", "ELECTRICITY_PRICE", "ENERGY_PRICE",
            "DEMAND_CHARGE", "BID_PRICE", "BID_LOAD", "BID_ENERGY", "CHARGE_STATE", "LOAD_DISPATCH", "LOAD_CONTROL");

    private DistributionReader() {
    }

    /**
     * The payload, or null when the document is not an unsigned distribution this reader can vouch for. Never throws:
     * should this reader ever fail unexpectedly, the general reader still reads the document.
     */
    static OadrPayload read(byte[] xml) {
        try {
            return readStrictly(xml);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@link #read}, letting an unexpected failure through: for the tests. */
    static OadrPayload readStrictly(byte[] xml) {
        try {
            return payload(new StrictXmlCursor(xml));
        } catch (OutsideFastPath e) {
            return null;
        }
    }

    private static OadrPayload payload(StrictXmlCursor x) {
        x.open(OADR, "oadrPayload");
        OadrSignedObject signed = new OadrSignedObject();
        String id = x.open(OADR, "oadrSignedObject", OADR, "Id");
        signed.setId(id == null ? null : StrictValues.id(id));
        signed.setOadrDistributeEvent(distribution(x));
        x.close();
        x.close();
        x.finish();
        OadrPayload payload = new OadrPayload();
        payload.setOadrSignedObject(signed);
        return payload;
    }

    private static OadrDistributeEventType distribution(StrictXmlCursor x) {
        OadrDistributeEventType distribution = new OadrDistributeEventType();
        String version = x.open(OADR, "oadrDistributeEvent", EI, "schemaVersion");
        if (version != null && !version.equals("2.0b") && !version.equals("2.0a")) {
            throw OutsideFastPath.INSTANCE;
        }
        distribution.setSchemaVersion(version);
        if (x.at(EI, "eiResponse")) {
            distribution.setEiResponse(response(x));
        }
        distribution.setRequestID(string(x, PYLD, "requestID"));
        distribution.setVtnID(string(x, EI, "vtnID"));
        while (x.at(OADR, "oadrEvent")) {
            distribution.getOadrEvent().add(event(x));
        }
        x.close();
        return distribution;
    }

    private static EiResponseType response(StrictXmlCursor x) {
        x.open(EI, "eiResponse");
        EiResponseType response = new EiResponseType();
        String code = string(x, EI, "responseCode");
        if (!StrictValues.isResponseCode(code)) {
            throw OutsideFastPath.INSTANCE;
        }
        response.setResponseCode(code);
        if (x.at(EI, "responseDescription")) {
            response.setResponseDescription(string(x, EI, "responseDescription"));
        }
        response.setRequestID(string(x, PYLD, "requestID"));
        x.close();
        return response;
    }

    private static OadrDistributeEventType.OadrEvent event(StrictXmlCursor x) {
        x.open(OADR, "oadrEvent");
        x.open(EI, "eiEvent");
        EiEventType ei = new EiEventType();
        ei.setEventDescriptor(descriptor(x));
        ei.setEiActivePeriod(activePeriod(x));
        ei.setEiEventSignals(signals(x));
        ei.setEiTarget(target(x));
        x.close();
        OadrDistributeEventType.OadrEvent event = new OadrDistributeEventType.OadrEvent();
        event.setEiEvent(ei);
        event.setOadrResponseRequired(switch (string(x, OADR, "oadrResponseRequired")) {
            case "always" -> ResponseRequiredType.ALWAYS;
            case "never" -> ResponseRequiredType.NEVER;
            default -> throw OutsideFastPath.INSTANCE;
        });
        x.close();
        return event;
    }

    private static EventDescriptorType descriptor(StrictXmlCursor x) {
        x.open(EI, "eventDescriptor");
        EventDescriptorType descriptor = new EventDescriptorType();
        descriptor.setEventID(string(x, EI, "eventID"));
        descriptor.setModificationNumber(StrictValues.unsignedInt(string(x, EI, "modificationNumber")));
        if (x.at(EI, "modificationDateTime")) {
            descriptor.setModificationDateTime(StrictValues.dateTime(string(x, EI, "modificationDateTime")));
        }
        if (x.at(EI, "modificationReason")) {
            descriptor.setModificationReason(string(x, EI, "modificationReason"));
        }
        if (x.at(EI, "priority")) {
            descriptor.setPriority(StrictValues.unsignedInt(string(x, EI, "priority")));
        }
        x.open(EI, "eiMarketContext");
        EventDescriptorType.EiMarketContext market = new EventDescriptorType.EiMarketContext();
        market.setMarketContext(StrictValues.marketContext(string(x, EMIX, "marketContext")));
        x.close();
        descriptor.setEiMarketContext(market);
        descriptor.setCreatedDateTime(StrictValues.dateTime(string(x, EI, "createdDateTime")));
        descriptor.setEventStatus(constant(EventStatusEnumeratedType.values(), EventStatusEnumeratedType::value,
                string(x, EI, "eventStatus")));
        if (x.at(EI, "testEvent")) {
            descriptor.setTestEvent(string(x, EI, "testEvent"));
        }
        if (x.at(EI, "vtnComment")) {
            descriptor.setVtnComment(string(x, EI, "vtnComment"));
        }
        x.close();
        return descriptor;
    }

    private static EiActivePeriodType activePeriod(StrictXmlCursor x) {
        x.open(EI, "eiActivePeriod");
        x.open(XCAL, "properties");
        Properties properties = new Properties();
        properties.setDtstart(dtstart(x));
        properties.setDuration(duration(x, XCAL, "duration"));
        if (x.at(XCAL, "tolerance")) {
            x.open(XCAL, "tolerance");
            x.open(XCAL, "tolerate");
            Properties.Tolerance.Tolerate tolerate = new Properties.Tolerance.Tolerate();
            if (x.at(XCAL, "startafter")) {
                tolerate.setStartafter(StrictValues.duration(string(x, XCAL, "startafter")));
            }
            x.close();
            x.close();
            Properties.Tolerance tolerance = new Properties.Tolerance();
            tolerance.setTolerate(tolerate);
            properties.setTolerance(tolerance);
        }
        if (x.at(EI, "x-eiNotification")) {
            properties.setXEiNotification(duration(x, EI, "x-eiNotification"));
        }
        if (x.at(EI, "x-eiRampUp")) {
            properties.setXEiRampUp(duration(x, EI, "x-eiRampUp"));
        }
        if (x.at(EI, "x-eiRecovery")) {
            properties.setXEiRecovery(duration(x, EI, "x-eiRecovery"));
        }
        x.close();
        EiActivePeriodType period = new EiActivePeriodType();
        period.setProperties(properties);
        period.setComponents(components(x));
        x.close();
        return period;
    }

    /**
     * {@code xcal:components} may hold anything; peers write it nil or empty. JAXB binds nil to null and an empty one
     * to a DOM element of that name carrying the namespace declarations in scope as attributes (no one reads it; it
     * is written back from them).
     */
    private static Element components(StrictXmlCursor x) {
        String nil = x.open(XCAL, "components", XSI, "nil");
        String prefix = x.openedPrefix();
        List<String[]> namespaces = nil == null ? x.namespacesInScope() : List.of();
        if (!x.text().isEmpty() || nil != null && !nil.equals("true")) {
            throw OutsideFastPath.INSTANCE;
        }
        if (nil != null) {
            return null;
        }
        Element components = DOM.createDocument(null, null, null).createElementNS(XCAL,
                prefix == null ? "components" : prefix + ":components");
        for (String[] namespace : namespaces) {
            components.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI,
                    namespace[0].isEmpty() ? "xmlns" : "xmlns:" + namespace[0], namespace[1]);
        }
        return components;
    }

    private static EiEventSignalsType signals(StrictXmlCursor x) {
        x.open(EI, "eiEventSignals");
        EiEventSignalsType signals = new EiEventSignalsType();
        do {
            signals.getEiEventSignal().add(signal(x));
        } while (x.at(EI, "eiEventSignal"));
        x.close();
        return signals;
    }

    private static EiEventSignalType signal(StrictXmlCursor x) {
        x.open(EI, "eiEventSignal");
        EiEventSignalType signal = new EiEventSignalType();
        x.open(STRM, "intervals");
        Intervals intervals = new Intervals();
        do {
            intervals.getInterval().add(interval(x));
        } while (x.at(EI, "interval"));
        x.close();
        signal.setIntervals(intervals);
        if (x.at(EI, "eiTarget")) {
            signal.setEiTarget(target(x));
        }
        String name = string(x, EI, "signalName");
        if (!SIGNAL_NAMES.contains(name) && !StrictValues.isExtensionToken(name)) {
            throw OutsideFastPath.INSTANCE;
        }
        signal.setSignalName(name);
        signal.setSignalType(constant(SignalTypeEnumeratedType.values(), SignalTypeEnumeratedType::value,
                string(x, EI, "signalType")));
        signal.setSignalID(string(x, EI, "signalID"));
        if (x.at(POWER, "powerReal")) {
            signal.setItemBase(POWER_ELEMENTS.createPowerReal(powerReal(x)));
        } else if (x.at(OADR, "currencyPerKWh")) {
            signal.setItemBase(OADR_ELEMENTS.createCurrencyPerKWh(currency(x, "currencyPerKWh")));
        } else if (x.at(OADR, "currencyPerKW")) {
            signal.setItemBase(OADR_ELEMENTS.createCurrencyPerKW(currency(x, "currencyPerKW")));
        } else if (x.at(OADR, "currency")) {
            signal.setItemBase(OADR_ELEMENTS.createCurrency(currency(x, "currency")));
        }
        if (x.at(EI, "currentValue")) {
            x.open(EI, "currentValue");
            CurrentValueType current = new CurrentValueType();
            current.setPayloadFloat(payloadFloat(x));
            x.close();
            signal.setCurrentValue(current);
        }
        x.close();
        return signal;
    }

    private static IntervalType interval(StrictXmlCursor x) {
        x.open(EI, "interval");
        IntervalType interval = new IntervalType();
        if (x.at(XCAL, "dtstart")) {
            interval.setDtstart(dtstart(x));
        }
        if (x.at(XCAL, "duration")) {
            interval.setDuration(duration(x, XCAL, "duration"));
        }
        if (x.at(XCAL, "uid")) {
            x.open(XCAL, "uid");
            Uid uid = new Uid();
            uid.setText(string(x, XCAL, "text"));
            x.close();
            interval.setUid(uid);
        }
        do {
            x.open(EI, "signalPayload");
            SignalPayloadType payload = new SignalPayloadType();
            payload.setPayloadBase(EI_ELEMENTS.createPayloadFloat(payloadFloat(x)));
            x.close();
            interval.getStreamPayloadBase().add(EI_ELEMENTS.createSignalPayload(payload));
        } while (x.at(EI, "signalPayload"));
        x.close();
        return interval;
    }

    private static PayloadFloatType payloadFloat(StrictXmlCursor x) {
        x.open(EI, "payloadFloat");
        PayloadFloatType value = new PayloadFloatType();
        value.setValue(StrictValues.decimalFloat(string(x, EI, "value")));
        x.close();
        return value;
    }

    private static PowerRealType powerReal(StrictXmlCursor x) {
        x.open(POWER, "powerReal");
        PowerRealType power = new PowerRealType();
        power.setItemDescription(fixed(string(x, POWER, "itemDescription"), "RealPower"));
        String units = string(x, POWER, "itemUnits");
        if (!units.equals("W") && !units.equals("J/s")) {
            throw OutsideFastPath.INSTANCE;
        }
        power.setItemUnits(units);
        power.setSiScaleCode(
                constant(SiScaleCodeType.values(), SiScaleCodeType::value, string(x, SCALE, "siScaleCode")));
        x.open(POWER, "powerAttributes");
        PowerAttributesType attributes = new PowerAttributesType();
        attributes.setHertz(StrictValues.decimal(string(x, POWER, "hertz")));
        attributes.setVoltage(StrictValues.decimal(string(x, POWER, "voltage")));
        attributes.setAc(StrictValues.bool(string(x, POWER, "ac")));
        x.close();
        power.setPowerAttributes(attributes);
        x.close();
        return power;
    }

    private static CurrencyType currency(StrictXmlCursor x, String element) {
        x.open(OADR, element);
        CurrencyType currency = new CurrencyType();
        currency.setItemDescription(constant(CurrencyItemDescriptionType.values(), CurrencyItemDescriptionType::value,
                string(x, OADR, "itemDescription")));
        String code = string(x, OADR, "itemUnits");
        if (code.length() != 3 || !isUpper(code.charAt(0)) || !isUpper(code.charAt(1)) || !isUpper(code.charAt(2))) {
            throw OutsideFastPath.INSTANCE;
        }
        currency.setItemUnits(code);
        currency.setSiScaleCode(
                constant(SiScaleCodeType.values(), SiScaleCodeType::value, string(x, SCALE, "siScaleCode")));
        x.close();
        return currency;
    }

    /** The targets by name; an asset, a node or a service area leaves the fast path. */
    private static EiTargetType target(StrictXmlCursor x) {
        x.open(EI, "eiTarget");
        EiTargetType target = new EiTargetType();
        while (x.at(EI, "groupID")) {
            target.getGroupID().add(string(x, EI, "groupID"));
        }
        while (x.at(EI, "groupName")) {
            target.getGroupName().add(string(x, EI, "groupName"));
        }
        while (x.at(EI, "resourceID")) {
            target.getResourceID().add(string(x, EI, "resourceID"));
        }
        while (x.at(EI, "venID")) {
            target.getVenID().add(string(x, EI, "venID"));
        }
        while (x.at(EI, "partyID")) {
            target.getPartyID().add(string(x, EI, "partyID"));
        }
        x.close();
        return target;
    }

    private static Dtstart dtstart(StrictXmlCursor x) {
        x.open(XCAL, "dtstart");
        Dtstart start = new Dtstart();
        start.setDateTime(StrictValues.dateTime(string(x, XCAL, "date-time")));
        x.close();
        return start;
    }

    private static DurationPropType duration(StrictXmlCursor x, String namespace, String name) {
        x.open(namespace, name);
        DurationPropType duration = new DurationPropType();
        duration.setDuration(StrictValues.duration(string(x, XCAL, "duration")));
        x.close();
        return duration;
    }

    private static String string(StrictXmlCursor x, String namespace, String name) {
        x.open(namespace, name);
        return x.text();
    }

    private static String fixed(String value, String required) {
        if (!value.equals(required)) {
            throw OutsideFastPath.INSTANCE;
        }
        return value;
    }

    /** The constant whose schema value is exactly {@code text} (no whitespace collapsing: that is left to JAXB). */
    private static <E extends Enum<E>> E constant(E[] constants, Function<E, String> value, String text) {
        for (E constant : constants) {
            if (value.apply(constant).equals(text)) {
                return constant;
            }
        }
        throw OutsideFastPath.INSTANCE;
    }

    private static DOMImplementation domImplementation() {
        try {
            return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().getDOMImplementation();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
