package io.gridflex.openadr;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.gridflex.openadr.model.ei.EiActivePeriodType;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.EiEventSignalsType;
import io.gridflex.openadr.model.ei.EiEventType;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.ei.EiTargetType;
import io.gridflex.openadr.model.ei.EventDescriptorType;
import io.gridflex.openadr.model.ei.EventResponses;
import io.gridflex.openadr.model.ei.IntervalType;
import io.gridflex.openadr.model.ei.PayloadFloatType;
import io.gridflex.openadr.model.ei.QualifiedEventIDType;
import io.gridflex.openadr.model.ei.SignalPayloadType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrCancelPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCanceledPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreatePartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.model.oadr.OadrCreatedPartyRegistrationType;
import io.gridflex.openadr.model.oadr.OadrDistributeEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrPollType;
import io.gridflex.openadr.model.oadr.OadrProfiles;
import io.gridflex.openadr.model.oadr.OadrQueryRegistrationType;
import io.gridflex.openadr.model.oadr.OadrRequestEventType;
import io.gridflex.openadr.model.oadr.OadrRequestReregistrationType;
import io.gridflex.openadr.model.oadr.OadrResponseType;
import io.gridflex.openadr.model.oadr.OadrSignedObject;
import io.gridflex.openadr.model.oadr.OadrTransportType;
import io.gridflex.openadr.model.oadr.OadrTransports;
import io.gridflex.openadr.model.oadr.ResponseRequiredType;
import io.gridflex.openadr.model.power.EnergyRealType;
import io.gridflex.openadr.model.power.PowerAttributesType;
import io.gridflex.openadr.model.power.PowerRealType;
import io.gridflex.openadr.model.pyld.EiCreatedEvent;
import io.gridflex.openadr.model.pyld.EiRequestEvent;
import io.gridflex.openadr.model.siscale.SiScaleCodeType;
import io.gridflex.openadr.model.strm.Intervals;
import io.gridflex.openadr.model.xcal.Dtstart;
import io.gridflex.openadr.model.xcal.DurationPropType;
import io.gridflex.openadr.model.xcal.Properties;
import io.gridflex.openadr.model.xcal.Uid;

/**
 * Ready-made OpenADR 2.0b registration, poll, response and event messages, so services never assemble JAXB trees
 * by hand. Every message comes wrapped in {@code oadrPayload/oadrSignedObject} with the {@code oadr:Id} that signatures
 * reference and {@code schemaVersion="2.0b"}. Reports and opts are in
 * {@link OadrReports} and {@link OadrOpts}.
 */
public final class OadrMessages {

    public static final String SCHEMA_VERSION = "2.0b";
    public static final String PROFILE = "2.0b";
    public static final String LOAD_DISPATCH = "LOAD_DISPATCH";
    /** The one signal of a dispatch event; VENs refer to it by this ID. */
    public static final String DISPATCH_SIGNAL_ID = "loadDispatch";
    /** The signalName of OpenADR's SIMPLE levels. */
    public static final String SIMPLE = "SIMPLE";
    /** The signalID of a {@link #simpleEvent}'s one signal. */
    public static final String SIMPLE_SIGNAL_ID = "simple";

    /** Electrical context of the MW figures; OpenADR requires it on every power unit. */
    private static final BigDecimal GRID_HERTZ = BigDecimal.valueOf(50);
    private static final BigDecimal GRID_VOLTAGE = BigDecimal.valueOf(230);

    private static final io.gridflex.openadr.model.ei.ObjectFactory EI = new io.gridflex.openadr.model.ei.ObjectFactory();
    private static final io.gridflex.openadr.model.power.ObjectFactory POWER = new io.gridflex.openadr.model.power.ObjectFactory();

    private OadrMessages() {
    }

    // ----- Envelope -----

    /** Wraps one message body, given as the setter that puts it into oadrSignedObject. */
    public static OadrPayload payload(Consumer<OadrSignedObject> body) {
        OadrSignedObject signed = new OadrSignedObject();
        signed.setId(OpenAdrXml.SIGNED_OBJECT_ID);
        body.accept(signed);
        OadrPayload payload = new OadrPayload();
        payload.setOadrSignedObject(signed);
        return payload;
    }

    /** The one message inside a payload (e.g. an {@code OadrPollType}), for a {@code switch} on its type. */
    public static Object body(OadrPayload payload) {
        for (Object candidate : bodies(payload.getOadrSignedObject())) {
            if (candidate != null) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("oadrSignedObject carries no message");
    }

    /** Every message slot of {@code oadrSignedObject}, set or not (the schema allows exactly one to be set). */
    static Object[] bodies(OadrSignedObject s) {
        return new Object[]{s.getOadrDistributeEvent(), s.getOadrCreatedEvent(), s.getOadrRequestEvent(),
                s.getOadrResponse(), s.getOadrCancelOpt(), s.getOadrCanceledOpt(), s.getOadrCreateOpt(),
                s.getOadrCreatedOpt(), s.getOadrCancelReport(), s.getOadrCanceledReport(), s.getOadrCreateReport(),
                s.getOadrCreatedReport(), s.getOadrRegisterReport(), s.getOadrRegisteredReport(),
                s.getOadrUpdateReport(), s.getOadrUpdatedReport(), s.getOadrCancelPartyRegistration(),
                s.getOadrCanceledPartyRegistration(), s.getOadrCreatePartyRegistration(),
                s.getOadrCreatedPartyRegistration(), s.getOadrRequestReregistration(), s.getOadrQueryRegistration(),
                s.getOadrPoll()};
    }

    public static EiResponseType eiResponse(OadrResponseCode code, String description, String requestId) {
        EiResponseType response = new EiResponseType();
        response.setResponseCode(code.text());
        response.setResponseDescription(description);
        response.setRequestID(requestId == null ? "" : requestId);
        return response;
    }

    // ----- Registration -----

    public static OadrPayload queryRegistration(String requestId) {
        OadrQueryRegistrationType query = new OadrQueryRegistrationType();
        query.setSchemaVersion(SCHEMA_VERSION);
        query.setRequestID(requestId);
        return payload(s -> s.setOadrQueryRegistration(query));
    }

    /** A first registration: the VTN assigns the registration and VEN IDs. */
    public static OadrPayload createPartyRegistration(String requestId, String venName, VenExchange exchange,
            boolean xmlSignature) {
        return createPartyRegistration(requestId, null, null, venName, exchange, xmlSignature);
    }

    /** Re-registration keeps the IDs the VTN assigned before; both may be null for a first registration. */
    public static OadrPayload createPartyRegistration(String requestId, String registrationId, String venId,
            String venName, VenExchange exchange, boolean xmlSignature) {
        OadrCreatePartyRegistrationType create = new OadrCreatePartyRegistrationType();
        create.setSchemaVersion(SCHEMA_VERSION);
        create.setRequestID(requestId);
        create.setRegistrationID(registrationId);
        create.setVenID(venId);
        create.setOadrProfileName(PROFILE);
        create.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
        create.setOadrTransportAddress(exchange.httpPull() ? null : exchange.transportAddress());
        create.setOadrReportOnly(false);
        create.setOadrXmlSignature(xmlSignature);
        create.setOadrVenName(venName);
        create.setOadrHttpPullModel(exchange.httpPull());
        return payload(s -> s.setOadrCreatePartyRegistration(create));
    }

    /**
     * The VTN's answer to a query (IDs null) or a registration (IDs set), offering profile 2.0b over simpleHttp.
     *
     * @param pollFrequency how often a pull VEN may poll, or null to leave it to the VEN
     */
    public static OadrPayload createdPartyRegistration(EiResponseType response, String registrationId, String venId,
            String vtnId, Duration pollFrequency) {
        OadrCreatedPartyRegistrationType created = new OadrCreatedPartyRegistrationType();
        created.setSchemaVersion(SCHEMA_VERSION);
        created.setEiResponse(response);
        created.setRegistrationID(registrationId);
        created.setVenID(venId);
        created.setVtnID(vtnId);
        created.setOadrProfiles(simpleHttpProfile());
        created.setOadrRequestedOadrPollFreq(pollFrequency == null ? null : duration(pollFrequency));
        return payload(s -> s.setOadrCreatedPartyRegistration(created));
    }

    public static OadrPayload cancelPartyRegistration(String requestId, String registrationId, String venId) {
        OadrCancelPartyRegistrationType cancel = new OadrCancelPartyRegistrationType();
        cancel.setSchemaVersion(SCHEMA_VERSION);
        cancel.setRequestID(requestId);
        cancel.setRegistrationID(registrationId);
        cancel.setVenID(venId);
        return payload(s -> s.setOadrCancelPartyRegistration(cancel));
    }

    public static OadrPayload canceledPartyRegistration(EiResponseType response, String registrationId,
            String venId) {
        OadrCanceledPartyRegistrationType canceled = new OadrCanceledPartyRegistrationType();
        canceled.setSchemaVersion(SCHEMA_VERSION);
        canceled.setEiResponse(response);
        canceled.setRegistrationID(registrationId);
        canceled.setVenID(venId);
        return payload(s -> s.setOadrCanceledPartyRegistration(canceled));
    }

    public static OadrPayload requestReregistration(String venId) {
        OadrRequestReregistrationType request = new OadrRequestReregistrationType();
        request.setSchemaVersion(SCHEMA_VERSION);
        request.setVenID(venId);
        return payload(s -> s.setOadrRequestReregistration(request));
    }

    // ----- Poll and response -----

    public static OadrPayload poll(String venId) {
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion(SCHEMA_VERSION);
        poll.setVenID(venId);
        return payload(s -> s.setOadrPoll(poll));
    }

    /** The generic acknowledgement (or refusal, with a 4xx code); also what a VTN answers a poll with nothing new. */
    public static OadrPayload response(OadrResponseCode code, String description, String requestId, String venId) {
        OadrResponseType response = new OadrResponseType();
        response.setSchemaVersion(SCHEMA_VERSION);
        response.setEiResponse(eiResponse(code, description, requestId));
        response.setVenID(venId);
        return payload(s -> s.setOadrResponse(response));
    }

    // ----- Events -----

    /** @param replyLimit the most events the VTN should return, or null for all */
    public static OadrPayload requestEvent(String requestId, String venId, Long replyLimit) {
        EiRequestEvent ei = new EiRequestEvent();
        ei.setRequestID(requestId);
        ei.setVenID(venId);
        ei.setReplyLimit(replyLimit);
        OadrRequestEventType request = new OadrRequestEventType();
        request.setSchemaVersion(SCHEMA_VERSION);
        request.setEiRequestEvent(ei);
        return payload(s -> s.setOadrRequestEvent(request));
    }

    /** Events for a VEN; an empty list tells a VEN that it has no (more) events. */
    public static OadrPayload distributeEvent(String requestId, String vtnId,
            List<OadrDistributeEventType.OadrEvent> events) {
        OadrDistributeEventType distribute = new OadrDistributeEventType();
        distribute.setSchemaVersion(SCHEMA_VERSION);
        distribute.setEiResponse(eiResponse(OadrResponseCode.OK, "OK", requestId));
        distribute.setRequestID(requestId);
        distribute.setVtnID(vtnId);
        distribute.getOadrEvent().addAll(events);
        return payload(s -> s.setOadrDistributeEvent(distribute));
    }

    public static OadrPayload distributeEvent(String requestId, String vtnId, LoadDispatchEvent event) {
        return distributeEvent(requestId, vtnId, List.of(loadDispatchEvent(event)));
    }

    /** One {@code LOAD_DISPATCH} event: a {@code delta} signal in MW ({@code powerReal}, scale M). */
    public static OadrDistributeEventType.OadrEvent loadDispatchEvent(LoadDispatchEvent event) {
        EventDescriptorType descriptor = new EventDescriptorType();
        descriptor.setEventID(event.eventId());
        descriptor.setModificationNumber(event.modificationNumber());
        descriptor.setModificationDateTime(event.createdAt());
        descriptor.setPriority(0L);
        EventDescriptorType.EiMarketContext market = new EventDescriptorType.EiMarketContext();
        market.setMarketContext(event.marketContext());
        descriptor.setEiMarketContext(market);
        descriptor.setCreatedDateTime(event.createdAt());
        descriptor.setEventStatus(event.status());
        descriptor.setTestEvent("false");

        EiActivePeriodType activePeriod = new EiActivePeriodType();
        activePeriod.setProperties(properties(event.start(), event.totalDuration()));

        EiEventSignalType signal = new EiEventSignalType();
        signal.setIntervals(dispatchIntervals(event.intervals()));
        signal.setSignalName(LOAD_DISPATCH);
        signal.setSignalType(SignalTypeEnumeratedType.DELTA);
        signal.setSignalID(DISPATCH_SIGNAL_ID);
        signal.setItemBase(POWER.createPowerReal(megawatts()));
        EiEventSignalsType signals = new EiEventSignalsType();
        signals.getEiEventSignal().add(signal);

        EiEventType ei = new EiEventType();
        ei.setEventDescriptor(descriptor);
        ei.setEiActivePeriod(activePeriod);
        ei.setEiEventSignals(signals);
        ei.setEiTarget(venTarget(event.venIds()));

        OadrDistributeEventType.OadrEvent oadrEvent = new OadrDistributeEventType.OadrEvent();
        oadrEvent.setEiEvent(ei);
        oadrEvent.setOadrResponseRequired(event.responseRequired()
                ? ResponseRequiredType.ALWAYS
                : ResponseRequiredType.NEVER);
        return oadrEvent;
    }

    /**
     * One {@code SIMPLE} event: a {@code level} signal without itemBase, timed, described and targeted as
     * {@link #loadDispatchEvent} does it; each interval's value (its {@code deltaMegawatts} field) is read as the
     * level, 0 (normal) to 3.
     */
    public static OadrDistributeEventType.OadrEvent simpleEvent(LoadDispatchEvent event) {
        for (DispatchInterval interval : event.intervals()) {
            double level = interval.deltaMegawatts();
            if (level != Math.rint(level) || level < 0 || level > 3) {
                throw new IllegalArgumentException("a SIMPLE level is 0, 1, 2 or 3, got " + level);
            }
        }
        OadrDistributeEventType.OadrEvent oadrEvent = loadDispatchEvent(event);
        EiEventSignalType signal = oadrEvent.getEiEvent().getEiEventSignals().getEiEventSignal().getFirst();
        signal.setSignalName(SIMPLE);
        signal.setSignalType(SignalTypeEnumeratedType.LEVEL);
        signal.setSignalID(SIMPLE_SIGNAL_ID);
        signal.setItemBase(null);
        return oadrEvent;
    }

    /**
     * A VEN's opt-in/opt-out answer to the events of one oadrDistributeEvent.
     *
     * @param requestId the requestID of the oadrDistributeEvent being answered
     */
    public static OadrPayload createdEvent(String venId, String requestId, List<EventReply> replies) {
        return createdEvent(venId, requestId, OadrResponseCode.OK, "OK", replies);
    }

    /**
     * An oadrCreatedEvent whose own eiResponse carries {@code code}: how a VEN refuses a whole oadrDistributeEvent it
     * will not act on (one from an unknown vtnID is answered 452), with a response per event.
     */
    public static OadrPayload createdEvent(String venId, String requestId, OadrResponseCode code, String description,
            List<EventReply> replies) {
        EventResponses responses = new EventResponses();
        for (EventReply reply : replies) {
            QualifiedEventIDType qualified = new QualifiedEventIDType();
            qualified.setEventID(reply.eventId());
            qualified.setModificationNumber(reply.modificationNumber());
            EventResponses.EventResponse response = new EventResponses.EventResponse();
            response.setResponseCode(reply.code().text());
            response.setResponseDescription(reply.code().description());
            response.setRequestID(requestId);
            response.setQualifiedEventID(qualified);
            response.setOptType(reply.optType());
            responses.getEventResponse().add(response);
        }
        EiCreatedEvent ei = new EiCreatedEvent();
        ei.setEiResponse(eiResponse(code, description, requestId));
        ei.setEventResponses(replies.isEmpty() ? null : responses);
        ei.setVenID(venId);
        OadrCreatedEventType created = new OadrCreatedEventType();
        created.setSchemaVersion(SCHEMA_VERSION);
        created.setEiCreatedEvent(ei);
        return payload(s -> s.setOadrCreatedEvent(created));
    }

    // ----- Building blocks shared with reports and opts -----

    static DurationPropType duration(Duration duration) {
        DurationPropType prop = new DurationPropType();
        prop.setDuration(duration);
        return prop;
    }

    static Dtstart dtstart(Instant start) {
        Dtstart dtstart = new Dtstart();
        dtstart.setDateTime(start);
        return dtstart;
    }

    static Properties properties(Instant start, Duration duration) {
        Properties properties = new Properties();
        properties.setDtstart(dtstart(start));
        properties.setDuration(duration(duration));
        return properties;
    }

    static Uid uid(int index) {
        Uid uid = new Uid();
        uid.setText(Integer.toString(index));
        return uid;
    }

    /** Real power in MW: GridFlex dispatches aggregated flexibility at megawatt scale. */
    public static PowerRealType megawatts() {
        return realPower(SiScaleCodeType.MEGA);
    }

    /** Real power in kW (W with siScaleCode {@code k}): what GridFlex's telemetry reports carry. */
    public static PowerRealType kilowatts() {
        return realPower(SiScaleCodeType.KILO);
    }

    /** Real energy in kWh (Wh with siScaleCode {@code k}): what GridFlex's historical usage reports carry. */
    public static EnergyRealType kilowattHours() {
        EnergyRealType unit = new EnergyRealType();
        unit.setItemDescription("RealEnergy");
        unit.setItemUnits("Wh");
        unit.setSiScaleCode(SiScaleCodeType.KILO);
        return unit;
    }

    private static PowerRealType realPower(SiScaleCodeType scale) {
        PowerAttributesType attributes = new PowerAttributesType();
        attributes.setHertz(GRID_HERTZ);
        attributes.setVoltage(GRID_VOLTAGE);
        attributes.setAc(true);
        PowerRealType unit = new PowerRealType();
        unit.setItemDescription("RealPower");
        unit.setItemUnits("W");
        unit.setSiScaleCode(scale);
        unit.setPowerAttributes(attributes);
        return unit;
    }

    public static EiTargetType venTarget(List<String> venIds) {
        EiTargetType target = new EiTargetType();
        target.getVenID().addAll(venIds);
        return target;
    }

    private static Intervals dispatchIntervals(List<DispatchInterval> intervals) {
        Intervals stream = new Intervals();
        for (int i = 0; i < intervals.size(); i++) {
            PayloadFloatType value = new PayloadFloatType();
            value.setValue((float) intervals.get(i).deltaMegawatts());
            SignalPayloadType payload = new SignalPayloadType();
            payload.setPayloadBase(EI.createPayloadFloat(value));
            IntervalType interval = new IntervalType();
            interval.setDuration(duration(intervals.get(i).duration()));
            interval.setUid(uid(i));
            interval.getStreamPayloadBase().add(EI.createSignalPayload(payload));
            stream.getInterval().add(interval);
        }
        return stream;
    }

    private static OadrProfiles simpleHttpProfile() {
        OadrTransports.OadrTransport transport = new OadrTransports.OadrTransport();
        transport.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
        OadrTransports transports = new OadrTransports();
        transports.getOadrTransport().add(transport);
        OadrProfiles.OadrProfile profile = new OadrProfiles.OadrProfile();
        profile.setOadrProfileName(PROFILE);
        profile.setOadrTransports(transports);
        OadrProfiles profiles = new OadrProfiles();
        profiles.getOadrProfile().add(profile);
        return profiles;
    }
}
