package io.gridflex.testsupport;

import java.util.Map;

import io.gridflex.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service's default datasource at a real PostgreSQL server (database {@code gridflex}). */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer server = SharedInfrastructure.postgres();
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", server.jdbcUrl(SharedInfrastructure.DATABASE),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }

    public static String jdbcUrl() {
        return SharedInfrastructure.postgres().jdbcUrl(SharedInfrastructure.DATABASE);
    }
}
