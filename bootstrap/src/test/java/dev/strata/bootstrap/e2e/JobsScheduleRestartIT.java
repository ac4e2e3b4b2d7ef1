package dev.strata.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A schedule whose ticks were missed while no instance ran: the next instance to start fires one job for all of them,
 * then one per tick again.
 */
class JobsScheduleRestartIT {
    private static final Map<String, Object> FAST_TICKS = Map.of("strata.jobs.tick-interval", "200ms");

    @Test
    void missedTicksCatchUpWithOneJobAfterARestart() throws Exception {
        String q = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "every-2s-" + q;
        String token;
        Instant stopped;
        try (StrataInstance first = StrataInstance.start(FAST_TICKS)) {
            token = Tenants.adminToken(first, Tenants.create(first));
            String tokenOfFirst = token;
            StrataInstance.Response put = first.send(first.builder("/v1/schedules/" + name, token)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"queue\":\"" + q + "\",\"type\":\"tick\",\"payload\":{},\"cron\":\"*/2 * * * * *\"}")));
            assertEquals(200, put.status(), put.body());
            assertTrue(LoopsSupport.eventually(30, () -> lastRun(first, tokenOfFirst, name).isPresent()), "first tick");
        }
        stopped = Instant.now();
        // nobody runs: ticks go by unfired
        Thread.sleep(7000);
        try (StrataInstance second = StrataInstance.start(FAST_TICKS)) {
            String tokenOfSecond = token;
            long before = createdAt(second, token, q).stream().filter(at -> at.isBefore(stopped)).count();
            assertTrue(before >= 1, "the first instance fired");
            assertTrue(LoopsSupport.eventually(30, () -> createdAt(second, tokenOfSecond, q).size() >= before + 3),
                    "the restarted instance fires again");
            for (int attempt = 0; attempt < 20; attempt++) {
                Instant last = lastRun(second, token, name).orElseThrow();
                List<Instant> jobs = createdAt(second, token, q);
                if (!last.equals(lastRun(second, token, name).orElseThrow())) {
                    continue;
                }
                Instant catchUp = jobs.get((int) before);
                assertTrue(catchUp.isAfter(stopped), jobs.toString());
                long missed = Math.floorDiv(catchUp.getEpochSecond(), 2) - Math.floorDiv(stopped.getEpochSecond(), 2);
                assertTrue(missed >= 3, "several ticks went by unfired: " + missed);
                long regular = last.getEpochSecond() / 2 - Math.floorDiv(catchUp.getEpochSecond(), 2);
                assertEquals(before + 1 + regular, jobs.size(),
                        "one job for the " + missed + " missed ticks, then one per tick up to " + last + ": " + jobs);
                assertEquals(204, second.delete("/v1/schedules/" + name, token).status());
                return;
            }
            throw new AssertionError("the schedule kept firing between two readings");
        }
    }

    private static Optional<Instant> lastRun(StrataInstance instance, String token, String name) {
        return Optional.ofNullable(instance.get("/v1/schedules/" + name, token).json("lastRunAt")).map(Instant::parse);
    }

    /** When each job of the queue was created, in order of creation. */
    private static List<Instant> createdAt(StrataInstance instance, String token, String q) {
        String body = instance.get("/v1/queues/" + q + "/jobs?state=waiting&limit=1000", token).body();
        Matcher m = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        List<Instant> at = new ArrayList<>();
        while (m.find()) {
            at.add(Instant.parse(m.group(1)));
        }
        return at;
    }
}
