package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming path ({@link OpenAdrXml#unmarshal(byte[])}) refuses every hostile or invalid document exactly as the
 * DOM path ({@link OpenAdrXml#parse(byte[])} then {@link OpenAdrXml#unmarshal(org.w3c.dom.Document)}) does: same
 * exception type, same response code, also when a document is wrong in several ways at once (the DOM path's
 * precedence: not well-formed, then wrong root, then schema, then binding).
 */
class StreamingReaderTest {

    private static final OpenAdrXml XML = new OpenAdrXml();

    private static final String HEAD = """
            <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"
                xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"
                xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">
              <oadr:oadrSignedObject oadr:Id="oadrSignedObject">
            """;
    private static final String TAIL = """
              </oadr:oadrSignedObject>
            </oadr:oadrPayload>
            """;
    private static final String POLL = HEAD + "<oadr:oadrPoll ei:schemaVersion=\"2.0b\"><ei:venID>%s</ei:venID>"
            + "</oadr:oadrPoll>" + TAIL;
    private static final String CREATED_EVENT = HEAD
            + """
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
                    """
            + TAIL;

    static Stream<Arguments> refused() {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE oadrPayload [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]>");
        String valid = POLL.formatted("ven-1");
        return Stream.of(
                Arguments.of("XXE", "<?xml version=\"1.0\"?>\n<!DOCTYPE oadrPayload [<!ENTITY xxe SYSTEM "
                        + "\"file:///etc/passwd\">]>\n" + POLL.formatted("&xxe;"), OadrResponseCode.NOT_ALLOWED),
                Arguments.of("billion laughs", laughs + POLL.formatted("&lol9;"), OadrResponseCode.NOT_ALLOWED),
                Arguments.of("internal entity only", "<!DOCTYPE x [<!ENTITY v \"ven\">]>" + POLL.formatted("&v;"),
                        OadrResponseCode.NOT_ALLOWED),
                Arguments.of("xinclude", POLL.formatted("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                        + "href=\"file:///etc/passwd\" parse=\"text\"/>"), OadrResponseCode.COMPLIANCE_ERROR),
                Arguments.of("nesting 5000", POLL.formatted("<a>".repeat(5000) + "</a>".repeat(5000)),
                        OadrResponseCode.BAD_REQUEST),
                Arguments.of("nesting just over the cap", POLL.formatted("<a>".repeat(SecureXmlParser.MAX_ELEMENT_DEPTH)
                        + "</a>".repeat(SecureXmlParser.MAX_ELEMENT_DEPTH)), OadrResponseCode.BAD_REQUEST),
                Arguments.of("not XML", "this is not xml", OadrResponseCode.BAD_REQUEST),
                Arguments.of("truncated", valid.substring(0, valid.length() - 30), OadrResponseCode.BAD_REQUEST),
                Arguments.of("garbage after the root", valid + "<more/>", OadrResponseCode.BAD_REQUEST),
                Arguments.of("wrong root", "<oadr:oadrPoll xmlns:oadr='http://openadr.org/oadr-2.0b/2012/07'/>",
                        OadrResponseCode.COMPLIANCE_ERROR),
                Arguments.of("wrong namespace", valid.replace("oadr-2.0b", "oadr-2.0a"),
                        OadrResponseCode.COMPLIANCE_ERROR),
                Arguments.of("no namespace", "<oadrPayload><oadrSignedObject/></oadrPayload>",
                        OadrResponseCode.COMPLIANCE_ERROR),
                Arguments.of("missing venID", POLL.formatted("").replace("<ei:venID></ei:venID>", ""),
                        OadrResponseCode.COMPLIANCE_ERROR),
                Arguments.of("unknown element", POLL.formatted("ven<ei:extra/>"), OadrResponseCode.COMPLIANCE_ERROR),
                Arguments.of("bad number", CREATED_EVENT.formatted("abc"), OadrResponseCode.INVALID_DATA),
                Arguments.of("negative number", CREATED_EVENT.formatted("-1"), OadrResponseCode.INVALID_DATA),
                Arguments.of("duplicate ID", POLL.formatted("ven-1").replace("<oadr:oadrPoll ",
                        "<oadr:oadrPoll oadr:Id=\"oadrSignedObject\" "), null),
                // Wrong in several ways: the DOM path's precedence decides the code.
                Arguments.of("wrong root, then not well-formed",
                        "<oadr:oadrPoll xmlns:oadr='http://openadr.org/oadr-2.0b/2012/07'><a></b></oadr:oadrPoll>",
                        OadrResponseCode.BAD_REQUEST),
                Arguments.of("schema-invalid, then not well-formed", POLL.formatted("<ei:extra/>").replace(TAIL, ""),
                        OadrResponseCode.BAD_REQUEST),
                Arguments.of("schema-invalid, then nested too deep", POLL.formatted("<ei:extra/>"
                        + "<a>".repeat(200) + "</a>".repeat(200)), OadrResponseCode.BAD_REQUEST),
                Arguments.of("bad number, then a missing element",
                        CREATED_EVENT.formatted("abc").replace("<ei:venID>VEN</ei:venID>", ""),
                        OadrResponseCode.INVALID_DATA),
                Arguments.of("unknown element, then a bad number",
                        CREATED_EVENT.formatted("abc").replace("<pyld:eiCreatedEvent>",
                                "<pyld:eiCreatedEvent><ei:extra/>"),
                        OadrResponseCode.COMPLIANCE_ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesLikeTheDomPath(String name, String xml, OadrResponseCode expected) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

        Throwable streamed = catchThrowable(() -> XML.unmarshal(bytes));
        Throwable dom = catchThrowable(() -> XML.unmarshal(XML.parse(bytes)));

        assertThat(dom).as(name).isInstanceOf(OpenAdrXmlException.class);
        assertThat(streamed).as(name).isExactlyInstanceOf(dom.getClass());
        assertThat(((OpenAdrXmlException) streamed).responseCode()).as(name)
                .isEqualTo(((OpenAdrXmlException) dom).responseCode());
        if (expected != null) {
            assertThat(((OpenAdrXmlException) streamed).responseCode()).as(name).isEqualTo(expected);
        }
    }

    @Test
    void bindsWhatTheDomPathBinds() {
        byte[] bytes = CREATED_EVENT.formatted("3").getBytes(StandardCharsets.UTF_8);

        String streamed = XML.marshal(XML.unmarshal(bytes));

        assertThat(streamed).isEqualTo(XML.marshal(XML.unmarshal(XML.parse(bytes))));
    }

    @Test
    void aPooledReaderIsNotSpoiledByARefusedDocument() {
        for (int i = 0; i < 20; i++) {
            catchThrowable(() -> XML.unmarshal(CREATED_EVENT.formatted("abc")));
            catchThrowable(() -> XML.unmarshal(POLL.formatted("ven").replace(TAIL, "")));
            assertThat(XML.unmarshal(POLL.formatted("ven-" + i)).getOadrSignedObject().getOadrPoll().getVenID())
                    .isEqualTo("ven-" + i);
        }
    }
}
