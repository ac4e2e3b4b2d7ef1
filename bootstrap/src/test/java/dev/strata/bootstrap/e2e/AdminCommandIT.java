package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.TestServices;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar's admin command: {@code java -jar strata.jar admin create-tenant <slug>}. */
class AdminCommandIT {

    @Test
    void createTenantPrintsCredentialsThatWork() throws Exception {
        String slug = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Result result = run("admin", "create-tenant", slug);
        assertEquals(0, result.exit, result.output);
        Map<String, String> printed = new HashMap<>();
        for (String line : result.output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && List.of("tenantId", "clientId", "clientSecret").contains(line.substring(0, eq))) {
                printed.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        assertEquals(3, printed.size(), result.output);
        try (StrataInstance instance = StrataInstance.start()) {
            String token = Tenants.token(instance, printed.get("clientId"), printed.get("clientSecret"));
            StrataInstance.Response ping = instance.get("/v1/ping", token);
            assertEquals(200, ping.status());
            assertEquals(printed.get("tenantId"), ping.json("tenantId"));
        }
        Result again = run("admin", "create-tenant", slug);
        assertEquals(1, again.exit, "a taken slug is refused: " + again.output);
        assertTrue(again.output.contains("already exists"), again.output);
    }

    @Test
    void badUsageExitsWithTwo() throws Exception {
        assertEquals(2, run("admin").exit);
        assertEquals(2, run("admin", "create-tenant", "Not A Slug!").exit);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("strata.test.jar");
        assertNotNull(jar, "strata.test.jar must point at the packaged jar (failsafe sets it)");
        assertTrue(new File(jar).isFile(), "packaged jar missing: " + jar);
        List<String> command = new java.util.ArrayList<>(List.of(
                System.getProperty("java.home") + "/bin/java", "-jar", jar));
        command.addAll(List.of(args));
        // Output goes to a file: a pipe read only after waitFor could fill up and block the child.
        File log = File.createTempFile("strata-admin", ".log");
        log.deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("DATASOURCES_DEFAULT_URL",
                TestServices.jdbcUrl());
        builder.environment().put("STRATA_MIGRATIONS_USERNAME", StrataInstance.ownerUser());
        builder.environment().put("STRATA_MIGRATIONS_PASSWORD", StrataInstance.ownerPassword());
        builder.environment().remove("MICRONAUT_ENVIRONMENTS");
        Process process = builder.start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        String output = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
            throw new AssertionError("admin command did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
