package io.gridflex.infra;

import java.nio.file.Path;

/** The JDK this JVM runs on; child JVMs (Kafka, Keycloak, services) use the same one. */
public final class JavaRuntime {

    private JavaRuntime() {
    }

    public static Path home() {
        return Path.of(System.getProperty("java.home"));
    }

    public static String java() {
        return home().resolve("bin").resolve("java").toString();
    }
}
