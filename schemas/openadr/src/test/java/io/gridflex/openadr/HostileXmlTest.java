package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a peer or an attacker can send that must be refused, and with which response code. */
class HostileXmlTest {

    private static final OpenAdrXml XML = new OpenAdrXml();

    private static final String POLL = """
            <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110">
              <oadr:oadrSignedObject oadr:Id="oadrSignedObject">
                <oadr:oadrPoll ei:schemaVersion="2.0b"><ei:venID>%s</ei:venID></oadr:oadrPoll>
              </oadr:oadrSignedObject>
            </oadr:oadrPayload>
            """;

    private static OpenAdrXmlException refusal(String xml) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(OpenAdrXmlException.class,
                () -> XML.unmarshal(xml));
    }

    @Test
    void theWellFormedBaselineIsAccepted() {
        assertThat(XML.unmarshal(POLL.formatted("ven-1")).getOadrSignedObject().getOadrPoll().getVenID())
                .isEqualTo("ven-1");
    }

    @Test
    void externalEntityIsRefusedWithoutReadingTheFile() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE oadrPayload [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + POLL.formatted("&xxe;");

        OpenAdrXmlException e = refusal(xxe);

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.NOT_ALLOWED);
        assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE oadrPayload [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");

        OpenAdrXmlException e = refusal(dtd + POLL.formatted("&lol9;"));

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.NOT_ALLOWED);
    }

    @Test
    void xincludeIsNotFollowed() {
        String xinclude = POLL.formatted("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                + "href=\"file:///etc/passwd\" parse=\"text\"/>");

        OpenAdrXmlException e = refusal(xinclude);

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.COMPLIANCE_ERROR);
        assertThat(e.getMessage()).doesNotContain("root:");
    }

    @Test
    void oversizedPayloadIsRefusedBeforeParsing() {
        String huge = POLL.formatted("v".repeat(OpenAdrXml.DEFAULT_MAX_BYTES));

        OpenAdrXmlException e = refusal(huge);

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.BAD_REQUEST);
        assertThat(e.getMessage()).contains("exceeds the limit");
    }

    @Test
    void smallerLimitIsHonoured() {
        OpenAdrXml strict = new OpenAdrXml(128);
        byte[] poll = POLL.formatted("ven-1").getBytes(StandardCharsets.UTF_8);

        assertThatExceptionOfType(OpenAdrXmlException.class).isThrownBy(() -> strict.unmarshal(poll))
                .withMessageContaining("exceeds the limit of 128 bytes");
    }

    @Test
    void absurdNestingIsRefused() {
        String deep = POLL.formatted("<a>".repeat(5000) + "</a>".repeat(5000));

        OpenAdrXmlException e = refusal(deep);

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.BAD_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "not XML            | this is not xml                                                   | BAD_REQUEST",
            "truncated          | <oadr:oadrPayload xmlns:oadr='http://openadr.org/oadr-2.0b/2012/07'> | BAD_REQUEST",
            "wrong root         | <oadr:oadrPoll xmlns:oadr='http://openadr.org/oadr-2.0b/2012/07'/>  | COMPLIANCE_ERROR",
            "wrong namespace    | <oadr:oadrPayload xmlns:oadr='http://openadr.org/oadr-2.0a/2012/07'><oadr:oadrSignedObject/></oadr:oadrPayload> | COMPLIANCE_ERROR",
            "no namespace       | <oadrPayload><oadrSignedObject/></oadrPayload>                     | COMPLIANCE_ERROR"})
    void malformedOrForeignDocumentsAreRefused(String name, String xml, OadrResponseCode expected) {
        OpenAdrXmlException e = refusal(xml);

        assertThat(e).as(name).isNotNull();
        assertThat(e.responseCode()).as(name).isEqualTo(expected);
    }

    @Test
    void emptyPayloadIsRefused() {
        assertThatExceptionOfType(OpenAdrXmlException.class).isThrownBy(() -> XML.unmarshal(new byte[0]))
                .satisfies(e -> assertThat(e.responseCode()).isEqualTo(OadrResponseCode.BAD_REQUEST));
    }

    @Test
    void missingRequiredElementIsRefused() {
        String noVenId = POLL.formatted("").replace("<ei:venID></ei:venID>", "");

        OpenAdrXmlException e = refusal(noVenId);

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.COMPLIANCE_ERROR);
        assertThat(e.getMessage()).contains("venID");
    }

    @Test
    void elementsOutOfOrderAreRefused() {
        String swapped = """
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                    xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"
                    xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">
                  <oadr:oadrSignedObject>
                    <oadr:oadrResponse>
                      <ei:eiResponse><pyld:requestID>r</pyld:requestID><ei:responseCode>200</ei:responseCode></ei:eiResponse>
                    </oadr:oadrResponse>
                  </oadr:oadrSignedObject>
                </oadr:oadrPayload>
                """;

        OpenAdrXmlException e = refusal(swapped);

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.COMPLIANCE_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-05-04T11:00:00+02:00", "2026-05-04T11:00:00", "2026-05-04"})
    void nonUtcDateTimeIsInvalidData(String dateTime) {
        String event = """
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                    xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"
                    xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads"
                    xmlns:xcal="urn:ietf:params:xml:ns:icalendar-2.0">
                  <oadr:oadrSignedObject>
                    <oadr:oadrCreateReport>
                      <pyld:requestID>r</pyld:requestID>
                      <oadr:oadrReportRequest>
                        <ei:reportRequestID>rr</ei:reportRequestID>
                        <ei:reportSpecifier>
                          <ei:reportSpecifierID>spec</ei:reportSpecifierID>
                          <xcal:granularity><xcal:duration>PT1M</xcal:duration></xcal:granularity>
                          <ei:reportBackDuration><xcal:duration>PT1M</xcal:duration></ei:reportBackDuration>
                          <ei:reportInterval><xcal:properties>
                            <xcal:dtstart><xcal:date-time>%s</xcal:date-time></xcal:dtstart>
                            <xcal:duration><xcal:duration>PT1H</xcal:duration></xcal:duration>
                          </xcal:properties></ei:reportInterval>
                          <ei:specifierPayload><ei:rID>p1</ei:rID><ei:readingType>Direct Read</ei:readingType></ei:specifierPayload>
                        </ei:reportSpecifier>
                      </oadr:oadrReportRequest>
                    </oadr:oadrCreateReport>
                  </oadr:oadrSignedObject>
                </oadr:oadrPayload>
                """;

        assertThat(XML.unmarshal(event.formatted("2026-05-04T09:00:00Z"))).isNotNull();
        OpenAdrXmlException e = refusal(event.formatted(dateTime));

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.INVALID_DATA);
        assertThat(e.getMessage()).contains(dateTime);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"abc", "-1", "1.5"})
    void nonNumericModificationNumberIsInvalidData(String modificationNumber) {
        String created = """
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                    xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"
                    xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">
                  <oadr:oadrSignedObject>
                    <oadr:oadrCreatedEvent>
                      <pyld:eiCreatedEvent>
                        <ei:eiResponse><ei:responseCode>200</ei:responseCode><pyld:requestID>r</pyld:requestID></ei:eiResponse>
                        <ei:eventResponses><ei:eventResponse>
                          <ei:responseCode>200</ei:responseCode>
                          <pyld:requestID>r</pyld:requestID>
                          <ei:qualifiedEventID><ei:eventID>e1</ei:eventID><ei:modificationNumber>%s</ei:modificationNumber></ei:qualifiedEventID>
                          <ei:optType>optIn</ei:optType>
                        </ei:eventResponse></ei:eventResponses>
                        <ei:venID>VEN</ei:venID>
                      </pyld:eiCreatedEvent>
                    </oadr:oadrCreatedEvent>
                  </oadr:oadrSignedObject>
                </oadr:oadrPayload>
                """;

        assertThat(XML.unmarshal(created.formatted("3"))).isNotNull();
        OpenAdrXmlException e = refusal(created.formatted(modificationNumber));

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.INVALID_DATA);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PT-5M", "PT1.5S", "P1M", "soon"})
    void badDurationIsInvalidData(String duration) {
        String registered = """
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                    xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"
                    xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads"
                    xmlns:xcal="urn:ietf:params:xml:ns:icalendar-2.0">
                  <oadr:oadrSignedObject>
                    <oadr:oadrCreatedPartyRegistration>
                      <ei:eiResponse><ei:responseCode>200</ei:responseCode><pyld:requestID>r</pyld:requestID></ei:eiResponse>
                      <ei:vtnID>VTN</ei:vtnID>
                      <oadr:oadrProfiles><oadr:oadrProfile><oadr:oadrProfileName>2.0b</oadr:oadrProfileName>
                        <oadr:oadrTransports><oadr:oadrTransport><oadr:oadrTransportName>simpleHttp</oadr:oadrTransportName></oadr:oadrTransport></oadr:oadrTransports>
                      </oadr:oadrProfile></oadr:oadrProfiles>
                      <oadr:oadrRequestedOadrPollFreq><xcal:duration>%s</xcal:duration></oadr:oadrRequestedOadrPollFreq>
                    </oadr:oadrCreatedPartyRegistration>
                  </oadr:oadrSignedObject>
                </oadr:oadrPayload>
                """;

        assertThat(XML.unmarshal(registered.formatted("PT10S"))).isNotNull();
        OpenAdrXmlException e = refusal(registered.formatted(duration));

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.INVALID_DATA);
    }

    @Test
    void unknownEnumerationValueIsInvalidData() {
        String xml = """
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                    xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"
                    xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">
                  <oadr:oadrSignedObject>
                    <oadr:oadrCreatePartyRegistration>
                      <pyld:requestID>r</pyld:requestID>
                      <oadr:oadrProfileName>2.0b</oadr:oadrProfileName>
                      <oadr:oadrTransportName>carrierPigeon</oadr:oadrTransportName>
                      <oadr:oadrReportOnly>false</oadr:oadrReportOnly>
                      <oadr:oadrXmlSignature>false</oadr:oadrXmlSignature>
                    </oadr:oadrCreatePartyRegistration>
                  </oadr:oadrSignedObject>
                </oadr:oadrPayload>
                """;

        OpenAdrXmlException e = refusal(xml);

        assertThat(e).isNotNull();
        assertThat(e.responseCode()).isEqualTo(OadrResponseCode.INVALID_DATA);
        assertThat(e.getMessage()).contains("carrierPigeon");
    }
}
