package io.gridflex.gateway.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/**
 * The official OpenADR 2.0b XSD bundle, read in place from {@code shared/} beside the repository (never copied in; a
 * missing file fails the test): what tests check messages against, ours and those they craft as a VTN would.
 */
public final class OfficialSchema {

    private static Schema schema;

    private OfficialSchema() {
    }

    /** {@code shared/}, beside the repository. */
    public static Path shared() {
        String root = System.getProperty("gridflex.root");
        Path repository = root == null ? Path.of("").toAbsolutePath().resolve("../..") : Path.of(root);
        return repository.resolve("../shared").normalize().toAbsolutePath();
    }

    /** Throws with the validator's words when the XML is not valid against the official 2.0b schema. */
    public static synchronized void validate(String xml) throws SAXException, IOException {
        if (schema == null) {
            Path xsd = shared().resolve("openadr-2.0b-schema/oadr_20b.xsd");
            if (!Files.isRegularFile(xsd)) {
                fail("The official OpenADR 2.0b schema is missing: " + xsd);
            }
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            schema = factory.newSchema(xsd.toFile());
        }
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
