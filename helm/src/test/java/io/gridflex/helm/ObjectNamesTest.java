package io.gridflex.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every name and label value the charts render is one Kubernetes accepts (the API server checks these, not the
 * schemas): for the defaults, the examples, and a site whose id is the longest the charts' values schemas allow.
 */
class ObjectNamesTest {

    /** The longest site id values.schema.json accepts (41 characters). */
    static final String LONGEST_SITE_ID = "site-abcdefghijklmnopqrstuvwxyz0123456789";

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    /** RFC 1123 subdomain: object names in general. */
    private static final Pattern SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    /** RFC 1123 label: a StatefulSet's name (its pods' host names). */
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    /** RFC 1035 label: a Service's name. */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    static Stream<Arguments> renderings() {
        List<Arguments> renderings = new ArrayList<>(ChartsTest.renderings().toList());
        renderings.add(Arguments.of("gridflex with the longest site id", Charts.render(Charts.GRIDFLEX, List.of(),
                Map.of("sites[0].id", LONGEST_SITE_ID))));
        Map<String, Object> site = new HashMap<>(ChartsTest.SITE);
        site.put("site.id", LONGEST_SITE_ID);
        renderings.add(Arguments.of("site-agent with the longest site id", Charts.render(Charts.SITE_AGENT, List.of(),
                site)));
        return renderings.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void namesAndLabelValuesAreOnesKubernetesAccepts(String rendering, List<JsonNode> objects) {
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            String name = object.at("/metadata/name").asText();
            String what = rendering + ": " + kind + " " + name;
            assertThat(name).as(what + ": a DNS subdomain of at most 253 characters").matches(SUBDOMAIN)
                    .hasSizeLessThanOrEqualTo(253);
            if (kind.equals("Service")) {
                assertThat(name).as(what + ": a DNS label starting with a letter (RFC 1035)").matches(SERVICE_NAME)
                        .hasSizeLessThanOrEqualTo(63);
            }
            if (kind.equals("StatefulSet")) {
                // Its pods are named <name>-<ordinal> and labelled controller-revision-hash=<name>-<10 characters>.
                assertThat(name).as(what + ": a DNS label of at most 52 characters").matches(DNS_LABEL)
                        .hasSizeLessThanOrEqualTo(52);
            }
            checkLabels(what, object);
        }
    }

    /** Every labels and matchLabels map anywhere in the object (its pods', its claims', its selectors'). */
    private static void checkLabels(String what, JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if ((field.getKey().equals("labels") || field.getKey().equals("matchLabels"))
                        && field.getValue().isObject()) {
                    for (Map.Entry<String, JsonNode> label : field.getValue().properties()) {
                        String value = label.getValue().asText();
                        assertThat(value).as(what + ": the value of label " + label.getKey())
                                .matches(LABEL_VALUE).hasSizeLessThanOrEqualTo(63);
                    }
                } else {
                    checkLabels(what, field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> checkLabels(what, element));
        }
    }
}
