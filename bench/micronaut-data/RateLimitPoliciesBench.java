import dev.strata.adapters.postgres.sessions.PostgresRateLimitPolicies;
import dev.strata.adapters.postgres.sessions.PostgresTenantDirectory;
import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.sessions.RateLimitAlgorithm;
import dev.strata.domain.sessions.RateLimitPolicy;
import dev.strata.domain.sessions.Tenant;
import dev.strata.domain.sessions.TenantSlug;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import io.micronaut.context.ApplicationContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Loop benchmark: rate-limit policy find and save through the Micronaut Data repository (the adapter as shipped)
 * against the hand-written JDBC it replaced, both inside the same tenant-scoped Jdbc transaction, one thread,
 * alternating rounds. Prints microseconds per operation per round and the median of the rounds.
 */
public final class RateLimitPoliciesBench {
    public static void main(String[] args) {
        int ops = Integer.parseInt(env("BENCH_OPS", "5000"));
        int rounds = Integer.parseInt(env("BENCH_ROUNDS", "7"));
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", env("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/strata"),
                "datasources.default.username", env("DATASOURCES_DEFAULT_USERNAME", "strata"),
                "datasources.default.password", env("DATASOURCES_DEFAULT_PASSWORD", "strata"),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.maximum-pool-size", "4",
                "strata.migrations.username", env("STRATA_MIGRATIONS_USERNAME", "strata_owner"),
                "strata.migrations.password", env("STRATA_MIGRATIONS_PASSWORD", "strata_owner")))) {
            Jdbc jdbc = context.getBean(Jdbc.class);
            PostgresRateLimitPolicies repository = context.getBean(PostgresRateLimitPolicies.class);
            TenantId tenant = TenantId.random();
            context.getBean(PostgresTenantDirectory.class).create(new Tenant(tenant,
                    new TenantSlug("bench-" + tenant.value().toString().replace("-", "").substring(0, 16)), Instant.now()));
            TenantContext.runAs(tenant, () -> {
                for (int i = 0; i < 100; i++) {
                    repository.save(policy(i));
                }
                Map<String, IntConsumer> variants = new java.util.LinkedHashMap<>();
                variants.put("find jdbc", i -> jdbcFind(jdbc, "p" + (i % 100)).orElseThrow());
                variants.put("find repository", i -> repository.find("p" + (i % 100)).orElseThrow());
                variants.put("save jdbc", i -> jdbcSave(jdbc, policy(i % 100)));
                variants.put("save repository", i -> repository.save(policy(i % 100)));
                Map<String, List<Double>> micros = new java.util.LinkedHashMap<>();
                variants.keySet().forEach(k -> micros.put(k, new ArrayList<>()));
                variants.values().forEach(v -> run(v, ops)); // warm-up
                for (int round = 0; round < rounds; round++) {
                    List<String> order = new ArrayList<>(variants.keySet());
                    if (round % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (String name : order) {
                        micros.get(name).add(run(variants.get(name), ops));
                    }
                }
                System.out.printf("%-16s %s  median%n", "us/op", "rounds");
                micros.forEach((name, values) -> {
                    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    System.out.printf("%-16s %s  %.1f%n", name,
                            Arrays.toString(values.stream().mapToLong(Math::round).toArray()), sorted[sorted.length / 2]);
                });
            });
            jdbc.inTransaction(c -> {
                try (PreparedStatement delete = c.prepareStatement("delete from rate_limit_policies where tenant_id = ?")) {
                    delete.setObject(1, tenant.value());
                    return delete.executeUpdate();
                }
            });
        }
    }

    private static double run(IntConsumer op, int ops) {
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            op.accept(i);
        }
        return (System.nanoTime() - start) / 1_000.0 / ops;
    }

    private static RateLimitPolicy policy(int i) {
        return new RateLimitPolicy("p" + i, 10 + i, 60, RateLimitAlgorithm.SLIDING_WINDOW);
    }

    /** The hand-written find of the adapter before the repository. */
    private static Optional<RateLimitPolicy> jdbcFind(Jdbc jdbc, String name) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select name, max_units, window_seconds, algorithm from rate_limit_policies where name = ?")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new RateLimitPolicy(rows.getString(1), rows.getInt(2), rows.getInt(3),
                                    RateLimitAlgorithm.fromWire(rows.getString(4))))
                            : Optional.empty();
                }
            }
        });
    }

    /** The hand-written save of the adapter before the repository. */
    private static void jdbcSave(Jdbc jdbc, RateLimitPolicy policy) {
        jdbc.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "insert into rate_limit_policies (tenant_id, name, max_units, window_seconds, algorithm, updated_at) "
                            + "values (?, ?, ?, ?, ?, now()) on conflict (tenant_id, name) do update set "
                            + "max_units = excluded.max_units, window_seconds = excluded.window_seconds, "
                            + "algorithm = excluded.algorithm, updated_at = now()")) {
                statement.setObject(1, TenantContext.require().value());
                statement.setString(2, policy.name());
                statement.setInt(3, policy.limit());
                statement.setInt(4, policy.windowSeconds());
                statement.setString(5, policy.algorithm().wire());
                return statement.executeUpdate();
            }
        });
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
