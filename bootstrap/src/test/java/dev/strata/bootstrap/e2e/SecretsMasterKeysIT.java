package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.secrets.PlaintextCache;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.shared.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start-up rules of the secrets vault's master keys: the environment-variable convention
 * ({@code STRATA_SECRETS_MASTER_KEYS_K1}, {@code STRATA_SECRETS_ACTIVE_KEY}) read by the real context and by a
 * separate Strata process, refusals that name the key id and never the key, sealed without keys, generated in dev mode,
 * zeroed at shutdown.
 */
class SecretsMasterKeysIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] randomKey(int length) {
        byte[] key = new byte[length];
        RANDOM.nextBytes(key);
        return key;
    }

    private static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /** The application context alone (no server), with {@code environment} read as environment variables are. */
    private static ApplicationContext start(Map<String, Object> properties, Map<String, Object> environment, String... envs) {
        Map<String, Object> all = StrataInstance.baseProperties();
        all.putAll(properties);
        return ApplicationContext.builder()
                .environments(envs.length == 0 ? new String[] {"test"} : envs)
                .properties(all)
                .propertySources(PropertySource.of("environment-variables", environment,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
    }

    private static String rootMessage(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void environmentVariablesNameTheKeysAndTheActiveOne() {
        byte[] k1 = randomKey(32);
        byte[] k2 = randomKey(48);
        Map<String, Object> environment = Map.of(
                "STRATA_SECRETS_MASTER_KEYS_K1", b64(k1),
                "STRATA_SECRETS_MASTER_KEYS_K2", b64(k2),
                "STRATA_SECRETS_ACTIVE_KEY", "K2",
                "STRATA_SECRETS_CACHE_TTL", "90s");
        MasterKeyRing ring;
        try (ApplicationContext context = start(Map.of(), environment)) {
            ring = context.getBean(MasterKeyRing.class);
            assertEquals(Set.of("k1", "k2"), ring.ids());
            assertEquals(Optional.of("k2"), ring.activeId());
            assertArrayEquals(k1, ring.key("k1").orElseThrow());
            assertArrayEquals(k2, ring.key("k2").orElseThrow());
            assertNotNull(context.getBean(PlaintextCache.class));
        }
        assertArrayEquals(new byte[32], ring.key("k1").orElseThrow(), "the keys are zeroed at shutdown");
        assertArrayEquals(new byte[48], ring.key("k2").orElseThrow(), "the keys are zeroed at shutdown");
    }

    @Test
    void aShortKeyStopsTheStartNamingTheIdNeverTheKey() {
        String shortKey = b64(randomKey(31));
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> start(Map.of(), Map.of("STRATA_SECRETS_MASTER_KEYS_K1", shortKey)).close());
        String message = rootMessage(refused);
        assertTrue(message.contains("strata.secrets.master-keys.k1 is shorter than 32 bytes"), message);
        assertFalse(message.contains(shortKey), message);
        assertFalse(message.contains(shortKey.substring(0, 12)), message);
    }

    @Test
    void badBase64StopsTheStart() {
        String bad = "this is*not base64 but it is longer than thirty-two characters";
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> start(Map.of("strata.secrets.master-keys.primary", bad), Map.of()).close());
        String message = rootMessage(refused);
        assertTrue(message.contains("strata.secrets.master-keys.primary is not valid base64"), message);
        assertFalse(message.contains("not base64 but"), message);
    }

    @Test
    void anActiveKeyThatIsNotConfiguredStopsTheStart() {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> start(Map.of(), Map.of(
                "STRATA_SECRETS_MASTER_KEYS_K1", b64(randomKey(32)),
                "STRATA_SECRETS_ACTIVE_KEY", "k9")).close());
        assertTrue(rootMessage(refused).contains("the active master key 'k9' is not configured"), rootMessage(refused));
    }

    @Test
    void withoutKeysOutsideDevModeTheVaultStartsSealed() {
        try (ApplicationContext context = start(Map.of(), Map.of())) {
            assertTrue(context.isRunning());
            MasterKeyRing ring = context.getBean(MasterKeyRing.class);
            assertTrue(ring.isSealed());
            assertEquals(Optional.empty(), ring.activeId());
        }
    }

    @Test
    void devModeGeneratesARandomKey() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("strata.demo-tenant", "dev-" + UUID.randomUUID().toString().substring(0, 8));
        try (ApplicationContext context = start(properties, Map.of(), "dev", "test")) {
            MasterKeyRing ring = context.getBean(MasterKeyRing.class);
            assertEquals(Optional.of("dev"), ring.activeId());
            byte[] key = ring.key("dev").orElseThrow();
            assertEquals(MasterKeyRing.MIN_KEY_BYTES, key.length);
            assertNotEquals(b64(new byte[key.length]), b64(key));
        }
    }

    @Test
    void aSeparateProcessReadsRealEnvironmentVariables() throws Exception {
        String shortKey = b64(randomKey(20));
        Jar refused = Jar.start(Map.of("STRATA_SECRETS_MASTER_KEYS_PRIMARY", shortKey));
        try {
            assertTrue(refused.process.waitFor(120, TimeUnit.SECONDS), "a bad key must stop the start: " + refused.output());
            assertNotEquals(0, refused.process.exitValue());
            String output = refused.output();
            assertTrue(output.contains("strata.secrets.master-keys.primary is shorter than 32 bytes"), output);
            assertFalse(output.contains(shortKey), "the key never appears in the output");
        } finally {
            refused.stop();
        }

        Jar started = Jar.start(Map.of(
                "STRATA_SECRETS_MASTER_KEYS_OLD", b64(randomKey(32)),
                "STRATA_SECRETS_MASTER_KEYS_NEW", b64(randomKey(32)),
                "STRATA_SECRETS_ACTIVE_KEY", "NEW"));
        try {
            String line = "secrets master keys: ids [new, old], wrapping with 'new'";
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!started.output().contains(line) && started.process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(started.output().contains(line), (started.process.isAlive() ? "still starting after 120 s"
                    : "exited with " + started.process.exitValue()) + ":\n" + started.output());
        } finally {
            started.stop();
        }
    }

    /** Strata's main class in a process of its own, with the given environment variables; output in a file. */
    record Jar(Process process, File log) {
        static Jar start(Map<String, String> variables) throws IOException {
            // the test's own class path (surefire or failsafe), with the production logging configuration
            List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx256m",
                    "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                    "dev.strata.bootstrap.Strata"));
            File log = File.createTempFile("strata-secrets", ".log");
            log.deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("STRATA_") || name.equals("MICRONAUT_ENVIRONMENTS"));
            environment.put("MICRONAUT_SERVER_PORT", "-1");
            environment.put("REDIS_URI", TestServices.redisUri());
            environment.put("DATASOURCES_DEFAULT_URL", TestServices.jdbcUrl());
            environment.put("STRATA_MIGRATIONS_USERNAME", StrataInstance.ownerUser());
            environment.put("STRATA_MIGRATIONS_PASSWORD", StrataInstance.ownerPassword());
            environment.put("STRATA_JWT_SECRET", StrataInstance.JWT_SECRET);
            environment.put("STRATA_EVENTS_RELAY_ENABLED", "false");
            environment.putAll(variables);
            return new Jar(builder.start(), log);
        }

        String output() throws IOException {
            return Files.readString(log.toPath(), StandardCharsets.UTF_8);
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
