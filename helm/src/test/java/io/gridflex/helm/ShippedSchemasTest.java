package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped schemas are what the pinned models give: regenerate them (ModelSchemas.main) after moving a model. */
class ShippedSchemasTest {

    static java.util.List<String> files() {
        return ModelSchemas.files();
    }

    @ParameterizedTest
    @MethodSource("files")
    void theShippedSchemaIsDerivedFromThePinnedModel(String file) throws Exception {
        assertThat(Files.readString(ModelSchemas.SHIPPED.resolve(file)).strip())
                .as(file + " is out of date: run io.gridflex.helm.ModelSchemas (see helm/README.md)")
                .isEqualTo(ModelSchemas.derive(file).strip());
    }
}
