package io.gridflex.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
        return TOKENS.compute(username + "\n" + password, (key, held) -> held != null && held.fresh()
                ? held
                : new Token(SharedInfrastructure.keycloak().userToken(username, password), System.nanoTime()))
                .value();
    }

    /**
     * Tokens are reused for two minutes (the realm's tokens live five): each password grant costs Keycloak a
     * deliberately slow password hash, and a test that walks every endpoint as every user would pay it hundreds of
     * times.
     */
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private record Token(String value, long fetchedAt) {

        boolean fresh() {
            return System.nanoTime() - fetchedAt < Duration.ofMinutes(2).toNanos();
        }
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
