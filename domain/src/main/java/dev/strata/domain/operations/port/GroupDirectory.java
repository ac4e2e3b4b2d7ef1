package dev.strata.domain.operations.port;

import java.util.List;

/** Driven port: the consumer groups the current tenant has defined, as (topic, group) names, at most {@code limit}. */
public interface GroupDirectory {
    /** One defined group. */
    record GroupRef(String topic, String group) {
    }

    List<GroupRef> groupsOfCurrentTenant(int limit);
}
