package dev.strata.adapters.postgres.jobs;

import static dev.strata.adapters.postgres.jobs.JobRows.COLUMNS;
import static dev.strata.adapters.postgres.jobs.JobRows.one;
import static dev.strata.adapters.postgres.jobs.JobRows.query;
import static dev.strata.adapters.postgres.jobs.JobRows.update;

import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.adapters.postgres.shared.QuotaGate;
import dev.strata.domain.jobs.ClaimRateWindow;
import dev.strata.domain.jobs.Claimed;
import dev.strata.domain.jobs.Enqueued;
import dev.strata.domain.jobs.Job;
import dev.strata.domain.jobs.JobChange;
import dev.strata.domain.jobs.JobId;
import dev.strata.domain.jobs.JobPage;
import dev.strata.domain.jobs.JobSpec;
import dev.strata.domain.jobs.JobState;
import dev.strata.domain.jobs.Progress;
import dev.strata.domain.jobs.QueueName;
import dev.strata.domain.jobs.QueueSettings;
import dev.strata.domain.jobs.QueueStats;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Postgres adapter for {@link JobQueue} ({@code jobs}, {@code job_queues}, RLS). A claim, in one transaction: reaps
 * the queue's expired leases, moves its due delayed jobs to waiting, takes the queue row FOR SHARE (so a pause or a
 * new limit waits for claims in flight and binds every later one), and, when the queue has a concurrency limit, a
 * transaction-scoped advisory lock on the queue under which it counts the running jobs, and, when the queue has a
 * rate, its {@code job_queue_rates} row FOR UPDATE, under which it counts the recent claims; then it leases the next
 * waiting jobs with {@code UPDATE ... FROM (SELECT ... ORDER BY priority DESC, run_at, seq LIMIT n FOR UPDATE SKIP
 * LOCKED)}, so that concurrent claimers on any instance skip each other's rows instead of waiting for them.
 * Every method joins the caller's transaction ({@link Jdbc#inTransaction}), so the changes it returns can be
 * published as events atomically with it.
 */
@Singleton
public class PostgresJobQueue implements JobQueue {
    /** How many expired leases or due delayed jobs one claim deals with at most. */
    static final int HOUSEKEEPING_BATCH = 1000;
    private static final String LEASE_HOLDER = " and j.state = 'running' and j.worker = ?";

    private final Jdbc jdbc;

    public PostgresJobQueue(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Enqueued enqueue(QueueName queue, JobSpec spec, Instant now, Quota waitingQuota) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                JobId id = JobId.random();
                FastInsert fast = insertFarBelow(connection, tenant, queue, spec, id, now, waitingQuota);
                if (fast.created().isPresent()) {
                    return new Enqueued(fast.created().get(), true);
                }
                if (spec.uniqueKey().isPresent()) {
                    Optional<Job> first = holderOfKey(connection, tenant, queue, spec.uniqueKey().get());
                    if (first.isPresent()) {
                        return new Enqueued(first.get(), false);
                    }
                }
                if (fast.farBelow()) {
                    continue; // the key's holder finished in between: insert again
                }
                admitNearTheQuota(connection, tenant, waitingQuota);
                Optional<Job> created = one(connection, INSERT_JOB + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?::text, ?, ?) " + ON_KEY_CONFLICT + COLUMNS, JobRows::map,
                        jobValues(tenant, queue, spec, id, now));
                if (created.isPresent()) {
                    return new Enqueued(created.get(), true);
                }
                // a concurrent enqueue with the same key won: the next round answers its job
            }
            throw new ConflictException("jobs.unique_key_busy", "uniqueKey is being enqueued and finished concurrently");
        });
    }

    /**
     * One statement for the batch's common case (the queue row, the far-below quota check and every job's row,
     * inserted in the given order, so {@code seq} keeps it), then {@link #enqueue} in the same transaction for any
     * spec it did not insert: its unique key is held (also by an earlier spec of the batch), or the tenant is near its
     * quota, where the exact gate decides job by job.
     */
    @Override
    public List<Enqueued> enqueueAll(QueueName queue, List<JobSpec> specs, Instant now, Quota waitingQuota) {
        if (specs.size() > MAX_ENQUEUE_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_ENQUEUE_BATCH + " jobs per enqueueAll");
        }
        if (specs.size() <= 1) {
            return specs.stream().map(spec -> enqueue(queue, spec, now, waitingQuota)).toList();
        }
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            int n = specs.size();
            JobId[] ids = new JobId[n];
            String[][] columns = new String[13][n];
            for (int i = 0; i < n; i++) {
                JobSpec spec = specs.get(i);
                ids[i] = JobId.random();
                columns[0][i] = ids[i].value().toString();
                columns[1][i] = spec.type();
                columns[2][i] = spec.payload();
                columns[3][i] = Boolean.toString(spec.secretPayload());
                columns[4][i] = spec.initialState(now).wire();
                columns[5][i] = Integer.toString(spec.priority());
                columns[6][i] = spec.firstRunAt(now).toString();
                columns[7][i] = Integer.toString(spec.maxAttempts());
                columns[8][i] = spec.backoff().type().wire();
                columns[9][i] = Long.toString(spec.backoff().baseSeconds());
                columns[10][i] = Long.toString(spec.backoff().maxSeconds());
                columns[11][i] = Integer.toString(spec.timeoutSeconds());
                columns[12][i] = spec.uniqueKey().orElse(null);
            }
            List<Object> parameters = new ArrayList<>(List.of(tenant.value(), queue.value(), now, now,
                    quota(waitingQuota), tenant.value(), tenant.value(), queue.value(), now, now));
            parameters.addAll(Arrays.asList((Object[]) columns));
            Map<java.util.UUID, Job> inserted = new java.util.HashMap<>();
            boolean[] farBelow = {false};
            query(connection, "with queue_row as (insert into job_queues (tenant_id, queue, created_at, updated_at) "
                            + "values (?, ?, ?, ?) on conflict (tenant_id, queue) do nothing), "
                            + ROOM
                            + "created as (" + INSERT_JOB + "select ?::uuid, i.id, ?::text, i.type, i.payload, "
                            + "i.secret, i.state, i.priority, i.run_at, i.max_attempts, i.backoff_type, i.base, i.max, "
                            + "i.timeout, i.unique_key, ?::timestamptz, ?::timestamptz from room, unnest(?::uuid[], "
                            + "?::text[], ?::text[], ?::boolean[], ?::text[], ?::smallint[], ?::timestamptz[], "
                            + "?::integer[], ?::text[], ?::integer[], ?::integer[], ?::integer[], ?::text[]) "
                            + "with ordinality as i(id, type, payload, secret, state, priority, run_at, max_attempts, "
                            + "backoff_type, base, max, timeout, unique_key, n) where room.far_below order by i.n "
                            + ON_KEY_CONFLICT + COLUMNS + ") "
                            + "select room.far_below, j.* from room left join created j on true",
                    rows -> {
                        farBelow[0] = rows.getBoolean("far_below");
                        if (rows.getObject("id") != null) {
                            Job job = JobRows.map(rows);
                            inserted.put(job.id().value(), job);
                        }
                        return null;
                    }, parameters.toArray());
            List<Enqueued> answers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Job job = inserted.get(ids[i].value());
                // not inserted: a held key (answered by its holder) or near the quota (the exact gate)
                answers.add(job != null ? new Enqueued(job, true) : enqueue(queue, specs.get(i), now, waitingQuota));
            }
            return answers;
        });
    }

    /**
     * Whether the tenant is far below its pending-jobs quota: its committed pending jobs (the sum of its
     * {@code job_pending_counts} shards, which a trigger keeps equal to its pending rows) plus, for every transaction
     * Postgres can run at once, the most jobs one transaction enqueues stay under the limit. Then no interleaving of
     * concurrent enqueues can pass it and none needs a place in {@link QuotaGate}'s per-tenant queue.
     */
    private static final String ROOM = "room as (select coalesce(sum(pending), 0) + current_setting('max_connections')"
            + "::bigint * " + MAX_ENQUEUE_BATCH + " < ? as far_below from job_pending_counts where tenant_id = ?), ";

    private static long quota(Quota quota) {
        return quota == null ? Long.MAX_VALUE / 2 : quota.limit();
    }

    private static final String INSERT_JOB = "insert into jobs as j (tenant_id, id, queue, type, payload, "
            + "secret_payload, state, priority, run_at, max_attempts, backoff_type, backoff_base_seconds, "
            + "backoff_max_seconds, timeout_seconds, unique_key, created_at, updated_at) ";
    private static final String ON_KEY_CONFLICT = "on conflict (tenant_id, queue, unique_key) where unique_key is not "
            + "null and state in ('waiting', 'delayed', 'running') do nothing returning ";

    private static Object[] jobValues(TenantId tenant, QueueName queue, JobSpec spec, JobId id, Instant now) {
        return new Object[] {tenant.value(), id.value(), queue.value(), spec.type(), spec.payload(),
            spec.secretPayload(), spec.initialState(now).wire(), spec.priority(), spec.firstRunAt(now),
            spec.maxAttempts(), spec.backoff().type().wire(), spec.backoff().baseSeconds(),
            spec.backoff().maxSeconds(), spec.timeoutSeconds(), spec.uniqueKey().orElse(null), now, now};
    }

    /** The answer of {@link #insertFarBelow}: whether the tenant was far below its quota, and the job if inserted. */
    private record FastInsert(boolean farBelow, Optional<Job> created) {
    }

    /**
     * One statement: makes sure the queue's row exists, and inserts the job when the tenant is far below its
     * pending-jobs quota ({@link #ROOM}). Near the limit nothing is inserted and the exact, serialised gate decides.
     * No job either when its unique key is held (then {@code farBelow} is true and {@code created} empty).
     */
    private static FastInsert insertFarBelow(Connection connection, TenantId tenant, QueueName queue, JobSpec spec,
                                             JobId id, Instant now, Quota quota) throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(tenant.value(), queue.value(), now, now, quota(quota),
                tenant.value()));
        parameters.addAll(Arrays.asList(jobValues(tenant, queue, spec, id, now)));
        return one(connection, "with queue_row as (insert into job_queues (tenant_id, queue, created_at, updated_at) "
                        + "values (?, ?, ?, ?) on conflict (tenant_id, queue) do nothing), "
                        + ROOM
                        + "created as (" + INSERT_JOB + "select ?::uuid, ?::uuid, ?::text, ?::text, ?::text, "
                        + "?::boolean, ?::text, ?::smallint, ?::timestamptz, ?::integer, ?::text, ?::integer, "
                        + "?::integer, ?::integer, ?::text, ?::timestamptz, ?::timestamptz from room where far_below "
                        + ON_KEY_CONFLICT + COLUMNS + ") "
                        + "select room.far_below, j.* from room left join created j on true",
                rows -> new FastInsert(rows.getBoolean("far_below"),
                        rows.getObject("id") == null ? Optional.empty() : Optional.of(JobRows.map(rows))),
                parameters.toArray()).orElseThrow();
    }

    /**
     * The exact check near the limit, as {@link QuotaGate} makes it (the same per-tenant advisory lock, held to the
     * commit, so these enqueues of a tenant take turns and each sees the one before committed), but reading the
     * tenant's pending jobs from the sum of its {@code job_pending_counts} shards, which the trigger keeps equal to
     * its pending rows in every snapshot: O(64) instead of a count of up to the quota's rows under the lock.
     */
    private static void admitNearTheQuota(Connection connection, TenantId tenant, Quota quota) throws SQLException {
        if (quota == null) {
            return;
        }
        one(connection, "select pg_advisory_xact_lock(hashtext(?), hashtext(?))", rows -> 1, tenant.toString(),
                "quota:" + quota.name());
        long pending = one(connection, "select coalesce(sum(pending), 0) from job_pending_counts where tenant_id = ?",
                rows -> rows.getLong(1), tenant.value()).orElse(0L);
        quota.check(pending);
    }

    private static Optional<Job> holderOfKey(Connection connection, TenantId tenant, QueueName queue, String key)
            throws SQLException {
        return one(connection, "select " + COLUMNS + " from jobs j where j.tenant_id = ? and j.queue = ? "
                        + "and j.unique_key = ? and j.state in ('waiting', 'delayed', 'running')",
                JobRows::map, tenant.value(), queue.value(), key);
    }

    @Override
    public Claimed claim(QueueName queue, String worker, int count, Set<String> types, Instant now) {
        TenantId tenant = TenantContext.require();
        Job.checkWorker(worker);
        Claimed.checkCount(count);
        types.forEach(JobSpec::checkType);
        return jdbc.inTransaction(connection -> {
            Optional<Claimed> plain = plainClaim(connection, tenant, queue, worker, count, types, now);
            if (plain.isPresent()) {
                return plain.get();
            }
            // the queue's settings, and whether anything needs reaping or promoting
            Optional<ClaimStart> start = one(connection, "select q.paused, q.concurrency, q.rate_per_second, "
                    + "exists (select 1 from jobs where tenant_id = q.tenant_id and queue = q.queue "
                    + "and state = 'running' and lease_until <= ?) as expired, "
                    + "exists (select 1 from jobs where tenant_id = q.tenant_id and queue = q.queue "
                    + "and state = 'delayed' and run_at <= ?) as due "
                    + "from job_queues q where q.tenant_id = ? and q.queue = ? for share of q",
                    rows -> new ClaimStart(settings(rows), rows.getBoolean("expired"), rows.getBoolean("due")),
                    now, now, tenant.value(), queue.value());
            List<JobChange> changes = new ArrayList<>();
            if (start.isEmpty() || start.get().expired()) {
                changes.addAll(reap(connection, tenant, queue, now, HOUSEKEEPING_BATCH));
            }
            if (start.isEmpty() || start.get().due()) {
                changes.addAll(promoteDue(connection, tenant, queue, now));
            }
            Optional<QueueSettings> settings = start.map(ClaimStart::settings);
            if (settings.isEmpty() || settings.get().paused()) {
                return Claimed.none(changes);
            }
            int room = count;
            if (settings.get().concurrency().isPresent()) {
                one(connection, "select pg_advisory_xact_lock(hashtext(?), hashtext(?))", rows -> 1,
                        "strata.jobs.concurrency:" + tenant, queue.value());
                long running = one(connection, "select count(*) from jobs where tenant_id = ? and queue = ? "
                        + "and state = 'running'", rows -> rows.getLong(1), tenant.value(), queue.value()).orElse(0L);
                room = (int) Math.min(count, Math.max(0, settings.get().concurrency().getAsInt() - running));
                if (room == 0) {
                    return Claimed.none(changes);
                }
            }
            Optional<Double> rate = settings.get().ratePerSecond();
            ClaimRateWindow window = ClaimRateWindow.EMPTY;
            if (rate.isPresent()) {
                window = rateWindow(connection, tenant, queue);
                room = Math.min(room, window.room(now, rate.get()));
                if (room == 0) {
                    return Claimed.none(changes);
                }
            }
            String typeFilter = types.isEmpty() ? "" : " and type = any(?)";
            List<Object> parameters = new ArrayList<>(List.of(tenant.value(), queue.value(), now));
            if (!types.isEmpty()) {
                parameters.add(types.toArray(String[]::new));
            }
            parameters.addAll(List.of(room, worker, now, now, now, tenant.value()));
            List<Sequenced> claimed = query(connection, "with picked as (select id, state from jobs "
                            + "where tenant_id = ? and queue = ? and state = 'waiting' and run_at <= ?" + typeFilter
                            + " order by priority desc, run_at, seq limit ? for update skip locked) "
                            + "update jobs j set state = 'running', attempts = j.attempts + 1, worker = ?, "
                            + "lease_until = ?::timestamptz + j.timeout_seconds * interval '1 second', started_at = ?, "
                            + "finished_at = null, updated_at = ? from picked p where j.tenant_id = ? and j.id = p.id "
                            + "returning p.state as previous, " + COLUMNS,
                    rows -> new Sequenced(rows.getLong("seq"), change(rows)), parameters.toArray());
            if (rate.isPresent() && !claimed.isEmpty()) {
                saveRateWindow(connection, tenant, queue, window.plus(now, rate.get(), claimed.size()));
            }
            return claimedInOrder(claimed, changes);
        });
    }

    /** The claimed jobs highest priority first, then by run time, then FIFO, after the {@code changes} before them. */
    private static Claimed claimedInOrder(List<Sequenced> claimed, List<JobChange> changes) {
        List<Sequenced> ordered = claimed.stream().sorted(Comparator
                .comparingInt((Sequenced s) -> -s.change().job().priority())
                .thenComparing(s -> s.change().job().runAt()).thenComparingLong(Sequenced::seq)).toList();
        List<Job> jobs = new ArrayList<>();
        List<JobChange> all = new ArrayList<>(changes);
        for (Sequenced s : ordered) {
            jobs.add(s.change().job());
            all.add(s.change());
        }
        return new Claimed(jobs, all);
    }

    /** One row of {@link #plainClaim}: what the queue is like, and a job it claimed (none: empty). */
    private record PlainRow(ClaimStart start, Optional<Sequenced> claimed) {
    }

    /**
     * The usual claim in one statement: on a queue that exists, is neither paused nor limited, and has no expired
     * lease and no due delayed job, it takes the queue row FOR SHARE and leases the next waiting jobs, as the full
     * claim does. Empty when the queue is not like that (nothing claimed): the full claim then decides. A paused
     * queue with nothing to reap or promote answers no jobs at once.
     */
    private static Optional<Claimed> plainClaim(Connection connection, TenantId tenant, QueueName queue, String worker,
                                                int count, Set<String> types, Instant now) throws SQLException {
        String typeFilter = types.isEmpty() ? "" : " and j.type = any(?)";
        List<Object> parameters = new ArrayList<>(List.of(now, now, tenant.value(), queue.value(), tenant.value(),
                queue.value(), now));
        if (!types.isEmpty()) {
            parameters.add(types.toArray(String[]::new));
        }
        parameters.addAll(List.of(count, worker, now, now, now, tenant.value()));
        List<PlainRow> rows = query(connection, "with q as materialized (select q.paused, q.concurrency, "
                        + "q.rate_per_second, exists (select 1 from jobs where tenant_id = q.tenant_id "
                        + "and queue = q.queue and state = 'running' and lease_until <= ?) as expired, "
                        + "exists (select 1 from jobs where tenant_id = q.tenant_id and queue = q.queue "
                        + "and state = 'delayed' and run_at <= ?) as due "
                        + "from job_queues q where q.tenant_id = ? and q.queue = ? for share of q), "
                        + "picked as (select j.id, j.state from jobs j where (select not paused and concurrency is null "
                        + "and rate_per_second is null and not expired and not due from q) "
                        + "and j.tenant_id = ? and j.queue = ? and j.state = 'waiting' and j.run_at <= ?" + typeFilter
                        + " order by j.priority desc, j.run_at, j.seq limit ? for update of j skip locked), "
                        + "claimed as (update jobs j set state = 'running', attempts = j.attempts + 1, worker = ?, "
                        + "lease_until = ?::timestamptz + j.timeout_seconds * interval '1 second', started_at = ?, "
                        + "finished_at = null, updated_at = ? from picked p where j.tenant_id = ? and j.id = p.id "
                        + "returning p.state as previous, " + COLUMNS + ") "
                        + "select q.paused, q.concurrency, q.rate_per_second, q.expired, q.due, c.* "
                        + "from q left join claimed c on true",
                r -> new PlainRow(new ClaimStart(settings(r), r.getBoolean("expired"), r.getBoolean("due")),
                        r.getObject("id") == null ? Optional.empty()
                                : Optional.of(new Sequenced(r.getLong("seq"), change(r)))),
                parameters.toArray());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ClaimStart start = rows.get(0).start();
        if (start.expired() || start.due()) {
            return Optional.empty();
        }
        if (start.settings().paused()) {
            return Optional.of(Claimed.none(List.of()));
        }
        if (start.settings().concurrency().isPresent() || start.settings().ratePerSecond().isPresent()) {
            return Optional.empty();
        }
        List<Sequenced> claimed = rows.stream().flatMap(row -> row.claimed().stream()).toList();
        return Optional.of(claimedInOrder(claimed, List.of()));
    }

    /** What a claim learns first: the queue's settings, and whether it has expired leases or due delayed jobs. */
    private record ClaimStart(QueueSettings settings, boolean expired, boolean due) {
    }

    /** The queue's recent claims, its row locked until commit: rate-limited claims take their turns on it. */
    private static ClaimRateWindow rateWindow(Connection connection, TenantId tenant, QueueName queue)
            throws SQLException {
        update(connection, "insert into job_queue_rates (tenant_id, queue) values (?, ?) on conflict do nothing",
                tenant.value(), queue.value());
        return one(connection, "select claimed_at, claimed from job_queue_rates where tenant_id = ? and queue = ? "
                + "for update", rows -> {
                    List<Instant> at = new ArrayList<>();
                    for (Timestamp stamp : (Timestamp[]) rows.getArray(1).getArray()) {
                        at.add(stamp.toInstant());
                    }
                    return new ClaimRateWindow(at, List.of((Integer[]) rows.getArray(2).getArray()));
                }, tenant.value(), queue.value()).orElseThrow();
    }

    private static void saveRateWindow(Connection connection, TenantId tenant, QueueName queue,
                                       ClaimRateWindow window) throws SQLException {
        update(connection, "update job_queue_rates set claimed_at = ?, claimed = ? where tenant_id = ? and queue = ?",
                connection.createArrayOf("timestamptz",
                        window.claimedAt().stream().map(Timestamp::from).toArray(Timestamp[]::new)),
                connection.createArrayOf("int4", window.claimed().toArray(Integer[]::new)),
                tenant.value(), queue.value());
    }

    @Override
    public Optional<Instant> nextDueAfter(QueueName queue, Set<String> types, Instant now) {
        TenantId tenant = TenantContext.require();
        types.forEach(JobSpec::checkType);
        String typeFilter = types.isEmpty() ? "" : " and type = any(?)";
        List<Object> parameters = new ArrayList<>(List.of(tenant.value(), queue.value(), now));
        if (!types.isEmpty()) {
            parameters.add(types.toArray(String[]::new));
        }
        parameters.addAll(List.of(tenant.value(), queue.value(), now));
        return jdbc.inTransaction(connection -> one(connection, "select least("
                        + "(select min(run_at) from jobs where tenant_id = ? and queue = ? "
                        + "and state in ('waiting', 'delayed') and run_at > ?" + typeFilter + "), "
                        + "(select min(lease_until) from jobs where tenant_id = ? and queue = ? "
                        + "and state = 'running' and lease_until > ?))",
                rows -> Optional.ofNullable(rows.getTimestamp(1)).map(java.sql.Timestamp::toInstant),
                parameters.toArray()).flatMap(at -> at));
    }

    /** A change with the job's enqueue order. */
    private record Sequenced(long seq, JobChange change) {
    }

    private static JobChange change(ResultSet rows) throws SQLException {
        return JobChange.of(JobState.fromWire(rows.getString("previous")), JobRows.map(rows));
    }

    private static List<JobChange> promoteDue(Connection connection, TenantId tenant, QueueName queue, Instant now)
            throws SQLException {
        return query(connection, "with due as (select id, state from jobs where tenant_id = ? and queue = ? "
                        + "and state = 'delayed' and run_at <= ? order by run_at limit ? for update skip locked) "
                        + "update jobs j set state = 'waiting', updated_at = ? from due d "
                        + "where j.tenant_id = ? and j.id = d.id returning d.state as previous, " + COLUMNS,
                PostgresJobQueue::change, tenant.value(), queue.value(), now, HOUSEKEEPING_BATCH, now, tenant.value());
    }

    @Override
    public Optional<Job> heartbeat(JobId id, String worker, Optional<Progress> progress, Instant now) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            String lease = "lease_until = ?::timestamptz + j.timeout_seconds * interval '1 second', updated_at = ?";
            Optional<Job> job = progress.isPresent()
                    ? one(connection, "update jobs j set " + lease + ", progress = ?, progress_message = ?::text "
                                    + "where j.tenant_id = ? and j.id = ?" + LEASE_HOLDER + " returning " + COLUMNS,
                            JobRows::map, now, now, progress.get().percent(), progress.get().message().orElse(null),
                            tenant.value(), id.value(), worker)
                    : one(connection, "update jobs j set " + lease + " where j.tenant_id = ? and j.id = ?"
                            + LEASE_HOLDER + " returning " + COLUMNS, JobRows::map, now, now, tenant.value(),
                            id.value(), worker);
            if (job.isEmpty()) {
                requireExists(connection, tenant, id);
            }
            return job;
        });
    }

    @Override
    public Optional<JobChange> complete(JobId id, String worker, Optional<String> result, Instant now) {
        TenantId tenant = TenantContext.require();
        result.ifPresent(Job::checkResult);
        return jdbc.inTransaction(connection -> {
            Optional<Job> job = one(connection, "update jobs j set state = 'completed', lease_until = null, "
                            + "result = ?::text, progress = 100, finished_at = ?, updated_at = ? "
                            + "where j.tenant_id = ? and j.id = ?" + LEASE_HOLDER + " returning " + COLUMNS,
                    JobRows::map, result.orElse(null), now, now, tenant.value(), id.value(), worker);
            if (job.isEmpty()) {
                requireExists(connection, tenant, id);
            }
            return job.map(done -> JobChange.of(JobState.RUNNING, done));
        });
    }

    @Override
    public Optional<JobChange> fail(JobId id, String worker, String error, boolean retry, Instant now) {
        TenantId tenant = TenantContext.require();
        String message = Job.checkError(error);
        return jdbc.inTransaction(connection -> {
            Optional<Job> held = one(connection, "select " + COLUMNS + " from jobs j where j.tenant_id = ? "
                    + "and j.id = ?" + LEASE_HOLDER + " for update", JobRows::map, tenant.value(), id.value(), worker);
            if (held.isEmpty()) {
                requireExists(connection, tenant, id);
                return Optional.empty();
            }
            return Optional.of(failAttempt(connection, tenant, held.get(), message, retry, now));
        });
    }

    /** Ends the current attempt of a running (locked) job as failed: delayed by its backoff, dead or failed. */
    private static JobChange failAttempt(Connection connection, TenantId tenant, Job job, String error, boolean retry,
                                         Instant now) throws SQLException {
        JobState next = job.stateAfterFailure(retry);
        boolean again = next == JobState.DELAYED;
        Instant runAt = again ? job.retryAt(now, ThreadLocalRandom.current().nextDouble()) : job.runAt();
        Job failed = one(connection, "update jobs j set state = ?, worker = null, lease_until = null, run_at = ?, "
                        + "last_error = ?, finished_at = ?, updated_at = ? where j.tenant_id = ? and j.id = ? "
                        + "returning " + COLUMNS, JobRows::map, next.wire(), runAt, error, again ? null : now, now,
                tenant.value(), job.id().value()).orElseThrow();
        return JobChange.of(job.state(), failed);
    }

    @Override
    public List<JobChange> reapExpired(QueueName queue, Instant now, int limit) {
        TenantId tenant = TenantContext.require();
        if (limit < 1) {
            return List.of();
        }
        return jdbc.inTransaction(connection -> reap(connection, tenant, queue, now, limit));
    }

    private static List<JobChange> reap(Connection connection, TenantId tenant, QueueName queue, Instant now,
                                        int limit) throws SQLException {
        List<Job> expired = query(connection, "select " + COLUMNS + " from jobs j where j.tenant_id = ? "
                        + "and j.queue = ? and j.state = 'running' and j.lease_until <= ? order by j.lease_until "
                        + "limit ? for update skip locked", JobRows::map, tenant.value(), queue.value(), now, limit);
        List<JobChange> changes = new ArrayList<>();
        for (Job job : expired) {
            changes.add(failAttempt(connection, tenant, job, "lease expired", true, now));
        }
        return changes;
    }

    @Override
    public int purgeFinished(QueueName queue, Instant completedBefore, Instant deadBefore, int limit) {
        TenantId tenant = TenantContext.require();
        if (limit < 1) {
            return 0;
        }
        // a CTE, evaluated once: a subquery in USING may be rescanned per joined row, each time with its own LIMIT
        return jdbc.inTransaction(connection -> update(connection, "with doomed as materialized (select id from jobs "
                        + "where tenant_id = ? and queue = ? and ((state in ('completed', 'cancelled') "
                        + "and finished_at < ?) or (state in ('failed', 'dead') and finished_at < ?)) "
                        + "order by finished_at limit ? for update skip locked) "
                        + "delete from jobs j using doomed d where j.tenant_id = ? and j.id = d.id",
                tenant.value(), queue.value(), completedBefore, deadBefore, limit, tenant.value()));
    }

    @Override
    public Optional<Job> find(JobId id) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> one(connection, "select " + COLUMNS + " from jobs j "
                + "where j.tenant_id = ? and j.id = ?", JobRows::map, tenant.value(), id.value()));
    }

    @Override
    public Optional<JobChange> cancel(JobId id, Instant now) {
        return transition(id, "state in ('waiting', 'delayed')", "state = 'cancelled', finished_at = ?, updated_at = ?",
                now, now);
    }

    @Override
    public Optional<JobChange> retry(JobId id, Instant now) {
        return transition(id, "state in ('dead', 'failed')", REVIVE, now, now);
    }

    private static final String REVIVE = "state = 'waiting', attempts = 0, run_at = ?, worker = null, "
            + "lease_until = null, progress = 0, progress_message = null, result = null, started_at = null, "
            + "finished_at = null, updated_at = ?";

    /** Moves one job from the states {@code from} by {@code set}; empty when it is in none of them. */
    private Optional<JobChange> transition(JobId id, String from, String set, Object... setParameters) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            List<Object> parameters = new ArrayList<>(List.of(tenant.value(), id.value()));
            parameters.addAll(List.of(setParameters));
            parameters.add(tenant.value());
            Optional<JobChange> change = one(connection, "with target as (select id, state from jobs "
                    + "where tenant_id = ? and id = ? and " + from + " for update) update jobs j set " + set
                    + " from target t where j.tenant_id = ? and j.id = t.id returning t.state as previous, " + COLUMNS,
                    PostgresJobQueue::change, parameters.toArray());
            if (change.isEmpty()) {
                requireExists(connection, tenant, id);
            }
            return change;
        });
    }

    @Override
    public List<JobChange> retryDead(QueueName queue, Instant now) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> query(connection, "with target as (select id, state from jobs "
                        + "where tenant_id = ? and queue = ? and state = 'dead' for update) update jobs j set " + REVIVE
                        + " from target t where j.tenant_id = ? and j.id = t.id returning t.state as previous, " + COLUMNS,
                PostgresJobQueue::change, tenant.value(), queue.value(), now, now, tenant.value()));
    }

    @Override
    public QueueStats stats(QueueName queue, Instant now) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (Map.Entry<JobState, Long> entry : query(connection, "select state, count(*) from jobs "
                            + "where tenant_id = ? and queue = ? group by state",
                    rows -> Map.entry(JobState.fromWire(rows.getString(1)), rows.getLong(2)),
                    tenant.value(), queue.value())) {
                counts.put(entry.getKey(), entry.getValue());
            }
            Optional<Instant> oldest = one(connection, "select min(run_at) from jobs where tenant_id = ? and queue = ? "
                            + "and state in ('waiting', 'delayed') and run_at <= ?",
                    rows -> Optional.ofNullable(rows.getTimestamp(1)).map(java.sql.Timestamp::toInstant),
                    tenant.value(), queue.value(), now).flatMap(at -> at);
            return new QueueStats(queue, counts, oldest.map(at -> Duration.between(at, now)));
        });
    }

    @Override
    public JobPage list(QueueName queue, JobState state, Optional<String> cursor, int limit) {
        TenantId tenant = TenantContext.require();
        JobPage.checkLimit(limit);
        long after = cursor.map(JobPage::position).orElse(0L);
        return jdbc.inTransaction(connection -> {
            List<Map.Entry<Long, Job>> rows = query(connection, "select " + COLUMNS + " from jobs j "
                            + "where j.tenant_id = ? and j.queue = ? and j.state = ? and j.seq > ? order by j.seq limit ?",
                    r -> Map.entry(r.getLong("seq"), JobRows.map(r)), tenant.value(), queue.value(), state.wire(),
                    after, limit + 1);
            boolean more = rows.size() > limit;
            List<Map.Entry<Long, Job>> page = more ? rows.subList(0, limit) : rows;
            return new JobPage(page.stream().map(Map.Entry::getValue).toList(),
                    more ? Optional.of(JobPage.cursorAfter(page.get(page.size() - 1).getKey())) : Optional.empty());
        });
    }

    @Override
    public QueueSettings settings(QueueName queue) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> one(connection, "select paused, concurrency, rate_per_second "
                        + "from job_queues where tenant_id = ? and queue = ?", PostgresJobQueue::settings,
                tenant.value(), queue.value()).orElse(QueueSettings.DEFAULT));
    }

    @Override
    public QueueSettings configure(QueueName queue, OptionalInt concurrency, Optional<Double> ratePerSecond) {
        TenantId tenant = TenantContext.require();
        QueueSettings.DEFAULT.withLimits(concurrency, ratePerSecond);
        Integer limit = concurrency.isPresent() ? concurrency.getAsInt() : null;
        Double rate = ratePerSecond.orElse(null);
        return jdbc.inTransaction(connection -> one(connection, "insert into job_queues (tenant_id, queue, concurrency, "
                        + "rate_per_second, created_at, updated_at) values (?, ?, ?::integer, ?::double precision, now(), "
                        + "now()) on conflict (tenant_id, queue) do update set concurrency = excluded.concurrency, "
                        + "rate_per_second = excluded.rate_per_second, updated_at = now() "
                        + "returning paused, concurrency, rate_per_second", PostgresJobQueue::settings,
                tenant.value(), queue.value(), limit, rate).orElseThrow());
    }

    @Override
    public QueueSettings setPaused(QueueName queue, boolean paused) {
        TenantId tenant = TenantContext.require();
        return jdbc.inTransaction(connection -> one(connection, "insert into job_queues (tenant_id, queue, paused, "
                        + "created_at, updated_at) values (?, ?, ?, now(), now()) on conflict (tenant_id, queue) "
                        + "do update set paused = excluded.paused, updated_at = now() "
                        + "returning paused, concurrency, rate_per_second", PostgresJobQueue::settings,
                tenant.value(), queue.value(), paused).orElseThrow());
    }

    private static QueueSettings settings(ResultSet rows) throws SQLException {
        int concurrency = rows.getInt("concurrency");
        OptionalInt limit = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(concurrency);
        double rate = rows.getDouble("rate_per_second");
        Optional<Double> perSecond = rows.wasNull() ? Optional.empty() : Optional.of(rate);
        return new QueueSettings(rows.getBoolean("paused"), limit, perSecond);
    }

    private static void requireExists(Connection connection, TenantId tenant, JobId id) throws SQLException {
        if (one(connection, "select 1 from jobs where tenant_id = ? and id = ?", rows -> 1, tenant.value(),
                id.value()).isEmpty()) {
            throw new NotFoundException("jobs.not_found", "no job " + id);
        }
    }
}
