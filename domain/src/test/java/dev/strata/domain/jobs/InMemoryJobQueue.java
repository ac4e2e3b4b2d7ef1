package dev.strata.domain.jobs;

import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleSupplier;

/** In-memory fake of {@link JobQueue}: one lock for everything, so it is trivially exact. Thread-safe. */
public final class InMemoryJobQueue implements JobQueue {
    private final Map<JobId, Row> jobs = new LinkedHashMap<>();
    private final Map<String, QueueSettings> settings = new HashMap<>();
    private final Map<String, ClaimRateWindow> rates = new HashMap<>();
    private final DoubleSupplier random;
    private long sequence;

    public InMemoryJobQueue() {
        this(new Random()::nextDouble);
    }

    public InMemoryJobQueue(DoubleSupplier random) {
        this.random = random;
    }

    private static final class Row {
        final TenantId tenant;
        final long seq;
        Job job;

        Row(TenantId tenant, long seq, Job job) {
            this.tenant = tenant;
            this.seq = seq;
            this.job = job;
        }
    }

    private static String key(TenantId tenant, QueueName queue) {
        return tenant + "\n" + queue;
    }

    @Override
    public synchronized Enqueued enqueue(QueueName queue, JobSpec spec, Instant now, Quota waitingQuota) {
        TenantId tenant = TenantContext.require();
        Objects.requireNonNull(queue, "queue must not be null");
        if (spec.uniqueKey().isPresent()) {
            for (Row row : jobs.values()) {
                if (row.tenant.equals(tenant) && row.job.queue().equals(queue) && row.job.state().holdsUniqueKey()
                        && row.job.uniqueKey().equals(spec.uniqueKey())) {
                    return new Enqueued(row.job, false);
                }
            }
        }
        if (waitingQuota != null) {
            waitingQuota.check(jobs.values().stream()
                    .filter(row -> row.tenant.equals(tenant) && row.job.state().pending()).count());
        }
        settings.putIfAbsent(key(tenant, queue), QueueSettings.DEFAULT);
        Job job = new Job(JobId.random(), queue, spec.type(), spec.payload(), spec.secretPayload(),
                spec.initialState(now), spec.priority(), 0, spec.maxAttempts(), spec.backoff(), spec.timeoutSeconds(),
                spec.uniqueKey(), Progress.NONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                now, spec.firstRunAt(now), Optional.empty(), Optional.empty(), now);
        jobs.put(job.id(), new Row(tenant, ++sequence, job));
        return new Enqueued(job, true);
    }

    @Override
    public synchronized List<Enqueued> enqueueAll(QueueName queue, List<JobSpec> specs, Instant now,
                                                  Quota waitingQuota) {
        if (specs.size() > MAX_ENQUEUE_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_ENQUEUE_BATCH + " jobs per enqueueAll");
        }
        Map<JobId, Row> before = new LinkedHashMap<>(jobs);
        long sequenceBefore = sequence;
        try {
            List<Enqueued> answers = new ArrayList<>();
            for (JobSpec spec : specs) {
                answers.add(enqueue(queue, spec, now, waitingQuota));
            }
            return answers;
        } catch (RuntimeException e) {
            // all or nothing, as one transaction
            jobs.clear();
            jobs.putAll(before);
            sequence = sequenceBefore;
            throw e;
        }
    }

    @Override
    public synchronized Claimed claim(QueueName queue, String worker, int count, Set<String> types, Instant now) {
        TenantId tenant = TenantContext.require();
        Job.checkWorker(worker);
        Claimed.checkCount(count);
        types.forEach(JobSpec::checkType);
        List<JobChange> changes = new ArrayList<>(reapExpired(queue, now, Integer.MAX_VALUE));
        for (Row row : rows(tenant, queue)) {
            Job before = row.job;
            if (before.state() == JobState.DELAYED && !before.runAt().isAfter(now)) {
                row.job = copy(before, JobState.WAITING, before.attempts(), before.runAt(), before.worker(),
                        before.leaseUntil(), before.progress(), before.lastError(), before.result(), before.startedAt(),
                        before.finishedAt(), now);
                changes.add(JobChange.of(before.state(), row.job));
            }
        }
        QueueSettings queueSettings = settings.getOrDefault(key(tenant, queue), QueueSettings.DEFAULT);
        if (queueSettings.paused()) {
            return Claimed.none(changes);
        }
        int room = count;
        if (queueSettings.concurrency().isPresent()) {
            long running = rows(tenant, queue).stream().filter(r -> r.job.state() == JobState.RUNNING).count();
            room = (int) Math.max(0, Math.min(count, queueSettings.concurrency().getAsInt() - running));
        }
        ClaimRateWindow window = rates.getOrDefault(key(tenant, queue), ClaimRateWindow.EMPTY);
        if (queueSettings.ratePerSecond().isPresent()) {
            room = Math.min(room, window.room(now, queueSettings.ratePerSecond().get()));
        }
        List<Row> due = rows(tenant, queue).stream()
                .filter(r -> r.job.state() == JobState.WAITING && !r.job.runAt().isAfter(now))
                .filter(r -> types.isEmpty() || types.contains(r.job.type()))
                .sorted(Comparator.<Row>comparingInt(r -> -r.job.priority()).thenComparing(r -> r.job.runAt())
                        .thenComparingLong(r -> r.seq))
                .limit(room).toList();
        List<Job> claimed = new ArrayList<>();
        for (Row row : due) {
            Job before = row.job;
            row.job = copy(before, JobState.RUNNING, before.attempts() + 1, before.runAt(), Optional.of(worker),
                    Optional.of(now.plusSeconds(before.timeoutSeconds())), before.progress(), before.lastError(),
                    before.result(), Optional.of(now), Optional.empty(), now);
            claimed.add(row.job);
            changes.add(JobChange.of(before.state(), row.job));
        }
        if (queueSettings.ratePerSecond().isPresent()) {
            rates.put(key(tenant, queue), window.plus(now, queueSettings.ratePerSecond().get(), claimed.size()));
        }
        return new Claimed(claimed, changes);
    }

    @Override
    public synchronized Optional<Instant> nextDueAfter(QueueName queue, Set<String> types, Instant now) {
        TenantId tenant = TenantContext.require();
        types.forEach(JobSpec::checkType);
        Optional<Instant> due = Optional.empty();
        for (Row row : rows(tenant, queue)) {
            Job job = row.job;
            Optional<Instant> at = Optional.empty();
            if (job.state().pending() && (types.isEmpty() || types.contains(job.type()))) {
                at = Optional.of(job.runAt());
            } else if (job.state() == JobState.RUNNING) {
                at = job.leaseUntil();
            }
            if (at.isPresent() && at.get().isAfter(now) && (due.isEmpty() || at.get().isBefore(due.get()))) {
                due = at;
            }
        }
        return due;
    }

    @Override
    public synchronized Optional<Job> heartbeat(JobId id, String worker, Optional<Progress> progress, Instant now) {
        Row row = require(id);
        if (!row.job.heldBy(worker)) {
            return Optional.empty();
        }
        Job before = row.job;
        row.job = copy(before, before.state(), before.attempts(), before.runAt(), before.worker(),
                Optional.of(now.plusSeconds(before.timeoutSeconds())), progress.orElse(before.progress()),
                before.lastError(), before.result(), before.startedAt(), before.finishedAt(), now);
        return Optional.of(row.job);
    }

    @Override
    public synchronized Optional<JobChange> complete(JobId id, String worker, Optional<String> result, Instant now) {
        result.ifPresent(Job::checkResult);
        Row row = require(id);
        if (!row.job.heldBy(worker)) {
            return Optional.empty();
        }
        Job before = row.job;
        row.job = copy(before, JobState.COMPLETED, before.attempts(), before.runAt(), before.worker(), Optional.empty(),
                new Progress(100, before.progress().message()), before.lastError(), result, before.startedAt(),
                Optional.of(now), now);
        return Optional.of(JobChange.of(before.state(), row.job));
    }

    @Override
    public synchronized Optional<JobChange> fail(JobId id, String worker, String error, boolean retry, Instant now) {
        String message = Job.checkError(error);
        Row row = require(id);
        if (!row.job.heldBy(worker)) {
            return Optional.empty();
        }
        return Optional.of(failed(row, message, retry, now));
    }

    private JobChange failed(Row row, String message, boolean retry, Instant now) {
        Job before = row.job;
        JobState next = before.stateAfterFailure(retry);
        boolean again = next == JobState.DELAYED;
        row.job = copy(before, next, before.attempts(), again ? before.retryAt(now, random.getAsDouble()) : before.runAt(),
                Optional.empty(), Optional.empty(), before.progress(), Optional.of(message), before.result(),
                before.startedAt(), again ? Optional.empty() : Optional.of(now), now);
        return JobChange.of(before.state(), row.job);
    }

    @Override
    public synchronized List<JobChange> reapExpired(QueueName queue, Instant now, int limit) {
        TenantId tenant = TenantContext.require();
        List<JobChange> changes = new ArrayList<>();
        for (Row row : rows(tenant, queue)) {
            if (changes.size() >= limit) {
                break;
            }
            if (row.job.state() == JobState.RUNNING && !row.job.leaseUntil().orElseThrow().isAfter(now)) {
                changes.add(failed(row, "lease expired", true, now));
            }
        }
        return changes;
    }

    @Override
    public synchronized int purgeFinished(QueueName queue, Instant completedBefore, Instant deadBefore, int limit) {
        TenantId tenant = TenantContext.require();
        int purged = 0;
        for (Row row : rows(tenant, queue)) {
            if (purged < limit && expiredFinished(row.job, completedBefore, deadBefore)) {
                jobs.remove(row.job.id());
                purged++;
            }
        }
        return purged;
    }

    static boolean expiredFinished(Job job, Instant completedBefore, Instant deadBefore) {
        Instant before = switch (job.state()) {
            case COMPLETED, CANCELLED -> completedBefore;
            case FAILED, DEAD -> deadBefore;
            default -> null;
        };
        return before != null && job.finishedAt().isPresent() && job.finishedAt().get().isBefore(before);
    }

    /** Every (tenant, queue) with a job matching {@code test}, in order of first appearance; for the housekeeping fake. */
    synchronized List<TenantQueue> queuesWith(java.util.function.Predicate<Job> test) {
        return jobs.values().stream().filter(row -> test.test(row.job))
                .map(row -> new TenantQueue(row.tenant, row.job.queue())).distinct().toList();
    }

    @Override
    public synchronized Optional<Job> find(JobId id) {
        TenantId tenant = TenantContext.require();
        Row row = jobs.get(id);
        return row != null && row.tenant.equals(tenant) ? Optional.of(row.job) : Optional.empty();
    }

    @Override
    public synchronized Optional<JobChange> cancel(JobId id, Instant now) {
        Row row = require(id);
        Job before = row.job;
        if (!before.state().pending()) {
            return Optional.empty();
        }
        row.job = copy(before, JobState.CANCELLED, before.attempts(), before.runAt(), Optional.empty(), Optional.empty(),
                before.progress(), before.lastError(), before.result(), before.startedAt(), Optional.of(now), now);
        return Optional.of(JobChange.of(before.state(), row.job));
    }

    @Override
    public synchronized Optional<JobChange> retry(JobId id, Instant now) {
        Row row = require(id);
        if (row.job.state() != JobState.DEAD && row.job.state() != JobState.FAILED) {
            return Optional.empty();
        }
        return Optional.of(revive(row, now));
    }

    private JobChange revive(Row row, Instant now) {
        Job before = row.job;
        row.job = copy(before, JobState.WAITING, 0, now, Optional.empty(), Optional.empty(), Progress.NONE,
                before.lastError(), Optional.empty(), Optional.empty(), Optional.empty(), now);
        return JobChange.of(before.state(), row.job);
    }

    @Override
    public synchronized List<JobChange> retryDead(QueueName queue, Instant now) {
        TenantId tenant = TenantContext.require();
        List<JobChange> changes = new ArrayList<>();
        for (Row row : rows(tenant, queue)) {
            if (row.job.state() == JobState.DEAD) {
                changes.add(revive(row, now));
            }
        }
        return changes;
    }

    @Override
    public synchronized QueueStats stats(QueueName queue, Instant now) {
        TenantId tenant = TenantContext.require();
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        Instant oldest = null;
        for (Row row : rows(tenant, queue)) {
            counts.merge(row.job.state(), 1L, Long::sum);
            if (row.job.state().pending() && !row.job.runAt().isAfter(now)
                    && (oldest == null || row.job.runAt().isBefore(oldest))) {
                oldest = row.job.runAt();
            }
        }
        return new QueueStats(queue, counts, Optional.ofNullable(oldest).map(at -> Duration.between(at, now)));
    }

    @Override
    public synchronized JobPage list(QueueName queue, JobState state, Optional<String> cursor, int limit) {
        TenantId tenant = TenantContext.require();
        JobPage.checkLimit(limit);
        long after = cursor.map(JobPage::position).orElse(0L);
        List<Row> rows = rows(tenant, queue).stream().filter(r -> r.job.state() == state && r.seq > after)
                .limit(limit + 1L).toList();
        boolean more = rows.size() > limit;
        List<Row> page = more ? rows.subList(0, limit) : rows;
        return new JobPage(page.stream().map(r -> r.job).toList(),
                more ? Optional.of(JobPage.cursorAfter(page.get(page.size() - 1).seq)) : Optional.empty());
    }

    @Override
    public synchronized QueueSettings settings(QueueName queue) {
        return settings.getOrDefault(key(TenantContext.require(), queue), QueueSettings.DEFAULT);
    }

    @Override
    public synchronized QueueSettings configure(QueueName queue, OptionalInt concurrency, Optional<Double> ratePerSecond) {
        QueueSettings updated = settings(queue).withLimits(concurrency, ratePerSecond);
        settings.put(key(TenantContext.require(), queue), updated);
        return updated;
    }

    @Override
    public synchronized QueueSettings setPaused(QueueName queue, boolean paused) {
        QueueSettings updated = settings(queue).withPaused(paused);
        settings.put(key(TenantContext.require(), queue), updated);
        return updated;
    }

    private List<Row> rows(TenantId tenant, QueueName queue) {
        return jobs.values().stream().filter(r -> r.tenant.equals(tenant) && r.job.queue().equals(queue)).toList();
    }

    private Row require(JobId id) {
        TenantId tenant = TenantContext.require();
        Row row = jobs.get(id);
        if (row == null || !row.tenant.equals(tenant)) {
            throw new NotFoundException("jobs.not_found", "no job " + id);
        }
        return row;
    }

    private static Job copy(Job j, JobState state, int attempts, Instant runAt, Optional<String> worker,
                            Optional<Instant> leaseUntil, Progress progress, Optional<String> lastError,
                            Optional<String> result, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                            Instant updatedAt) {
        return new Job(j.id(), j.queue(), j.type(), j.payload(), j.secretPayload(), state, j.priority(), attempts,
                j.maxAttempts(), j.backoff(), j.timeoutSeconds(), j.uniqueKey(), progress, lastError, result, worker,
                leaseUntil, j.createdAt(), runAt, startedAt, finishedAt, updatedAt);
    }
}
