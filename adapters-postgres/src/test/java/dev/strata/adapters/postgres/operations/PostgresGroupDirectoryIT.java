package dev.strata.adapters.postgres.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.adapters.postgres.events.PostgresConsumerGroups;
import dev.strata.adapters.postgres.shared.PostgresTestContext;
import dev.strata.domain.events.ConsumerGroup;
import dev.strata.domain.events.GroupName;
import dev.strata.domain.events.StartAt;
import dev.strata.domain.events.Topic;
import dev.strata.domain.operations.port.ClusterFigures;
import dev.strata.domain.operations.port.GroupDirectory;
import dev.strata.domain.operations.port.GroupDirectory.GroupRef;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The overview's group listing against real Postgres: each tenant sees its own groups only, both ways; the cluster
 * listing (V31's function, no tenant context) sees both, with their tenant.
 */
class PostgresGroupDirectoryIT {
    private final GroupDirectory directory = PostgresTestContext.shared().getBean(PostgresGroupDirectory.class);
    private final ClusterFigures cluster = PostgresTestContext.shared().getBean(PostgresClusterFigures.class);
    private final PostgresConsumerGroups groups = PostgresTestContext.shared().getBean(PostgresConsumerGroups.class);

    private TenantId tenantWith(String topic, String group) {
        TenantId tenant = new TenantId(UUID.randomUUID());
        PostgresTestContext.insertTenant(tenant);
        TenantContext.runAs(tenant, () -> groups.define(new ConsumerGroup(new Topic(topic), new GroupName(group), StartAt.EARLIEST,
                0, Instant.now())));
        return tenant;
    }

    @Test
    void eachTenantListsItsOwnGroupsOnly() {
        TenantId a = tenantWith("orders", "billing");
        TenantId b = tenantWith("orders", "shipping");
        assertEquals(List.of(new GroupRef("orders", "billing")), TenantContext.callAs(a, () -> directory.groupsOfCurrentTenant(10)));
        assertEquals(List.of(new GroupRef("orders", "shipping")), TenantContext.callAs(b, () -> directory.groupsOfCurrentTenant(10)));
        List<ClusterFigures.TenantGroup> all = cluster.groups(1_000_000);
        assertEquals(1, all.stream().filter(g -> g.tenant().equals(a) && g.group().equals("billing")).count());
        assertEquals(1, all.stream().filter(g -> g.tenant().equals(b) && g.group().equals("shipping")).count());
    }
}
