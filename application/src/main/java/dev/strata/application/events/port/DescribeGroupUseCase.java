package dev.strata.application.events.port;

/**
 * Use case: a group's figures — lag (events not yet delivered), pending (unacknowledged), consumers, dead letters,
 * and the seconds the oldest unacknowledged delivery has waited since it was delivered (null when none is pending).
 */
public interface DescribeGroupUseCase {
    GroupStats describeGroup(GroupQuery query);

    /** The figures of a group. */
    record GroupStats(long lag, long pending, long consumers, long deadLetters, Long oldestPendingSeconds) {
    }
}
