package io.gridflex.gateway.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.gridflex.openadr.XcalTime;

/**
 * oadrDistributeEvent text written the way a third-party VTN (OpenLEADR) writes it: its namespace habits, the signal
 * after its intervals, the outer eiResponse's requestID "None", whole-second durations. Tests parse it with the same
 * codec as the gateway, so what they feed the validator is schema-valid OpenADR 2.0b, not our own model's output.
 */
public final class VtnXml {

    private VtnXml() {
    }

    /** A signal: name and type as written, one value (as the VTN writes the float) per interval of {@code each}. */
    public record Signal(String name, String type, Duration each, List<String> values, String item) {

        public Signal withItem(String itemXml) {
            return new Signal(name, type, each, values, itemXml);
        }

        Duration total() {
            return each.multipliedBy(values.size());
        }
    }

    public static Signal signal(String name, String type, Duration each, String... values) {
        return new Signal(name, type, each, List.of(values), "");
    }

    /** The powerReal item: W with an SI prefix ({@code k}, {@code M}, {@code none}...). */
    public static String powerReal(String units, String scale) {
        return """
                <power:powerReal xmlns:scale="http://docs.oasis-open.org/ns/emix/2011/06/siscale" \
                xmlns:power="http://docs.oasis-open.org/ns/emix/2011/06/power" >\
                <power:itemDescription>RealPower</power:itemDescription>\
                <power:itemUnits>%s</power:itemUnits><scale:siScaleCode>%s</scale:siScaleCode>\
                <power:powerAttributes><power:hertz>50</power:hertz><power:voltage>230</power:voltage>\
                <power:ac>true</power:ac></power:powerAttributes></power:powerReal>""".formatted(units, scale);
    }

    /** A currency item such as {@code currencyPerKWh} in {@code EUR}, scale {@code none} or {@code k}. */
    public static String currency(String element, String description, String currency, String scale) {
        return """
                <oadr:%1$s xmlns:scale="http://docs.oasis-open.org/ns/emix/2011/06/siscale" \
                xmlns:power="http://docs.oasis-open.org/ns/emix/2011/06/power" >\
                <oadr:itemDescription>%2$s</oadr:itemDescription><oadr:itemUnits>%3$s</oadr:itemUnits>\
                <scale:siScaleCode>%4$s</scale:siScaleCode></oadr:%1$s>""".formatted(element, description, currency,
                scale);
    }

    public static Event event(String eventId, Instant start) {
        return new Event(eventId, start);
    }

    /** One oadrEvent; targets our venID unless told otherwise. */
    public static final class Event {

        private final String eventId;
        private final Instant start;
        private long modification;
        private String status = "far";
        private String marketContext = "oadr://utility.example/programs/fast-dr";
        private final List<Signal> signals = new ArrayList<>();
        private final List<String> groupIds = new ArrayList<>();
        private final List<String> resourceIds = new ArrayList<>();
        private final List<String> venIds = new ArrayList<>();
        private Duration startAfter;
        private boolean test;
        private String responseRequired = "always";
        private boolean optionalElements;

        private Event(String eventId, Instant start) {
            this.eventId = eventId;
            this.start = start;
        }

        public String eventId() {
            return eventId;
        }

        public Event modification(long number) {
            this.modification = number;
            return this;
        }

        public Event status(String eventStatus) {
            this.status = eventStatus;
            return this;
        }

        public Event marketContext(String context) {
            this.marketContext = context;
            return this;
        }

        public Event signal(Signal signal) {
            signals.add(signal);
            return this;
        }

        public Event ven(String venId) {
            venIds.add(venId);
            return this;
        }

        public Event group(String groupId) {
            groupIds.add(groupId);
            return this;
        }

        public Event resource(String resourceId) {
            resourceIds.add(resourceId);
            return this;
        }

        public Event startAfter(Duration randomization) {
            this.startAfter = randomization;
            return this;
        }

        public Event test() {
            this.test = true;
            return this;
        }

        /**
         * Writes every optional element the 2.0b schema allows in an event and GridFlex does not act on:
         * modificationReason, vtnComment, x-eiRampUp and x-eiRecovery, the signal's device-class target and
         * currentValue, and an eiEventBaseline.
         */
        public Event withEveryOptionalElement() {
            this.optionalElements = true;
            return this;
        }

        /** {@code always} (the default) or {@code never}. */
        public Event responseRequired(String when) {
            this.responseRequired = when;
            return this;
        }

        String xml() {
            if (signals.isEmpty()) {
                throw new IllegalStateException("an event needs a signal");
            }
            Duration total = signals.getFirst().total();
            StringBuilder out = new StringBuilder("<oadr:oadrEvent><ei:eiEvent><ei:eventDescriptor>")
                    .append(element("ei:eventID", eventId))
                    .append(element("ei:modificationNumber", Long.toString(modification)))
                    .append(element("ei:modificationDateTime", "2026-12-02T05:22:44.929767Z"))
                    .append(optionalElements ? element("ei:modificationReason", "rescheduled by the operator") : "")
                    .append(element("ei:priority", optionalElements ? "4294967295" : "0"))
                    .append("<ei:eiMarketContext><marketContext xmlns=\"http://docs.oasis-open.org/ns/emix/2011/06\">")
                    .append(marketContext).append("</marketContext></ei:eiMarketContext>")
                    .append(element("ei:createdDateTime", "2026-12-02T05:22:44.000000Z"))
                    .append(element("ei:eventStatus", status))
                    .append(element("ei:testEvent", Boolean.toString(test)))
                    .append(optionalElements ? element("ei:vtnComment", "peak on feeder 12 &amp; 14") : "")
                    .append("</ei:eventDescriptor><ei:eiActivePeriod>")
                    .append("<properties xmlns=\"urn:ietf:params:xml:ns:icalendar-2.0\">")
                    .append("<dtstart><date-time>").append(XcalTime.toDateTime(start)).append("</date-time></dtstart>")
                    .append("<duration><duration>").append(XcalTime.formatDuration(total))
                    .append("</duration></duration>");
            if (startAfter != null) {
                out.append("<tolerance><tolerate><startafter>").append(XcalTime.formatDuration(startAfter))
                        .append("</startafter></tolerate></tolerance>");
            }
            out.append("<ei:x-eiNotification><duration>PT1H</duration></ei:x-eiNotification>");
            if (optionalElements) {
                out.append("<ei:x-eiRampUp><duration>PT5M</duration></ei:x-eiRampUp>")
                        .append("<ei:x-eiRecovery><duration>PT10M</duration></ei:x-eiRecovery>");
            }
            out.append("</properties>")
                    .append("<components xmlns=\"urn:ietf:params:xml:ns:icalendar-2.0\" /></ei:eiActivePeriod>")
                    .append("        <ei:eiEventSignals>");
            for (int s = 0; s < signals.size(); s++) {
                out.append(signalXml(signals.get(s), s));
            }
            if (optionalElements) {
                out.append(baselineXml(total));
            }
            out.append("        </ei:eiEventSignals><ei:eiTarget>");
            groupIds.forEach(id -> out.append(element("ei:groupID", id)));
            resourceIds.forEach(id -> out.append(element("ei:resourceID", id)));
            venIds.forEach(id -> out.append(element("ei:venID", id)));
            return out.append("</ei:eiTarget>    </ei:eiEvent>")
                    .append(element("oadr:oadrResponseRequired", responseRequired))
                    .append("</oadr:oadrEvent>").toString();
        }

        private String signalXml(Signal signal, int index) {
            StringBuilder out = new StringBuilder("<ei:eiEventSignal><strm:intervals ")
                    .append("xmlns:strm=\"urn:ietf:params:xml:ns:icalendar-2.0:stream\" ")
                    .append("xmlns:xcal=\"urn:ietf:params:xml:ns:icalendar-2.0\">");
            Instant at = start;
            for (int i = 0; i < signal.values().size(); i++) {
                out.append("<ei:interval><xcal:dtstart><xcal:date-time>").append(XcalTime.toDateTime(at))
                        .append("</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>")
                        .append(XcalTime.formatDuration(signal.each()))
                        .append("</xcal:duration></xcal:duration>")
                        .append("<uid xmlns=\"urn:ietf:params:xml:ns:icalendar-2.0\"><text>").append(i)
                        .append("</text></uid><ei:signalPayload><ei:payloadFloat><ei:value>")
                        .append(signal.values().get(i))
                        .append("</ei:value></ei:payloadFloat></ei:signalPayload></ei:interval>");
                at = at.plus(signal.each());
            }
            out.append("</strm:intervals>");
            if (optionalElements) {
                out.append("<ei:eiTarget><power:endDeviceAsset ")
                        .append("xmlns:power=\"http://docs.oasis-open.org/ns/emix/2011/06/power\">")
                        .append("<power:mrid>Exterior_Lighting</power:mrid></power:endDeviceAsset></ei:eiTarget>");
            }
            return out.append(element("ei:signalName", signal.name()))
                    .append(element("ei:signalType", signal.type()))
                    .append(element("ei:signalID", "SIG-" + eventId + "-" + index))
                    .append(signal.item())
                    .append(optionalElements
                            ? "<ei:currentValue><ei:payloadFloat><ei:value>0.0</ei:value>"
                                    + "</ei:payloadFloat></ei:currentValue>"
                            : "")
                    .append("</ei:eiEventSignal>").toString();
        }

        /** A baseline of the site's usual draw over the event, in kW; GridFlex computes its own. */
        private String baselineXml(Duration total) {
            return "<ei:eiEventBaseline><xcal:dtstart xmlns:xcal=\"urn:ietf:params:xml:ns:icalendar-2.0\">"
                    + "<xcal:date-time>" + XcalTime.toDateTime(start) + "</xcal:date-time></xcal:dtstart>"
                    + "<xcal:duration xmlns:xcal=\"urn:ietf:params:xml:ns:icalendar-2.0\"><xcal:duration>"
                    + XcalTime.formatDuration(total) + "</xcal:duration></xcal:duration>"
                    + "<strm:intervals xmlns:strm=\"urn:ietf:params:xml:ns:icalendar-2.0:stream\" "
                    + "xmlns:xcal=\"urn:ietf:params:xml:ns:icalendar-2.0\"><ei:interval><xcal:duration>"
                    + "<xcal:duration>" + XcalTime.formatDuration(total) + "</xcal:duration></xcal:duration>"
                    + "<ei:signalPayload><ei:payloadFloat><ei:value>1800.5</ei:value></ei:payloadFloat>"
                    + "</ei:signalPayload></ei:interval></strm:intervals>"
                    + element("ei:baselineID", "BL-" + eventId) + element("ei:resourceID", "meter-1")
                    + element("ei:baselineName", "10 of 10 weekdays")
                    + powerReal("W", "k") + "</ei:eiEventBaseline>";
        }
    }

    /** The whole oadrPayload, as the VTN sends it in reply to a poll. */
    public static String distribute(String requestId, String vtnId, Event... events) {
        StringBuilder out = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07">
                <oadr:oadrSignedObject xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" oadr:Id="oadrSignedObject">\
                <oadr:oadrDistributeEvent ei:schemaVersion="2.0b" \
                xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110">\
                <ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK\
                </ei:responseDescription><requestID \
                xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">None</requestID></ei:eiResponse>\
                <requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">""")
                .append(requestId).append("</requestID>").append(element("ei:vtnID", vtnId));
        for (Event event : events) {
            out.append(event.xml());
        }
        return out.append("  </oadr:oadrDistributeEvent></oadr:oadrSignedObject>\n</oadr:oadrPayload>").toString();
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + text + "</" + name + ">";
    }
}
