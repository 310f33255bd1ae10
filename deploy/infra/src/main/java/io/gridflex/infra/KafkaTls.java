package io.gridflex.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TLS identity: a self-signed EC certificate for {@code 127.0.0.1} and {@code localhost}, made with the
 * JDK's keytool on first start and kept in the broker's work directory. Clients trust exactly that certificate (a
 * PEM file), with host-name verification on. The keystore password reaches keytool through its environment, never
 * its command line.
 */
record KafkaTls(Path keystore, Path certificate) {

    private static final String PASSWORD_VARIABLE = "GRIDFLEX_KEYSTORE_PASSWORD";

    static KafkaTls ensure(Path directory, String keystorePassword) {
        Path keystore = directory.resolve("broker.p12");
        Path certificate = directory.resolve("ca.pem");
        if (!Files.exists(keystore) || !Files.exists(certificate)) {
            try {
                Files.createDirectories(directory);
                Files.deleteIfExists(keystore);
                Files.deleteIfExists(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            keytool(directory, keystorePassword, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=gridflex-kafka", "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost", "-validity", "3650", "-storetype", "PKCS12", "-keystore",
                    keystore.toString(), "-storepass:env", PASSWORD_VARIABLE);
            keytool(directory, keystorePassword, "-exportcert", "-rfc", "-alias", "broker", "-keystore",
                    keystore.toString(), "-storepass:env", PASSWORD_VARIABLE, "-file", certificate.toString());
        }
        return new KafkaTls(keystore.toAbsolutePath(), certificate.toAbsolutePath());
    }

    private static void keytool(Path directory, String password, String... arguments) {
        Path log = directory.resolve("keytool.log");
        List<String> command = new java.util.ArrayList<>();
        command.add(JavaRuntime.home().resolve("bin").resolve("keytool").toString());
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(PASSWORD_VARIABLE, password));
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
