package io.gridflex.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.gridflex.infra.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service's OIDC tenant at a real Keycloak serving the GridFlex realm. The init argument
 * {@code client-id} (default {@code settlement}) names the confidential client the service logs in as.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

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
                "quarkus.oidc.credentials.secret", keycloak.clientSecret(clientId));
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }

    /** An access token for one of the realm's users (demo users share {@link #demoPassword()}). */
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

    private static final Map<String, String> EXPIRED = new ConcurrentHashMap<>();

    /**
     * A real token of the realm for the user, with the user's roles, that has expired (issued to live one second, then
     * waited out; made once per JVM and user). Every service must refuse it.
     */
    public static String expiredToken(String username) {
        return EXPIRED.computeIfAbsent(username, user -> SharedInfrastructure.keycloak().expiredUserToken(user,
                SharedInfrastructure.keycloak().demoPassword()));
    }

    /** An access token for a confidential client's service account. */
    public static String clientToken(String clientId) {
        return SharedInfrastructure.keycloak().clientToken(clientId, clientSecret(clientId));
    }

    /**
     * A token with the realm's issuer, a live expiry and the given user and roles, signed by a key the realm never had:
     * what someone who learned the token format, but not the realm's key, could mint. Every service must refuse it.
     */
    public static String forgedToken(String username, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"not-the-realms\"}";
            String claims = "{\"iss\":\"" + realmUrl() + "\",\"sub\":\"" + UUID.randomUUID()
                    + "\",\"typ\":\"Bearer\",\"azp\":\"gridflex-cli\",\"iat\":" + now + ",\"exp\":" + (now + 300)
                    + ",\"preferred_username\":\"" + username + "\",\"realm_access\":{\"roles\":["
                    + String.join(",", Arrays.stream(roles).map(role -> "\"" + role + "\"").toList()) + "]}}";
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String signed = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String clientSecret(String clientId) {
        return SharedInfrastructure.keycloak().clientSecret(clientId);
    }

    /** The demo users' password, made up when the shared Keycloak started. */
    public static String demoPassword() {
        return SharedInfrastructure.keycloak().demoPassword();
    }

    public static String realmUrl() {
        return SharedInfrastructure.keycloak().realmUrl();
    }
}
