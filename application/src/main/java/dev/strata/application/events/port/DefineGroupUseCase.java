package dev.strata.application.events.port;

import dev.strata.domain.events.ConsumerGroup;

/** Use case: create a consumer group; repeating the same definition is a no-op, a different one a conflict. */
public interface DefineGroupUseCase {
    DefinedGroup defineGroup(DefineGroupCommand command);

    /** The group, and whether this call created it. */
    record DefinedGroup(ConsumerGroup group, boolean created) {
    }
}
