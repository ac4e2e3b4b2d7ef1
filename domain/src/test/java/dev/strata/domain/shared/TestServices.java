package dev.strata.domain.shared;

import com.redis.testcontainers.RedisContainer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Test support: the one place where the integration tests of every module find Redis and Postgres.
 * {@code -Dstrata.test.redis-uri} / {@code -Dstrata.test.jdbc-url} (and the user/password properties) always win;
 * otherwise, when a Docker engine answers, Redis and pgvector Postgres are started through Testcontainers once per
 * test JVM (with the same two roles as {@code scripts/services.sh}); otherwise the local services as that script
 * starts them. Nothing skips: a missing server fails the test that needs it. The source is printed once per server.
 */
public final class TestServices {
    /** Local defaults, as {@code scripts/services.sh} provisions them. */
    static final String LOCAL_REDIS_URI = "redis://127.0.0.1:6379";
    static final String LOCAL_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/strata";
    static final String DATABASE = "strata";
    static final String SERVING_USER = "strata";
    static final String SERVING_PASSWORD = "strata";
    static final String OWNER_USER = "strata_owner";
    static final String OWNER_PASSWORD = "strata_owner";
    static final String REDIS_IMAGE = "redis:7.0.15";
    static final String POSTGRES_IMAGE = "pgvector/pgvector:pg15";

    private static final AtomicReference<Boolean> DOCKER = new AtomicReference<>();
    private static volatile String redisUri;
    private static volatile String jdbcUrl;

    private TestServices() {
    }

    /** The Redis URI for this test JVM (decided, and the container started, on first use). */
    public static synchronized String redisUri() {
        if (redisUri == null) {
            redisUri = decide("Redis", "strata.test.redis-uri", TestServices::startRedis, LOCAL_REDIS_URI);
        }
        return redisUri;
    }

    /** The JDBC URL of Strata's database for this test JVM (decided, and the container started, on first use). */
    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            jdbcUrl = decide("Postgres", "strata.test.jdbc-url", TestServices::startPostgres, LOCAL_JDBC_URL);
        }
        return jdbcUrl;
    }

    /** One server's address: the property's, a container's, or the local default; printed once. */
    private static String decide(String server, String property, Supplier<String> start, String local) {
        String given = System.getProperty(property);
        TestServiceChoice choice = TestServiceChoice.of(given, TestServices::dockerAvailable);
        String address = switch (choice) {
            case PROPERTY -> given;
            case TESTCONTAINERS -> start.get();
            case LOCAL -> local;
        };
        announce(server, choice, address);
        return address;
    }

    /** The serving role (DML only, bound by row-level security). */
    public static String jdbcUser() {
        return property("strata.test.jdbc-user", SERVING_USER);
    }

    /** The serving role's password. */
    public static String jdbcPassword() {
        return property("strata.test.jdbc-password", SERVING_PASSWORD);
    }

    /** The owner role, which runs the migrations. */
    public static String jdbcOwnerUser() {
        return property("strata.test.jdbc-owner-user", OWNER_USER);
    }

    /** The owner role's password. */
    public static String jdbcOwnerPassword() {
        return property("strata.test.jdbc-owner-password", OWNER_PASSWORD);
    }

    static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static boolean dockerAvailable() {
        Boolean known = DOCKER.get();
        if (known == null) {
            known = probeDocker(() -> DockerClientFactory.instance().isDockerAvailable());
            DOCKER.set(known);
        }
        return known;
    }

    /** Asks the probe; a probe that throws counts as "no Docker engine". */
    static boolean probeDocker(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void announce(String server, TestServiceChoice choice, String address) {
        System.out.println("[strata-test] " + server + ": " + choice.describe() + " at " + address);
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper removes it afterwards
    private static String startRedis() {
        RedisContainer redis = new RedisContainer(DockerImageName.parse(REDIS_IMAGE));
        redis.start();
        return "redis://" + redis.getRedisHost() + ":" + redis.getRedisPort();
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper removes it afterwards
    private static String startPostgres() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(
                DockerImageName.parse(POSTGRES_IMAGE).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName(DATABASE)
                .withUsername("postgres")
                .withPassword("postgres")
                .withCopyToContainer(Transferable.of(provisioningSql()), "/docker-entrypoint-initdb.d/10-strata-roles.sql");
        postgres.start();
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/" + DATABASE;
    }

    /**
     * The roles of {@code scripts/services.sh}, run by the image's entrypoint as the superuser in the new database:
     * the owner (owns the database and every object; runs the migrations) and the serving role (DML only); neither is
     * superuser nor BYPASSRLS, so row-level security binds them. The serving role's table grants come from the
     * migrations themselves (V9).
     */
    static String provisioningSql() {
        return """
                create role "%1$s" login password '%2$s' nosuperuser nobypassrls nocreaterole nocreatedb;
                create role "%3$s" login password '%4$s' nosuperuser nobypassrls nocreaterole nocreatedb;
                alter database "%5$s" owner to "%1$s";
                create extension if not exists vector;
                create extension if not exists pg_prewarm;
                revoke create on schema public from "%3$s";
                grant usage on schema public to "%3$s";
                """.formatted(OWNER_USER, OWNER_PASSWORD, SERVING_USER, SERVING_PASSWORD, DATABASE);
    }
}
