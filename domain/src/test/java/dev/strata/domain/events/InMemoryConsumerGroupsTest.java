package dev.strata.domain.events;

import dev.strata.domain.events.port.ConsumerGroups;

class InMemoryConsumerGroupsTest extends ConsumerGroupsContract {
    @Override
    protected ConsumerGroups createSubject() {
        return new InMemoryConsumerGroups();
    }
}
