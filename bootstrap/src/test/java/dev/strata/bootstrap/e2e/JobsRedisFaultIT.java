package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.application.identity.port.CreateTenantUseCase.TenantCreated;
import dev.strata.domain.shared.RedisServerProcess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Jobs with Redis killed (a Redis of the test's own) while producers and workers run on two instances: enqueue, claim
 * and complete go on from Postgres, nothing is lost, nothing runs twice; Redis back, work goes on.
 */
class JobsRedisFaultIT {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final int PER_PHASE = 20;

    @Test
    void enqueueClaimAndCompleteKeepWorkingWithRedisKilledAndAfterItIsBack() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            Map<String, Object> overrides = Map.of("redis.uri", redis.uri());
            try (StrataInstance c = StrataInstance.start(overrides); StrataInstance d = StrataInstance.start(overrides)) {
                TenantCreated tenant = Tenants.create(c);
                String token = Tenants.adminToken(c, tenant);
                String q = "faults-" + UUID.randomUUID().toString().substring(0, 8);
                StrataInstance[] instances = {c, d};
                ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                Set<String> enqueued = java.util.Collections.synchronizedSet(new HashSet<>());
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService workers = Executors.newFixedThreadPool(4);
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    StrataInstance instance = instances[w % 2];
                    String worker = "w" + w;
                    running.add(workers.submit(() -> {
                        while (!stop.get()) {
                            StrataInstance.Response batch = instance.postJson("/v1/queues/" + q + "/claim", token,
                                    "{\"worker\":\"" + worker + "\",\"count\":3,\"waitMs\":300}");
                            if (batch.status() != 200) {
                                failures.add("claim " + batch.status() + " " + batch.body());
                                continue;
                            }
                            Matcher m = ID.matcher(batch.body());
                            while (m.find()) {
                                String id = m.group(1);
                                claimed.add(id);
                                StrataInstance.Response done = instances[(int) (Math.random() * 2)].postJson(
                                        "/v1/jobs/" + id + "/complete", token, "{\"worker\":\"" + worker + "\"}");
                                if (done.status() != 200) {
                                    failures.add("complete " + done.status() + " " + done.body());
                                }
                            }
                        }
                        return null;
                    }));
                }
                try {
                    enqueue(instances, token, q, "up", enqueued, failures);
                    redis.kill();
                    enqueue(instances, token, q, "down", enqueued, failures);
                    assertTrue(LoopsSupport.eventually(60, () -> claimed.size() >= 2 * PER_PHASE),
                            "claims go on with Redis down: " + claimed.size());
                    redis.startAgain();
                    enqueue(instances, token, q, "back", enqueued, failures);
                    assertTrue(LoopsSupport.eventually(60, () -> claimed.size() >= 3 * PER_PHASE),
                            "claims go on after Redis is back: " + claimed.size());
                } finally {
                    stop.set(true);
                    for (Future<?> worker : running) {
                        worker.get(60, TimeUnit.SECONDS);
                    }
                    workers.shutdownNow();
                }
                assertEquals(List.of(), List.copyOf(failures), "every request answered");
                assertEquals(3 * PER_PHASE, enqueued.size(), "every enqueue created a job");
                List<String> all = List.copyOf(claimed);
                assertEquals(new HashSet<>(all).size(), all.size(), "no job claimed twice");
                assertEquals(enqueued, new HashSet<>(all), "every job claimed");
                for (String id : enqueued) {
                    assertEquals("completed", d.get("/v1/jobs/" + id, token).json("state"), id);
                }
                String stats = c.get("/v1/queues/" + q, token).body();
                assertEquals(3 * PER_PHASE, LoopsSupport.number(stats, "completed"), stats);
            }
        }
    }

    private static void enqueue(StrataInstance[] instances, String token, String q, String phase, Set<String> enqueued,
                                ConcurrentLinkedQueue<String> failures) {
        for (int i = 0; i < PER_PHASE; i++) {
            StrataInstance.Response created = instances[i % 2].postJson("/v1/queues/" + q + "/jobs", token,
                    "{\"type\":\"t\",\"payload\":{\"phase\":\"" + phase + "\",\"n\":" + i + "}}");
            if (created.status() == 201) {
                enqueued.add(created.json("id"));
            } else {
                failures.add("enqueue " + created.status() + " " + created.body());
            }
        }
    }
}
