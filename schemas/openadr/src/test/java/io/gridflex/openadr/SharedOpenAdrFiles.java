package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/**
 * The official OpenADR 2.0b schema bundle and captured third-party messages, which live beside the repository in
 * {@code ../shared} and are never copied into it. Missing files fail the tests: skipping would hide that nothing
 * was checked against the standard. Public for the tests of {@code io.gridflex.openadr.signature}.
 */
public final class SharedOpenAdrFiles {

    private static Schema officialSchema;

    private SharedOpenAdrFiles() {
    }

    public static Path sharedDirectory() {
        String root = System.getProperty("gridflex.root");
        Path repository = root == null ? Path.of("").toAbsolutePath().resolve("../..") : Path.of(root);
        return repository.resolve("../shared").normalize().toAbsolutePath();
    }

    static Path officialSchemaFile() {
        Path xsd = sharedDirectory().resolve("openadr-2.0b-schema/oadr_20b.xsd");
        if (!Files.isRegularFile(xsd)) {
            fail("The official OpenADR 2.0b schema bundle is missing: expected " + xsd
                    + " (the shared directory sits beside the repository; set -Dgridflex.root to the repository root)");
        }
        return xsd;
    }

    static synchronized Schema officialSchema() throws SAXException {
        if (officialSchema == null) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            officialSchema = factory.newSchema(officialSchemaFile().toFile());
        }
        return officialSchema;
    }

    /** Throws with the validator's explanation when the XML is not valid against the official schema. */
    public static void validateAgainstOfficialSchema(String xml) throws SAXException, IOException {
        officialSchema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    public static List<Path> samples() throws IOException {
        Path directory = sharedDirectory().resolve("openadr-samples");
        if (!Files.isDirectory(directory)) {
            fail("The captured OpenADR samples are missing: expected " + directory);
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> xml = files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().toList();
            if (xml.isEmpty()) {
                fail("No captured OpenADR samples in " + directory);
            }
            return xml;
        }
    }

    public static byte[] sample(String fileName) throws IOException {
        return Files.readAllBytes(samples().stream()
                .filter(f -> f.getFileName().toString().equals(fileName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("missing sample " + fileName)));
    }

    /** OpenLEADR's session: signed and unsigned messages, its public test certificates and their fingerprints. */
    public static Path openLeadrSession() {
        Path directory = sharedDirectory().resolve("openadr-samples/openleadr-session");
        if (!Files.isDirectory(directory)) {
            fail("The OpenLEADR session samples are missing: expected " + directory);
        }
        return directory;
    }
}
