package dev.strata.domain.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.events.port.ConsumerGroups;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of {@link ConsumerGroups}: a group is defined once per topic and name (the first definition
 * stays), new groups are refused beyond the tenant's quota, dead letters are kept once per event and group,
 * and tenants never reach each other's groups or dead letters. The in-memory fake and the Postgres adapter
 * extend it.
 */
public abstract class ConsumerGroupsContract extends ContractSupport {
    protected static final Topic ORDERS = new Topic("orders");
    protected static final Topic AUDIT = new Topic("audit");
    protected static final GroupName BILLING = new GroupName("billing");
    protected static final GroupName SHIPPING = new GroupName("shipping");

    protected ConsumerGroups groups;
    protected TenantId tenant;

    /** Hook: the consumer groups under test; called before each test. */
    protected abstract ConsumerGroups createSubject();

    @BeforeEach
    void createConsumerGroups() {
        groups = createSubject();
        tenant = newTenant();
    }

    private ConsumerGroup group(Topic topic, GroupName name, StartAt startAt, long startAfter) {
        return new ConsumerGroup(topic, name, startAt, startAfter, now());
    }

    private DeadLetter letter(GroupName group, long sequence, long deliveries) {
        return letter(ORDERS, group, sequence, deliveries);
    }

    private DeadLetter letter(Topic topic, GroupName group, long sequence, long deliveries) {
        NewEvent event = new NewEvent(UUID.randomUUID().toString(), "/strata/test", "order.failed",
                Optional.of("orders/" + sequence), now(), ("{\"n\":" + sequence + "}").getBytes(StandardCharsets.UTF_8));
        return new DeadLetter(group, event.at(topic, sequence), deliveries, now());
    }

    private ConsumerGroup define(ConsumerGroup group) {
        return as(tenant, () -> groups.define(group));
    }

    @Test
    void definesAGroupAndFindsIt() {
        ConsumerGroup billing = group(ORDERS, BILLING, StartAt.LATEST, 7);
        assertEquals(billing, define(billing));
        assertEquals(Optional.of(billing), as(tenant, () -> groups.find(ORDERS, BILLING)));
        assertEquals(Optional.empty(), as(tenant, () -> groups.find(ORDERS, SHIPPING)));
        assertEquals(Optional.empty(), as(tenant, () -> groups.find(AUDIT, BILLING)));
    }

    @Test
    void definingAnExistingGroupKeepsTheFirstDefinition() {
        ConsumerGroup first = define(group(ORDERS, BILLING, StartAt.LATEST, 7));
        ConsumerGroup second = define(group(ORDERS, BILLING, StartAt.EARLIEST, 0));
        assertEquals(first, second);
        assertEquals(Optional.of(first), as(tenant, () -> groups.find(ORDERS, BILLING)));
        assertEquals(List.of(first), as(tenant, () -> groups.list(ORDERS)));
    }

    @Test
    void listsEveryGroupOfTheTopicAndOnlyThose() {
        ConsumerGroup billing = define(group(ORDERS, BILLING, StartAt.LATEST, 3));
        ConsumerGroup shipping = define(group(ORDERS, SHIPPING, StartAt.EARLIEST, 0));
        ConsumerGroup audit = define(group(AUDIT, BILLING, StartAt.EARLIEST, 0));
        assertEquals(Set.of(billing, shipping), Set.copyOf(as(tenant, () -> groups.list(ORDERS))));
        assertEquals(List.of(audit), as(tenant, () -> groups.list(AUDIT)));
        assertTrue(as(tenant, () -> groups.list(new Topic("empty"))).isEmpty());
    }

    @Test
    void aNewGroupBeyondTheTenantsQuotaIsRefused() {
        Quota quota = new Quota("groups", 2);
        ConsumerGroup billing = as(tenant, () -> groups.define(group(ORDERS, BILLING, StartAt.LATEST, 0), quota));
        as(tenant, () -> groups.define(group(AUDIT, BILLING, StartAt.LATEST, 0), quota));
        QuotaExceededException refused = assertThrows(QuotaExceededException.class,
                () -> as(tenant, () -> groups.define(group(ORDERS, SHIPPING, StartAt.LATEST, 0), quota)));
        assertEquals(quota, refused.quota());
        assertEquals(Optional.empty(), as(tenant, () -> groups.find(ORDERS, SHIPPING)));
        assertEquals(billing, as(tenant, () -> groups.define(group(ORDERS, BILLING, StartAt.EARLIEST, 0), quota)),
                "a group that exists is no new group");

        TenantId other = newTenant();
        as(other, () -> groups.define(group(ORDERS, SHIPPING, StartAt.LATEST, 0), quota));
        as(other, () -> groups.define(group(ORDERS, BILLING, StartAt.LATEST, 0), quota));
        assertEquals(2, as(other, () -> groups.list(ORDERS)).size(), "each tenant has its own count");
    }

    @Test
    void concurrentDefinitionsNeverExceedTheQuota() throws Exception {
        Quota quota = new Quota("groups", 1);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<ConsumerGroup>> futures = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                GroupName name = new GroupName("group-" + t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return as(tenant, () -> groups.define(group(ORDERS, name, StartAt.LATEST, 0), quota));
                }));
            }
            start.countDown();
            int defined = 0;
            for (Future<ConsumerGroup> future : futures) {
                try {
                    future.get();
                    defined++;
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof QuotaExceededException, e.getCause().toString());
                }
            }
            assertEquals(1, defined);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, as(tenant, () -> groups.list(ORDERS)).size());
    }

    @Test
    void keepsDeadLettersInSequenceOrderOncePerEvent() {
        DeadLetter second = letter(BILLING, 5, 3);
        DeadLetter first = letter(BILLING, 2, 3);
        DeadLetter third = letter(BILLING, 7, 4);
        runAs(tenant, () -> {
            groups.addDeadLetter(ORDERS, second);
            groups.addDeadLetter(ORDERS, first);
            groups.addDeadLetter(ORDERS, third);
            groups.addDeadLetter(ORDERS, second);
        });
        assertEquals(3, as(tenant, () -> groups.countDeadLetters(ORDERS, BILLING)));
        assertEquals(List.of(first, second, third), as(tenant, () -> groups.deadLetters(ORDERS, BILLING, 0, 10)));
        assertEquals(List.of(second), as(tenant, () -> groups.deadLetters(ORDERS, BILLING, 2, 1)));
        assertTrue(as(tenant, () -> groups.deadLetters(ORDERS, BILLING, 7, 10)).isEmpty());
    }

    @Test
    void findsAndRemovesADeadLetter() {
        DeadLetter letter = letter(BILLING, 4, 5);
        runAs(tenant, () -> groups.addDeadLetter(ORDERS, letter));
        String id = letter.event().id();
        assertEquals(Optional.of(letter), as(tenant, () -> groups.findDeadLetter(ORDERS, BILLING, id)));
        assertEquals(Optional.empty(), as(tenant, () -> groups.findDeadLetter(ORDERS, BILLING, "unknown")));
        assertEquals(Optional.empty(), as(tenant, () -> groups.findDeadLetter(ORDERS, SHIPPING, id)));
        assertEquals(Optional.empty(), as(tenant, () -> groups.findDeadLetter(AUDIT, BILLING, id)));

        assertFalse(as(tenant, () -> groups.removeDeadLetter(ORDERS, SHIPPING, 4)));
        assertTrue(as(tenant, () -> groups.removeDeadLetter(ORDERS, BILLING, 4)));
        assertFalse(as(tenant, () -> groups.removeDeadLetter(ORDERS, BILLING, 4)));
        assertEquals(0, as(tenant, () -> groups.countDeadLetters(ORDERS, BILLING)));
        assertEquals(Optional.empty(), as(tenant, () -> groups.findDeadLetter(ORDERS, BILLING, id)));
    }

    @Test
    void eachGroupHasItsOwnDeadLetters() {
        runAs(tenant, () -> {
            groups.addDeadLetter(ORDERS, letter(BILLING, 1, 3));
            groups.addDeadLetter(ORDERS, letter(SHIPPING, 1, 3));
            groups.addDeadLetter(ORDERS, letter(SHIPPING, 2, 3));
        });
        assertEquals(1, as(tenant, () -> groups.countDeadLetters(ORDERS, BILLING)));
        assertEquals(2, as(tenant, () -> groups.countDeadLetters(ORDERS, SHIPPING)));
        assertEquals(0, as(tenant, () -> groups.countDeadLetters(AUDIT, SHIPPING)));
        assertTrue(as(tenant, () -> groups.removeDeadLetter(ORDERS, SHIPPING, 1)));
        assertEquals(1, as(tenant, () -> groups.countDeadLetters(ORDERS, BILLING)));
    }

    @Test
    void tenantsNeverReachEachOthersGroups() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other, new Topic("shared-a"));
        assertTenantCannotReach(other, tenant, new Topic("shared-b"));
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder, Topic topic) {
        ConsumerGroup owned = as(owner, () -> groups.define(group(topic, BILLING, StartAt.LATEST, 9)));
        DeadLetter letter = letter(topic, BILLING, 3, 5);
        runAs(owner, () -> groups.addDeadLetter(topic, letter));
        runAs(intruder, () -> {
            assertEquals(Optional.empty(), groups.find(topic, BILLING));
            assertTrue(groups.list(topic).isEmpty());
            assertTrue(groups.deadLetters(topic, BILLING, 0, 10).isEmpty());
            assertEquals(0, groups.countDeadLetters(topic, BILLING));
            assertEquals(Optional.empty(), groups.findDeadLetter(topic, BILLING, letter.event().id()));
            assertFalse(groups.removeDeadLetter(topic, BILLING, 3));
            ConsumerGroup own = group(topic, BILLING, StartAt.EARLIEST, 0);
            assertEquals(own, groups.define(own), "another tenant's group of that name means nothing here");
        });
        assertEquals(Optional.of(owned), as(owner, () -> groups.find(topic, BILLING)));
        assertEquals(List.of(letter), as(owner, () -> groups.deadLetters(topic, BILLING, 0, 10)));
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> groups.find(ORDERS, BILLING));
        assertThrows(IllegalStateException.class, () -> groups.define(group(ORDERS, BILLING, StartAt.LATEST, 0)));
        assertThrows(IllegalStateException.class, () -> groups.countDeadLetters(ORDERS, BILLING));
    }
}
