package dev.strata.application.events.port;

/** Use case: a group's figures — lag (events not yet delivered), pending (unacknowledged), consumers, dead letters. */
public interface DescribeGroupUseCase {
    GroupStats describeGroup(GroupQuery query);

    /** The figures of a group. */
    record GroupStats(long lag, long pending, long consumers, long deadLetters) {
    }
}
