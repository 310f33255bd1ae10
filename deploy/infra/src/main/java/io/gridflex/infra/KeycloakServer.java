package io.gridflex.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.access.Passwords;

/**
 * A real Keycloak server on loopback with the GridFlex realm ({@code deploy/keycloak/gridflex-realm.json}) imported
 * into an in-memory database, so every start begins from the realm file and nothing else.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "gridflex";
    public static final String ADMIN_USER = "admin";
    /** A public client whose tokens live one second, made on demand by {@link #expiredUserToken}; never in the realm. */
    private static final String EXPIRING_CLIENT = "gridflex-test-expiring";
    /** The realm's confidential clients; each gets a secret made up at start. */
    public static final List<String> CLIENTS = List.of("ven-gateway", "dispatch", "site-agent", "settlement");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final int port;
    private final RealmSecrets secrets;

    private KeycloakServer(ChildProcess process, int port, RealmSecrets secrets) {
        this.process = process;
        this.port = port;
        this.secrets = secrets;
    }

    /**
     * What this Keycloak's realm was imported with, made up at start: the bootstrap admin's password, the demo users'
     * password and each confidential client's secret. The realm file holds only placeholders (environment variables
     * Keycloak resolves on import), so nothing usable is in the repository; nothing goes on a command line either.
     */
    private record RealmSecrets(String adminPassword, String demoPassword, Map<String, String> clients) {

        static RealmSecrets generate() {
            Map<String, String> clients = new LinkedHashMap<>();
            CLIENTS.forEach(client -> clients.put(client, Passwords.generate()));
            return new RealmSecrets(Passwords.generate(), Passwords.generate(), clients);
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            env.put("GRIDFLEX_DEMO_PASSWORD", demoPassword);
            clients.forEach((client, secret) -> env.put(secretVariable(client), secret));
            return env;
        }

    }

    /** The environment variable the realm file names for a client's secret. */
    static String secretVariable(String clientId) {
        return "GRIDFLEX_SECRET_" + clientId.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** @param port the HTTP port, or 0 for any free one */
    public static KeycloakServer start(Path workDir, int port) {
        Path home = home();
        int httpPort = port == 0 ? FreePort.pick() : port;
        int managementPort = FreePort.pick();
        try {
            Files.createDirectories(workDir);
            Path imports = home.resolve("data").resolve("import");
            Files.createDirectories(imports);
            installRealm(imports.resolve("gridflex-realm.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buildOnce(home, workDir);
        return startedOnce(home, () -> launch(home, workDir, httpPort, managementPort));
    }

    private static KeycloakServer launch(Path home, Path workDir, int httpPort, int managementPort) {
        RealmSecrets secrets = RealmSecrets.generate();
        Map<String, String> env = environment();
        env.putAll(secrets.environment());
        ChildProcess process = ChildProcess.start("keycloak",
                List.of("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                        "--db=dev-mem",
                        "--http-host=127.0.0.1",
                        "--http-port=" + httpPort,
                        "--http-management-port=" + managementPort,
                        "--hostname-strict=false",
                        "--import-realm",
                        "--cache=local",
                        "--log-level=warn"),
                workDir, env, workDir.resolve("keycloak.log"), "TERM");
        KeycloakServer server = new KeycloakServer(process, httpPort, secrets);
        Await.ready("Keycloak on port " + httpPort, process, Duration.ofMinutes(4), server::realmServed);
        return server;
    }

    /**
     * Puts the realm file where {@code --import-realm} reads it. Another Keycloak of the same installation may be
     * starting at that moment (test JVMs side by side), so the file is replaced in one atomic move, never rewritten in
     * place, and left alone when it is already the same.
     */
    private static void installRealm(Path target) throws IOException {
        byte[] realm = Files.readAllBytes(realmFile());
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), realm)) {
            return;
        }
        Path staged = Files.createTempFile(target.getParent(), "gridflex-realm", ".staged");
        Files.write(staged, realm);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer services use as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** An access token for a user, by the password grant of the public {@code gridflex-cli} client. */
    public String userToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", "gridflex-cli", "username", username,
                "password", password, "scope", "openid"));
    }

    /** An access token for a confidential client's own service account. */
    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /**
     * A real access token of the realm for a user that has already expired: issued through a public client whose
     * tokens live one second, which the realm's admin creates on first use, then waited out. For tests that check an
     * expired token is refused.
     */
    public synchronized String expiredUserToken(String username, String password) {
        String admin = tokenAt(url() + "/realms/master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", ADMIN_USER, "password", secrets.adminPassword()));
        HttpRequest create = HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + REALM + "/clients"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + EXPIRING_CLIENT + "\","
                        + "\"publicClient\":true,\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false,"
                        + "\"attributes\":{\"access.token.lifespan\":\"1\"}}"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            int status = HTTP.send(create, HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status != 201 && status != 409) {
                throw new IllegalStateException("Keycloak refused the test client (" + status + ")");
            }
            String token = token(Map.of("grant_type", "password", "client_id", EXPIRING_CLIENT, "username", username,
                    "password", password, "scope", "openid"));
            Thread.sleep(3000);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The secret this Keycloak gave a confidential client at start. */
    public String clientSecret(String clientId) {
        String secret = secrets.clients().get(clientId);
        if (secret == null) {
            throw new IllegalArgumentException("no confidential client " + clientId + "; clients: " + CLIENTS);
        }
        return secret;
    }

    /** The password this Keycloak gave the demo users (olivia, bill, ada, bea, audrey) at start. */
    public String demoPassword() {
        return secrets.demoPassword();
    }

    public static Path realmFile() {
        return InfraHome.repositoryRoot().resolve("deploy").resolve("keycloak").resolve("gridflex-realm.json");
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private String token(Map<String, String> form) {
        return tokenAt(realmUrl(), form);
    }

    private static String tokenAt(String realmUrl, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request refused (" + response.statusCode() + "): "
                        + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean realmServed() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path home() {
        try (var entries = Files.list(InfraHome.dist())) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-") && Files.isDirectory(p))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak missing in " + InfraHome.dist()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", JavaRuntime.home().toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx512m");
        return env;
    }

    /**
     * The first {@code start-dev} of an installation re-augments it once more (the dev profile), rewriting the jars
     * under {@code lib/quarkus} while it starts; a Keycloak of another test JVM starting at that moment reads a
     * half-written jar and dies ("zip END header not found"). So that first start holds the installation's build lock
     * until it serves the realm; the starts after it, which change nothing, run side by side.
     */
    private static KeycloakServer startedOnce(Path home, Supplier<KeycloakServer> launch) {
        Path stamp = home.resolve("gridflex-started-dev-mem");
        if (Files.exists(stamp)) {
            return launch.get();
        }
        return underBuildLock(home, stamp, "started once with start-dev --db=dev-mem --cache=local", launch);
    }

    /**
     * Keycloak re-augments itself when its build options change; doing it once per installation keeps later starts
     * at about twenty seconds instead of fifty. The installation is shared by every test JVM of a build, which may run
     * side by side (Maven's {@code -T}), so the check and the build hold a file lock, not just this JVM's monitor.
     */
    private static void buildOnce(Path home, Path workDir) {
        Path stamp = home.resolve("gridflex-built-dev-mem");
        if (Files.exists(stamp)) {
            return;
        }
        underBuildLock(home, stamp, "built with --db=dev-mem --cache=local", () -> {
            if (Files.exists(stamp)) {
                return null; // another JVM built it while this one waited for the lock
            }
            ChildProcess build = ChildProcess.start("keycloak-build",
                    List.of("bash", home.resolve("bin").resolve("kc.sh").toString(), "build", "--db=dev-mem",
                            "--cache=local"),
                    workDir, environment(), workDir.resolve("keycloak-build.log"), "TERM");
            int exit = build.waitForExit(Duration.ofMinutes(5));
            if (exit != 0) {
                throw new IllegalStateException("Keycloak build failed (exit " + exit + "):\n" + build.tail(40));
            }
            return null;
        });
    }

    /**
     * Runs {@code work} holding the installation's build lock (a file lock across test JVMs; this class's monitor
     * within one, as a JVM may hold a file's lock only once), then leaves {@code stamp} saying it was done.
     */
    private static synchronized <T> T underBuildLock(Path home, Path stamp, String done, Supplier<T> work) {
        try (FileChannel lockFile = FileChannel.open(home.resolve("gridflex-build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            T result = work.get();
            Files.writeString(stamp, done + "\n");
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
