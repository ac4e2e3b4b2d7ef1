package dev.strata.domain.jobs;

import dev.strata.domain.shared.InvalidInputException;
import java.util.List;

/**
 * Value object: the answer to a claim — the jobs now leased to the worker (highest priority first, FIFO within one),
 * and every change the claim made: the jobs whose leases had run out and went back to pending (or dead), then the
 * claimed ones.
 */
public record Claimed(List<Job> jobs, List<JobChange> changes) {
    public Claimed {
        jobs = List.copyOf(jobs);
        changes = List.copyOf(changes);
    }

    /** The most jobs one claim may ask for. */
    public static final int MAX_COUNT = 1000;

    /** Checks how many jobs a claim asks for: 1..{@value #MAX_COUNT}; names {@code count}. */
    public static int checkCount(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidInputException("count", "count must be 1.." + MAX_COUNT);
        }
        return count;
    }

    public static Claimed none(List<JobChange> changes) {
        return new Claimed(List.of(), changes);
    }
}
