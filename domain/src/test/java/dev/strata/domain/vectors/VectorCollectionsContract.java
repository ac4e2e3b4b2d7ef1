package dev.strata.domain.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.vectors.port.VectorCollections;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link VectorCollections}: the in-memory fake and the Postgres adapter extend it. */
public abstract class VectorCollectionsContract extends ContractSupport {
    protected static final ResourceName DOCS = new ResourceName("docs");
    protected static final Quota PLENTY = new Quota("collections", 1000);

    protected VectorCollections collections;
    protected TenantId tenant;

    /** Hook: the collections under test; called before each test. */
    protected abstract VectorCollections createCollections();

    @BeforeEach
    void createSubject() {
        collections = createCollections();
        tenant = newTenant();
    }

    private CollectionInfo defineNew(CollectionDefinition definition) {
        DefineCollectionResult result = as(tenant, () -> collections.define(definition, PLENTY));
        assertInstanceOf(DefineCollectionResult.Created.class, result);
        return result.collection();
    }

    @Test
    void defineCreatesOnceThenReportsIdenticalOrConflictingSettings() {
        CollectionDefinition definition = CollectionDefinition.of(DOCS, 3, Metric.COSINE);
        CollectionInfo created = defineNew(definition);
        assertEquals(definition, created.definition());
        assertEquals(0, created.count());

        DefineCollectionResult again = as(tenant, () -> collections.define(definition, PLENTY));
        assertInstanceOf(DefineCollectionResult.Identical.class, again);
        assertEquals(created, again.collection());

        for (CollectionDefinition different : List.of(CollectionDefinition.of(DOCS, 4, Metric.COSINE),
                CollectionDefinition.of(DOCS, 3, Metric.L2),
                new CollectionDefinition(DOCS, 3, Metric.COSINE, IndexSettings.none()),
                new CollectionDefinition(DOCS, 3, Metric.COSINE, new IndexSettings.Hnsw(8, 32)),
                new CollectionDefinition(DOCS, 3, Metric.COSINE, new IndexSettings.IvfFlat(10)))) {
            DefineCollectionResult conflict = as(tenant, () -> collections.define(different, PLENTY));
            assertInstanceOf(DefineCollectionResult.Conflict.class, conflict, different.toString());
            assertEquals(definition, conflict.collection().definition(), "reports the existing settings");
        }
        assertEquals(created, as(tenant, () -> collections.find(DOCS)).orElseThrow());
    }

    @Test
    void everyIndexTypeAndStorageIsKeptAsDefined() {
        List<CollectionDefinition> definitions = List.of(
                new CollectionDefinition(new ResourceName("hnsw"), 8, Metric.INNER_PRODUCT, new IndexSettings.Hnsw(4, 10)),
                new CollectionDefinition(new ResourceName("ivf"), 8, Metric.L2, new IndexSettings.IvfFlat(3)),
                new CollectionDefinition(new ResourceName("exact"), 8, Metric.COSINE, IndexSettings.none()),
                CollectionDefinition.of(new ResourceName("wide"), 2001, Metric.COSINE),
                new CollectionDefinition(new ResourceName("huge"), 4001, Metric.L2, IndexSettings.none()));
        for (CollectionDefinition definition : definitions) {
            defineNew(definition);
            CollectionInfo found = as(tenant, () -> collections.find(definition.name())).orElseThrow();
            assertEquals(definition, found.definition());
        }
        assertEquals(StorageType.VECTOR, definitions.get(0).storage());
        assertEquals(StorageType.HALFVEC, definitions.get(3).storage());
        assertEquals(StorageType.HALFVEC, definitions.get(4).storage());
    }

    @Test
    void anUnknownCollectionIsAbsent() {
        ResourceName missing = new ResourceName("missing");
        assertTrue(as(tenant, () -> collections.find(missing)).isEmpty());
        assertFalse(as(tenant, () -> collections.delete(missing)));
    }

    @Test
    void deleteRemovesTheCollectionOnceAndFreesItsName() {
        defineNew(CollectionDefinition.of(DOCS, 2, Metric.L2));
        assertTrue(as(tenant, () -> collections.delete(DOCS)));
        assertFalse(as(tenant, () -> collections.delete(DOCS)));
        assertTrue(as(tenant, () -> collections.find(DOCS)).isEmpty());
        CollectionInfo again = defineNew(CollectionDefinition.of(DOCS, 5, Metric.COSINE));
        assertEquals(5, again.definition().dimension());
    }

    @Test
    void aReCreatedCollectionNeverRepeatsAVersion() {
        long first = defineNew(CollectionDefinition.of(DOCS, 2, Metric.L2)).version();
        assertTrue(as(tenant, () -> collections.delete(DOCS)));
        long second = defineNew(CollectionDefinition.of(DOCS, 2, Metric.L2)).version();
        assertTrue(second > first, "a re-created collection never repeats an old version");
    }

    @Test
    void listPagesThroughEveryCollectionOnce() {
        Set<ResourceName> names = new HashSet<>();
        for (String name : List.of("a-1", "a.2", "a_3", "b", "c0", "zz")) {
            ResourceName resource = new ResourceName(name);
            defineNew(CollectionDefinition.of(resource, 2, Metric.L2));
            names.add(resource);
        }
        List<ResourceName> all = as(tenant, () -> collections.list(Optional.empty(), 100)).stream()
                .map(CollectionInfo::name).toList();
        assertEquals(names, new HashSet<>(all));
        assertEquals(all.stream().sorted((a, b) -> a.value().compareTo(b.value())).toList(), all, "ordered by name");

        List<ResourceName> paged = new ArrayList<>();
        Optional<ResourceName> after = Optional.empty();
        while (true) {
            Optional<ResourceName> cursor = after;
            List<CollectionInfo> page = as(tenant, () -> collections.list(cursor, 4));
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 4);
            page.forEach(info -> paged.add(info.name()));
            after = Optional.of(page.get(page.size() - 1).name());
        }
        assertEquals(all, paged);
    }

    @Test
    void theQuotaRefusesOneCollectionTooManyButNotARedefinition() {
        Quota two = new Quota("collections", 2);
        CollectionDefinition first = CollectionDefinition.of(new ResourceName("one"), 2, Metric.L2);
        runAs(tenant, () -> {
            collections.define(first, two);
            collections.define(CollectionDefinition.of(new ResourceName("two"), 2, Metric.L2), two);
        });
        QuotaExceededException refused = assertThrows(QuotaExceededException.class, () -> as(tenant,
                () -> collections.define(CollectionDefinition.of(new ResourceName("three"), 2, Metric.L2), two)));
        assertEquals(two, refused.quota());
        assertTrue(as(tenant, () -> collections.find(new ResourceName("three"))).isEmpty());
        assertInstanceOf(DefineCollectionResult.Identical.class, as(tenant, () -> collections.define(first, two)));
        assertInstanceOf(DefineCollectionResult.Created.class, as(newTenant(),
                () -> collections.define(CollectionDefinition.of(new ResourceName("three"), 2, Metric.L2), two)),
                "the quota counts per tenant");

        assertTrue(as(tenant, () -> collections.delete(first.name())));
        assertInstanceOf(DefineCollectionResult.Created.class, as(tenant,
                () -> collections.define(CollectionDefinition.of(new ResourceName("three"), 2, Metric.L2), two)));
    }

    @Test
    void tenantsNeverSeeEachOthersCollections() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other, new ResourceName("shared-name"));
        assertTenantCannotReach(other, tenant, new ResourceName("shared-name-2"));
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder, ResourceName name) {
        CollectionDefinition definition = CollectionDefinition.of(name, 2, Metric.L2);
        runAs(owner, () -> collections.define(definition, PLENTY));
        runAs(intruder, () -> {
            assertTrue(collections.find(name).isEmpty());
            assertTrue(collections.list(Optional.empty(), 500).stream().noneMatch(info -> info.name().equals(name)));
            assertFalse(collections.delete(name));
            DefineCollectionResult own = collections.define(CollectionDefinition.of(name, 5, Metric.COSINE), PLENTY);
            assertInstanceOf(DefineCollectionResult.Created.class, own, "the name is free in this tenant");
        });
        runAs(owner, () -> assertEquals(definition, collections.find(name).orElseThrow().definition()));
    }

    @Test
    void everyTenantListsTheCollectionsOfAllTenantsWithoutATenantContext() {
        TenantId other = newTenant();
        runAs(tenant, () -> collections.define(CollectionDefinition.of(DOCS, 2, Metric.L2), PLENTY));
        runAs(other, () -> collections.define(CollectionDefinition.of(new ResourceName("images"), 3, Metric.COSINE), PLENTY));
        List<TenantCollection> all = collections.everyTenant(100_000);
        assertTrue(all.contains(new TenantCollection(tenant, DOCS)), all.toString());
        assertTrue(all.contains(new TenantCollection(other, new ResourceName("images"))), all.toString());
        assertFalse(all.contains(new TenantCollection(other, DOCS)), "each collection under its own tenant only");
        runAs(tenant, () -> collections.delete(DOCS));
        assertFalse(collections.everyTenant(100_000).contains(new TenantCollection(tenant, DOCS)), "a deleted one is gone");
        assertEquals(1, collections.everyTenant(1).size(), "at most the limit");
        assertTrue(collections.everyTenant(0).isEmpty());
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> collections.find(DOCS));
    }
}
