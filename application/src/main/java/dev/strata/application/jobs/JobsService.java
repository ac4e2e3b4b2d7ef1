package dev.strata.application.jobs;

import dev.strata.application.jobs.port.ClaimJobsCommand;
import dev.strata.application.jobs.port.EnqueueJobCommand;
import dev.strata.application.jobs.port.ManageJobsUseCase;
import dev.strata.application.jobs.port.ManageSchedulesUseCase;
import dev.strata.domain.shared.GroupCommit;
import dev.strata.domain.events.port.EventLog;
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
import dev.strata.domain.jobs.Schedule;
import dev.strata.domain.jobs.ScheduleView;
import dev.strata.domain.jobs.TenantQueue;
import dev.strata.domain.jobs.port.JobQueue;
import dev.strata.domain.jobs.port.JobSchedules;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ConflictException;
import dev.strata.domain.shared.DomainException;
import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.UnitOfWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Service implementing the job and schedule use cases over the durable queue: each state change the store makes is
 * published on {@code jobs.{q}} in the same unit of work, then the relay is woken. A claim with {@code waitMs} that
 * finds nothing waits without a thread ({@link WaitingClaims}): woken by the queue's live events, at the next due
 * time, or by a bounded poll.
 */
public class JobsService implements ManageJobsUseCase, ManageSchedulesUseCase {
    private static final int REAP_LIMIT = 1000;
    /** Most claims, completions or failures written in one unit of work, and such units in flight per key. */
    private static final int BATCH = 32;
    private static final int WRITERS = 2;

    private final JobQueue queue;
    private final JobSchedules schedules;
    private final JobEvents events;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final Runnable published;
    private final Quota waitingQuota;
    private final WaitingClaims waitingClaims;
    /** Concurrent enqueues of one tenant's queue, written together: one statement in flight per queue. */
    private final GroupCommit<TenantQueue, JobSpec, Outcome<Enqueued>> enqueues;
    /** Concurrent claims of one tenant's queue (with the same types), written together. */
    private final GroupCommit<ClaimKey, ClaimJobsCommand, Outcome<List<Job>>> claims;
    /** Concurrent completions and failures of one tenant's jobs, written together. */
    private final GroupCommit<TenantId, Finish, Outcome<Job>> finishes;

    /**
     * @param published    told after changes were published and committed (wakes the local event relay)
     * @param waitingQuota most pending jobs one tenant may hold (null: no quota)
     */
    public JobsService(JobQueue queue, JobSchedules schedules, EventLog log, UnitOfWork unitOfWork, Clock clock,
                       Runnable published, Quota waitingQuota) {
        this(queue, schedules, log, unitOfWork, clock, published, waitingQuota, ClaimWaits.polling());
    }

    /**
     * @param published    told after changes were published and committed (wakes the local event relay)
     * @param waitingQuota most pending jobs one tenant may hold (null: no quota)
     * @param waits        how claims with {@code waitMs} wait for jobs
     */
    public JobsService(JobQueue queue, JobSchedules schedules, EventLog log, UnitOfWork unitOfWork, Clock clock,
                       Runnable published, Quota waitingQuota, ClaimWaits waits) {
        this.queue = queue;
        this.schedules = schedules;
        this.events = new JobEvents(log);
        this.unitOfWork = unitOfWork;
        this.clock = clock;
        this.published = published;
        this.waitingQuota = waitingQuota;
        this.waitingClaims = new WaitingClaims(waits, queue, clock, this::claimOnce);
        this.enqueues = new GroupCommit<>(JobQueue.MAX_ENQUEUE_BATCH, 1, this::writeEnqueues);
        this.claims = new GroupCommit<>(BATCH, WRITERS, (key, items) -> together(items, this::claimStep));
        this.finishes = new GroupCommit<>(BATCH, WRITERS, (key, items) -> writeFinishes(items));
    }

    /** Runs {@code work} in one unit of work and wakes the relay after it committed, when it published anything. */
    private <T> T changing(Supplier<T> work) {
        long before = events.appendedHere();
        T result = unitOfWork.execute(work);
        if (events.appendedHere() != before) {
            // a claim that found nothing (most attempts of waiting claims) published nothing: no relay round
            published.run();
        }
        return result;
    }

    @Override
    public Enqueued enqueue(EnqueueJobCommand command) {
        JobSpec spec = command.spec();
        if (spec.uniqueKey().isEmpty() && command.idempotencyKey().isPresent()) {
            spec = spec.withUniqueKey(command.idempotencyKey().get());
        }
        if (unitOfWork.inProgress()) {
            // inside the caller's unit of work: joins it, alone (a batch would commit with someone else's work)
            return enqueueAlone(command.queue(), spec);
        }
        return enqueues.submit(new TenantQueue(TenantContext.require(), command.queue()), spec).get();
    }

    private Enqueued enqueueAlone(QueueName name, JobSpec spec) {
        Instant now = clock.now();
        return changing(() -> {
            Enqueued enqueued = queue.enqueue(name, spec, now, waitingQuota);
            events.publish(enqueued.change(), now);
            return enqueued;
        });
    }

    /**
     * Writes a batch of concurrent enqueues of one queue (group commit): one unit of work, one statement for the
     * jobs, one append of their events, one commit and one numbering of the topic for all of them.
     */
    private List<Outcome<Enqueued>> writeEnqueues(TenantQueue key, List<JobSpec> specs) {
        return together(specs, () -> {
            Instant now = clock.now();
            return changing(() -> {
                List<Enqueued> enqueued = queue.enqueueAll(key.queue(), specs, now, waitingQuota);
                events.publish(enqueued.stream().flatMap(e -> e.change().stream()).toList(), now);
                return enqueued;
            });
        }, spec -> enqueueAlone(key.queue(), spec));
    }

    @Override
    public List<Job> claim(ClaimJobsCommand command) {
        try {
            return claimAsync(command).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<List<Job>> claimAsync(ClaimJobsCommand command) {
        long deadline = System.nanoTime() + command.waitMs() * 1_000_000;
        List<Job> jobs = claimOnce(command);
        if (!jobs.isEmpty() || command.waitMs() == 0) {
            return CompletableFuture.completedFuture(jobs);
        }
        return waitingClaims.await(command, deadline);
    }

    /**
     * One claim attempt, its changes published: together with the concurrent attempts of this instance on the same
     * queue and types (one unit of work, each claim its own statement, one append of their events); alone inside a
     * caller's unit of work.
     */
    private List<Job> claimOnce(ClaimJobsCommand command) {
        if (unitOfWork.inProgress()) {
            return together(List.of(command), this::claimStep).get(0).get();
        }
        return claims.submit(new ClaimKey(TenantContext.require(), command.queue(), command.types()), command).get();
    }

    private List<Job> claimStep(ClaimJobsCommand command, Instant now, List<JobChange> changes) {
        Claimed result = queue.claim(command.queue(), command.worker(), command.count(), command.types(), now);
        changes.addAll(result.changes());
        return result.jobs();
    }

    /** What claims must share to be written together. */
    private record ClaimKey(TenantId tenant, QueueName queue, java.util.Set<String> types) {
    }

    /** A completion or a failure reported by the job's worker. */
    private record Finish(JobId id, String worker, boolean failed, Optional<String> result, String error,
                          boolean retry) {
    }

    private Job finish(Finish finish) {
        if (unitOfWork.inProgress()) {
            return together(List.of(finish), this::finishStep).get(0).get();
        }
        return finishes.submit(TenantContext.require(), finish).get();
    }

    private Job finishStep(Finish finish, Instant now, List<JobChange> changes) {
        Optional<JobChange> change = finish.failed()
                ? queue.fail(finish.id(), finish.worker(), finish.error(), finish.retry(), now)
                : queue.complete(finish.id(), finish.worker(), finish.result(), now);
        JobChange made = change.orElseThrow(() -> notHeld(finish.id()));
        changes.add(made);
        return made.job();
    }

    /** Writes finishes in the order of their job ids (two batches never lock two jobs in opposite orders). */
    private List<Outcome<Job>> writeFinishes(List<Finish> items) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(i -> items.get(i).id().value()));
        List<Outcome<Job>> sorted = together(order.stream().map(items::get).toList(), this::finishStep);
        List<Outcome<Job>> outcomes = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
        for (int k = 0; k < order.size(); k++) {
            outcomes.set(order.get(k), sorted.get(k));
        }
        return outcomes;
    }

    /** One request's answer from a batch: its value, or why it was refused. */
    private record Outcome<T>(T value, RuntimeException failure) {
        T get() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /** One request's work inside a batch's unit of work: adds the changes it made for the batch to publish. */
    @FunctionalInterface
    private interface Step<I, T> {
        T apply(I item, Instant now, List<JobChange> changes);
    }

    /** Runs the steps of a batch in one unit of work and publishes all their changes in one append per topic. */
    private <I, T> List<Outcome<T>> together(List<I> items, Step<I, T> step) {
        return together(items, () -> run(items, step), item -> run(List.of(item), step).get(0));
    }

    private <I, T> List<T> run(List<I> items, Step<I, T> step) {
        Instant now = clock.now();
        return changing(() -> {
            List<JobChange> changes = new ArrayList<>();
            List<T> out = new ArrayList<>(items.size());
            for (I item : items) {
                out.add(step.apply(item, now, changes));
            }
            events.publish(changes, now);
            return out;
        });
    }

    /**
     * A batch's answers: {@code batch} writes them all at once. When a rule refuses one of them (the batch then rolled
     * back as a whole), each is written again {@code alone}, so each request gets its own answer and none is refused
     * for another's reason; a fault (the commit's outcome may be unknown) fails the whole batch, as it would each
     * alone, and is not written again (a job could exist twice).
     */
    private static <I, T> List<Outcome<T>> together(List<I> items, Supplier<List<T>> batch, Function<I, T> alone) {
        if (items.size() > 1) {
            try {
                List<Outcome<T>> outcomes = new ArrayList<>(items.size());
                batch.get().forEach(value -> outcomes.add(new Outcome<>(value, null)));
                return outcomes;
            } catch (DomainException e) {
                // each alone below
            } catch (RuntimeException e) {
                List<Outcome<T>> outcomes = new ArrayList<>(items.size());
                items.forEach(item -> outcomes.add(new Outcome<>(null, e)));
                return outcomes;
            }
        }
        List<Outcome<T>> outcomes = new ArrayList<>(items.size());
        for (I item : items) {
            try {
                outcomes.add(new Outcome<>(alone.apply(item), null));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome<>(null, e));
            }
        }
        return outcomes;
    }

    @Override
    public Job heartbeat(JobId id, String worker, Optional<Progress> progress) {
        Job.checkWorker(worker);
        return queue.heartbeat(id, worker, progress, clock.now()).orElseThrow(() -> notHeld(id));
    }

    @Override
    public Job complete(JobId id, String worker, Optional<String> result) {
        Job.checkWorker(worker);
        result.ifPresent(Job::checkResult);
        return finish(new Finish(id, worker, false, result, null, false));
    }

    @Override
    public Job fail(JobId id, String worker, String error, boolean retry) {
        Job.checkWorker(worker);
        String text = Job.checkError(error);
        return finish(new Finish(id, worker, true, Optional.empty(), text, retry));
    }

    /** The job, or {@code jobs.not_found} when it does not exist; a job that exists but is not held is a conflict. */
    private ConflictException notHeld(JobId id) {
        queue.find(id).orElseThrow(() -> notFound(id));
        return new ConflictException("jobs.not_held", "job " + id + " is not running under this worker's lease");
    }

    static NotFoundException notFound(JobId id) {
        return new NotFoundException("jobs.not_found", "job " + id + " not found");
    }

    @Override
    public Job get(JobId id) {
        return queue.find(id).orElseThrow(() -> notFound(id));
    }

    @Override
    public Job cancel(JobId id) {
        Instant now = clock.now();
        return changing(() -> {
            Optional<JobChange> change = queue.cancel(id, now);
            if (change.isEmpty()) {
                Job job = get(id);
                throw new ConflictException("jobs.not_cancellable",
                        "job " + id + " is " + job.state().wire() + "; only waiting or delayed jobs can be cancelled");
            }
            events.publish(change.get(), now);
            return change.get().job();
        });
    }

    @Override
    public Job retry(QueueName queueName, JobId id) {
        Job current = get(id);
        if (!current.queue().equals(queueName)) {
            throw notFound(id);
        }
        Instant now = clock.now();
        return changing(() -> {
            Optional<JobChange> change = queue.retry(id, now);
            if (change.isEmpty()) {
                throw new ConflictException("jobs.not_retryable",
                        "job " + id + " is " + get(id).state().wire() + "; only dead or failed jobs can be retried");
            }
            events.publish(change.get(), now);
            return change.get().job();
        });
    }

    @Override
    public int retryDead(QueueName queueName) {
        Instant now = clock.now();
        return changing(() -> {
            List<JobChange> changes = queue.retryDead(queueName, now);
            events.publish(changes, now);
            return changes.size();
        });
    }

    @Override
    public QueueStats stats(QueueName queueName) {
        return queue.stats(queueName, clock.now());
    }

    @Override
    public JobPage list(QueueName queueName, JobState state, Optional<String> cursor, int limit) {
        return queue.list(queueName, state, cursor, limit);
    }

    @Override
    public QueueSettings settings(QueueName queueName) {
        return queue.settings(queueName);
    }

    @Override
    public QueueSettings configure(QueueName queueName, OptionalInt concurrency, Optional<Double> ratePerSecond) {
        return queue.configure(queueName, concurrency, ratePerSecond);
    }

    @Override
    public QueueSettings setPaused(QueueName queueName, boolean paused) {
        Instant now = clock.now();
        return changing(() -> {
            QueueSettings settings = queue.setPaused(queueName, paused);
            // a resume is news to claims waiting on any instance; a pause is published alike for followers
            events.publishQueue(queueName, paused, now);
            return settings;
        });
    }

    @Override
    public int reapExpired(QueueName queueName) {
        Instant now = clock.now();
        return changing(() -> {
            List<JobChange> changes = queue.reapExpired(queueName, now, REAP_LIMIT);
            events.publish(changes, now);
            return changes.size();
        });
    }

    @Override
    public ScheduleView put(Schedule schedule) {
        return schedules.upsert(schedule, clock.now());
    }

    @Override
    public Optional<ScheduleView> get(String name) {
        return schedules.find(name);
    }

    @Override
    public List<ScheduleView> list() {
        return schedules.list();
    }

    @Override
    public boolean delete(String name) {
        return schedules.delete(name);
    }

    @Override
    public int fireDueTicks() {
        Instant now = clock.now();
        return changing(() -> {
            List<JobChange> changes = schedules.claimDueTicks(now);
            events.publish(changes, now);
            return changes.size();
        });
    }
}
