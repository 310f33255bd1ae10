package io.gridflex.testsupport;

import java.util.Arrays;
import java.util.List;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the servers a module lists in {@value SharedInfrastructure#PRESTART} as soon as its test JVM opens its JUnit
 * session: they come up side by side, and alongside test discovery and the first Quarkus build, instead of one after
 * another inside the first test. Registered through {@code META-INF/services}; does nothing where the property is
 * unset.
 */
public final class InfrastructurePrestart implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        List<String> names = Arrays.stream(System.getProperty(SharedInfrastructure.PRESTART, "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        if (!names.isEmpty()) {
            SharedInfrastructure.prestart(names);
        }
    }
}
