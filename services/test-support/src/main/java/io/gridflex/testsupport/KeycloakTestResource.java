package io.gridflex.testsupport;

import java.util.Map;

import io.gridflex.infra.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service's OIDC tenant at a real Keycloak serving the GridFlex realm. The init argument
 * {@code client-id} (default {@code settlement}) names the confidential client the service logs in as.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DEMO_PASSWORD = "gridflex-demo";

    private String clientId = "settlement";

    @Override
    public void init(Map<String, String> initArgs) {
        clientId = initArgs.getOrDefault("client-id", clientId);
    }

    @Override
    public Map<String, String> start() {
        KeycloakServer keycloak = SharedInfrastructure.keycloak();
        return Map.of(
                "quarkus.oidc.auth-server-url", keycloak.realmUrl(),
                "quarkus.oidc.client-id", clientId,
                "quarkus.oidc.credentials.secret", KeycloakServer.clientSecret(clientId));
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }

    /** An access token for one of the realm's users (demo users share {@link #DEMO_PASSWORD}). */
    public static String accessToken(String username, String password) {
        return SharedInfrastructure.keycloak().userToken(username, password);
    }

    /** An access token for a confidential client's service account. */
    public static String clientToken(String clientId) {
        return SharedInfrastructure.keycloak().clientToken(clientId, clientSecret(clientId));
    }

    public static String clientSecret(String clientId) {
        return KeycloakServer.clientSecret(clientId);
    }

    public static String realmUrl() {
        return SharedInfrastructure.keycloak().realmUrl();
    }
}
