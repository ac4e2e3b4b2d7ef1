package dev.strata.domain.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Value object: the recent claims of a queue with a {@code ratePerSecond} (instants and how many jobs each took)
 * and the rule that bounds them. With a rate r of at least 1, at most floor(r) jobs are claimed in any window of one
 * second; with a rate below 1, at most one in any window of 1/r seconds. A claim counts against every later claim
 * less than one window after it, so the bound holds for every window, not only for windows aligned to seconds.
 */
public record ClaimRateWindow(List<Instant> claimedAt, List<Integer> claimed) {
    /** No claims yet. */
    public static final ClaimRateWindow EMPTY = new ClaimRateWindow(List.of(), List.of());

    public ClaimRateWindow {
        claimedAt = List.copyOf(Objects.requireNonNull(claimedAt, "claimedAt must not be null"));
        claimed = List.copyOf(Objects.requireNonNull(claimed, "claimed must not be null"));
        if (claimedAt.size() != claimed.size()) {
            throw new IllegalArgumentException("claimedAt and claimed must be of one length");
        }
    }

    /** The length of the window a rate is counted over: one second, or 1/rate seconds for rates below 1. */
    public static Duration window(double ratePerSecond) {
        return ratePerSecond >= 1 ? Duration.ofSeconds(1) : Duration.ofNanos((long) Math.ceil(1e9 / ratePerSecond));
    }

    /** How many jobs one window admits: floor(rate), and 1 for rates below 1. */
    public static int capacity(double ratePerSecond) {
        return ratePerSecond >= 1 ? (int) Math.min(Integer.MAX_VALUE, Math.floor(ratePerSecond)) : 1;
    }

    /** The claims that still count at {@code now}: those less than one window before it. */
    public ClaimRateWindow at(Instant now, double ratePerSecond) {
        Instant since = now.minus(window(ratePerSecond));
        List<Instant> at = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < claimedAt.size(); i++) {
            if (claimedAt.get(i).isAfter(since)) {
                at.add(claimedAt.get(i));
                counts.add(claimed.get(i));
            }
        }
        return new ClaimRateWindow(at, counts);
    }

    /** How many more jobs may be claimed at {@code now}. */
    public int room(Instant now, double ratePerSecond) {
        long taken = at(now, ratePerSecond).claimed.stream().mapToLong(Integer::longValue).sum();
        return (int) Math.max(0, capacity(ratePerSecond) - taken);
    }

    /** The counting claims at {@code now} plus a claim of {@code jobs} at {@code now}. */
    public ClaimRateWindow plus(Instant now, double ratePerSecond, int jobs) {
        ClaimRateWindow kept = at(now, ratePerSecond);
        if (jobs <= 0) {
            return kept;
        }
        List<Instant> at = new ArrayList<>(kept.claimedAt);
        List<Integer> counts = new ArrayList<>(kept.claimed);
        at.add(now);
        counts.add(jobs);
        return new ClaimRateWindow(at, counts);
    }
}
