package io.gridflex.testsupport;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the servers a module lists in {@value SharedInfrastructure#PRESTART} as soon as its test JVM knows it will run
 * a Quarkus test: they come up side by side, and alongside the first Quarkus build, instead of one after another
 * inside the first test. A run of unit tests alone starts nothing. Registered through {@code META-INF/services}.
 */
public final class InfrastructurePrestart implements TestExecutionListener {

    private static final Set<String> QUARKUS_TESTS = Set.of("io.quarkus.test.junit.QuarkusTest",
            "io.quarkus.test.junit.QuarkusIntegrationTest");

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        List<String> names = Arrays.stream(System.getProperty(SharedInfrastructure.PRESTART, "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        if (!names.isEmpty() && runsQuarkusTests(plan)) {
            SharedInfrastructure.prestart(names);
        }
    }

    private static boolean runsQuarkusTests(TestPlan plan) {
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .map(TestIdentifier::getSource).flatMap(java.util.Optional::stream)
                .filter(ClassSource.class::isInstance).map(source -> ((ClassSource) source).getClassName())
                .distinct().anyMatch(InfrastructurePrestart::isQuarkusTest);
    }

    private static boolean isQuarkusTest(String className) {
        try {
            Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            for (Annotation annotation : type.getAnnotations()) {
                if (QUARKUS_TESTS.contains(annotation.annotationType().getName())) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
