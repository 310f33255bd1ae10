package io.gridflex.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The charts of this module, rendered by Helm itself (helm-java) and parsed into one JSON tree per object. */
final class Charts {

    static final Path HELM = Path.of(System.getProperty("gridflex.root", "..")).resolve("helm").toAbsolutePath()
            .normalize();
    static final Path GRIDFLEX = HELM.resolve("gridflex");
    static final Path SITE_AGENT = HELM.resolve("site-agent");

    /** The Kubernetes version the charts are rendered for (and their objects validated against). */
    static final String KUBE_VERSION = "v1.35.0";

    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private Charts() {
    }

    /** The example values files of a chart. */
    static List<Path> examples(Path chart) {
        Path dir = chart.resolve("examples");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renders {@code chart} with the values files given (none: its defaults) and {@code sets} (key=value). */
    static List<JsonNode> render(Path chart, List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(chart).template()
                .withName("gridflex")
                .withNamespace("gridflex")
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return parse(template.call());
    }

    static List<JsonNode> render(Path chart, Path... valuesFiles) {
        return render(chart, List.of(valuesFiles), Map.of());
    }

    static List<JsonNode> parse(String manifests) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifests)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    objects.add(doc);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Helm rendered something that is not YAML:\n" + manifests, e);
        }
        return objects;
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    static JsonNode json(Object value) {
        return new ObjectMapper().valueToTree(value);
    }
}
