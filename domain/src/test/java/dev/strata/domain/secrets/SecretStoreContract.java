package dev.strata.domain.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.Quota;
import dev.strata.domain.shared.QuotaExceededException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract test of {@link SecretStore}: the in-memory fake and the Postgres adapter extend it. */
public abstract class SecretStoreContract extends ContractSupport {
    private static final SecureRandom RANDOM = new SecureRandom();
    protected static final ResourceName STRIPE = new ResourceName("stripe-api-key");
    protected static final Quota ROOMY = new Quota("secrets", 1000);

    protected SecretStore store;
    protected TenantId tenant;

    /** Hook: the store under test; called before each test. */
    protected abstract SecretStore createSubject();

    @BeforeEach
    void createSecretStore() {
        store = createSubject();
        tenant = newTenant();
    }

    /** Random bytes standing in for real ciphertext: the store must keep them exactly. */
    protected static EncryptedValue encrypted(String keyId) {
        return new EncryptedValue(keyId, bytes(60), bytes(12), bytes(48));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        bytes[0] = 0; // a leading NUL: storage must be binary-safe
        return bytes;
    }

    protected static SecretMetadata metadata(ResourceName name, Instant at) {
        return metadata(name, at, 90, 10);
    }

    protected static SecretMetadata metadata(ResourceName name, Instant at, int periodDays, int maxVersions) {
        return SecretMetadata.first(name, Optional.of("Live key for payments"), Optional.of("billing"), periodDays,
                maxVersions, at);
    }

    private boolean create(SecretMetadata metadata, EncryptedValue value) {
        return as(tenant, () -> store.create(metadata, value, ROOMY));
    }

    private boolean add(ResourceName name, int version, VersionState state, EncryptedValue value, Instant at) {
        return as(tenant, () -> store.addVersion(new SecretVersion(name, version, state, value, at)));
    }

    private List<Integer> versionNumbers(ResourceName name) {
        return as(tenant, () -> store.versions(name)).stream().map(SecretVersion::version).toList();
    }

    @Test
    void keepsMetadataAndCiphertextExactly() {
        SecretMetadata metadata = metadata(STRIPE, now());
        EncryptedValue value = encrypted("master-2025");
        assertTrue(create(metadata, value));

        assertEquals(metadata, as(tenant, () -> store.find(STRIPE)).orElseThrow());
        SecretVersion first = as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow();
        assertEquals(1, first.version());
        assertEquals(STRIPE, first.name());
        assertEquals(VersionState.CURRENT, first.state());
        assertEquals(metadata.createdAt(), first.createdAt());
        assertEquals("master-2025", first.value().keyId());
        assertArrayEquals(value.ciphertext(), first.value().ciphertext());
        assertArrayEquals(value.wrappedKey(), first.value().wrappedKey());
        assertArrayEquals(value.nonce(), first.value().nonce());
        assertEquals(first, as(tenant, () -> store.findCurrent(STRIPE)).orElseThrow());
        assertTrue(as(tenant, () -> store.findPending(STRIPE)).isEmpty());
    }

    @Test
    void keepsAbsentOptionalMetadataAbsent() {
        SecretMetadata bare = SecretMetadata.first(STRIPE, Optional.empty(), Optional.empty(), 30, 3, now());
        assertTrue(create(bare, encrypted("k1")));
        assertEquals(bare, as(tenant, () -> store.find(STRIPE)).orElseThrow());
    }

    @Test
    void aNameIsCreatedOnceAndTheFirstSecretStays() {
        EncryptedValue original = encrypted("k1");
        assertTrue(create(metadata(STRIPE, now()), original));
        assertFalse(create(metadata(STRIPE, now()), encrypted("k2")));
        assertEquals(original, as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow().value());
        assertEquals(List.of(1), versionNumbers(STRIPE));
    }

    @Test
    void unknownSecretsAndVersionsAreAbsent() {
        ResourceName unknown = new ResourceName("unknown");
        assertTrue(as(tenant, () -> store.find(unknown)).isEmpty());
        assertTrue(as(tenant, () -> store.findVersion(unknown, 1)).isEmpty());
        assertTrue(as(tenant, () -> store.findCurrent(unknown)).isEmpty());
        assertTrue(as(tenant, () -> store.versions(unknown)).isEmpty());
        assertFalse(as(tenant, () -> store.promote(unknown, 2, now())));
        create(metadata(STRIPE, now()), encrypted("k1"));
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 2)).isEmpty());
    }

    @Test
    void aCurrentVersionReplacesTheCurrentOneAndMovesTheMetadata() {
        Instant created = now();
        create(metadata(STRIPE, created), encrypted("k1"));
        Instant rotated = created.plus(Duration.ofDays(30));
        EncryptedValue second = encrypted("k2");
        assertTrue(add(STRIPE, 2, VersionState.CURRENT, second, rotated));

        SecretMetadata metadata = as(tenant, () -> store.find(STRIPE)).orElseThrow();
        assertEquals(2, metadata.version());
        assertEquals(2, metadata.latestVersion());
        assertEquals(created, metadata.createdAt());
        assertEquals(rotated, metadata.lastRotatedAt());
        assertEquals(Optional.of("Live key for payments"), metadata.description());
        assertEquals(second, as(tenant, () -> store.findCurrent(STRIPE)).orElseThrow().value());
        SecretVersion first = as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow();
        assertEquals(VersionState.PREVIOUS, first.state());
        assertEquals("k1", first.value().keyId());
        assertEquals(List.of(1, 2), versionNumbers(STRIPE));
    }

    @Test
    void addVersionRefusesAnythingButTheNextNumber() {
        Instant at = now();
        create(metadata(STRIPE, at), encrypted("k1"));
        assertFalse(add(STRIPE, 1, VersionState.CURRENT, encrypted("k"), at));
        assertFalse(add(STRIPE, 3, VersionState.CURRENT, encrypted("k"), at));
        assertFalse(add(new ResourceName("nope"), 2, VersionState.CURRENT, encrypted("k"), at));
        assertEquals(1, as(tenant, () -> store.find(STRIPE)).orElseThrow().version());
        assertEquals(List.of(1), versionNumbers(STRIPE));
    }

    @Test
    void concurrentRotationsLetExactlyOneWin() throws Exception {
        Instant at = now();
        create(metadata(STRIPE, at), encrypted("k1"));
        assertEquals(1, race(6, () -> add(STRIPE, 2, VersionState.CURRENT, encrypted("k2"), at) ? 1 : 0));
        assertEquals(List.of(1, 2), versionNumbers(STRIPE));
        assertEquals(2, as(tenant, () -> store.findCurrent(STRIPE)).orElseThrow().version());
    }

    @Test
    void aPendingVersionWaitsForItsPromotion() {
        Instant created = now();
        create(metadata(STRIPE, created), encrypted("k1"));
        Instant staged = created.plusSeconds(60);
        assertTrue(add(STRIPE, 2, VersionState.PENDING, encrypted("k2"), staged));

        SecretMetadata waiting = as(tenant, () -> store.find(STRIPE)).orElseThrow();
        assertEquals(1, waiting.version());
        assertEquals(2, waiting.latestVersion());
        assertTrue(waiting.hasPending());
        assertEquals(created, waiting.lastRotatedAt());
        assertEquals(1, as(tenant, () -> store.findCurrent(STRIPE)).orElseThrow().version());
        assertEquals(2, as(tenant, () -> store.findPending(STRIPE)).orElseThrow().version());

        assertFalse(as(tenant, () -> store.promote(STRIPE, 1, staged)), "only a pending version is promoted");
        Instant promoted = staged.plusSeconds(60);
        assertTrue(as(tenant, () -> store.promote(STRIPE, 2, promoted)));
        assertFalse(as(tenant, () -> store.promote(STRIPE, 2, promoted)), "promoted once");

        SecretMetadata after = as(tenant, () -> store.find(STRIPE)).orElseThrow();
        assertEquals(2, after.version());
        assertEquals(promoted, after.lastRotatedAt());
        assertEquals(2, as(tenant, () -> store.findCurrent(STRIPE)).orElseThrow().version());
        assertEquals(VersionState.PREVIOUS, as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow().state());
        assertTrue(as(tenant, () -> store.findPending(STRIPE)).isEmpty());
    }

    @Test
    void aNewerVersionOvertakesAPendingOne() {
        Instant at = now();
        create(metadata(STRIPE, at), encrypted("k1"));
        add(STRIPE, 2, VersionState.PENDING, encrypted("k2"), at);
        assertTrue(add(STRIPE, 3, VersionState.CURRENT, encrypted("k3"), at));
        assertEquals(VersionState.PREVIOUS, as(tenant, () -> store.findVersion(STRIPE, 2)).orElseThrow().state());
        assertEquals(3, as(tenant, () -> store.findCurrent(STRIPE)).orElseThrow().version());
        assertTrue(as(tenant, () -> store.findPending(STRIPE)).isEmpty());
        assertFalse(as(tenant, () -> store.promote(STRIPE, 2, at)));
    }

    @Test
    void versionsBeyondMaxVersionsLoseTheirKeyMaterial() {
        Instant at = now();
        create(metadata(STRIPE, at, 90, 3), encrypted("k1"));
        for (int version = 2; version <= 5; version++) {
            assertTrue(add(STRIPE, version, VersionState.CURRENT, encrypted("k" + version), at));
        }
        assertEquals(List.of(3, 4, 5), versionNumbers(STRIPE));
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 1)).isEmpty());
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 2)).isEmpty());

        // a pending version counts among the newest; the current one is never pruned
        assertTrue(add(STRIPE, 6, VersionState.PENDING, encrypted("k6"), at));
        assertEquals(List.of(4, 5, 6), versionNumbers(STRIPE));
        assertEquals(5, as(tenant, () -> store.findCurrent(STRIPE)).orElseThrow().version());
    }

    @Test
    void listPagesThroughEverySecretOnce() {
        Set<ResourceName> names = new HashSet<>();
        for (String name : List.of("a", "a.b", "a-b", "a_b", "b1", "z")) {
            ResourceName resource = new ResourceName(name);
            create(metadata(resource, now()), encrypted("k1"));
            names.add(resource);
        }
        List<ResourceName> all = as(tenant, () -> store.list(Optional.empty(), 100)).stream()
                .map(SecretMetadata::name).toList();
        assertEquals(names, new HashSet<>(all));

        List<ResourceName> paged = new ArrayList<>();
        Optional<ResourceName> after = Optional.empty();
        while (true) {
            Optional<ResourceName> cursor = after;
            List<SecretMetadata> page = as(tenant, () -> store.list(cursor, 4));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(metadata -> paged.add(metadata.name()));
            after = Optional.of(page.get(page.size() - 1).name());
        }
        assertEquals(all, paged);
    }

    @Test
    void listsTheDueSecretsAndClaimsEachDueVersionOnce() throws Exception {
        Instant now = now();
        ResourceName old = new ResourceName("old");
        create(metadata(old, now.minus(Duration.ofDays(31)), 30, 10), encrypted("k1"));
        create(metadata(new ResourceName("fresh"), now.minus(Duration.ofDays(29)), 30, 10), encrypted("k1"));

        assertEquals(List.of(old), as(tenant, () -> store.listDue(now, Optional.empty(), 10)).stream()
                .map(SecretMetadata::name).toList());
        assertTrue(as(tenant, () -> store.listDue(now, Optional.of(old), 10)).isEmpty());

        assertEquals(1, race(4, () -> as(tenant, () -> store.claimDue(now, 10)).size()), "claimed exactly once");
        assertTrue(as(tenant, () -> store.claimDue(now, 10)).isEmpty());
        assertEquals(1, as(tenant, () -> store.listDue(now, Optional.empty(), 10)).size(), "still due until rotated");

        assertTrue(add(old, 2, VersionState.CURRENT, encrypted("k2"), now));
        assertTrue(as(tenant, () -> store.claimDue(now, 10)).isEmpty(), "the new version is not due yet");
        Instant later = now.plus(Duration.ofDays(30));
        List<SecretMetadata> claimed = as(tenant, () -> store.claimDue(later, 10));
        assertEquals(Set.of("old", "fresh"), new HashSet<>(claimed.stream().map(m -> m.name().value()).toList()));
        assertEquals(2, claimed.stream().filter(m -> m.name().equals(old)).findFirst().orElseThrow().version());
    }

    @Test
    void theQuotaLimitsSecretsPerTenant() {
        Quota two = new Quota("secrets", 2);
        Instant at = now();
        runAs(tenant, () -> {
            assertTrue(store.create(metadata(new ResourceName("one"), at), encrypted("k"), two));
            assertTrue(store.create(metadata(new ResourceName("two"), at), encrypted("k"), two));
            assertFalse(store.create(metadata(new ResourceName("two"), at), encrypted("k"), two), "a taken name is no quota matter");
            assertEquals(two, assertThrows(QuotaExceededException.class,
                    () -> store.create(metadata(new ResourceName("three"), at), encrypted("k"), two)).quota());
            assertTrue(store.find(new ResourceName("three")).isEmpty());
        });
        TenantId other = newTenant();
        assertTrue(as(other, () -> store.create(metadata(new ResourceName("three"), at), encrypted("k"), two)));
        runAs(tenant, () -> {
            assertTrue(store.delete(new ResourceName("one")));
            assertTrue(store.create(metadata(new ResourceName("three"), at), encrypted("k"), two));
        });
    }

    @Test
    void rewrappingReplacesOnlyTheWrappedKeyOfTheVersionAsRead() {
        Instant at = now();
        EncryptedValue first = encrypted("old");
        create(metadata(STRIPE, at), first);
        add(STRIPE, 2, VersionState.CURRENT, encrypted("new"), at);
        List<SecretVersion> stale = as(tenant, () -> store.wrappedByOtherThan("new", 10));
        assertEquals(List.of(1), stale.stream().map(SecretVersion::version).toList());

        EncryptedValue rewrapped = new EncryptedValue("new", encrypted("new").wrappedKey(), first.nonce(), first.ciphertext());
        assertTrue(as(tenant, () -> store.replaceWrapping(stale.get(0), rewrapped)));
        assertFalse(as(tenant, () -> store.replaceWrapping(stale.get(0), rewrapped)), "already re-wrapped");
        SecretVersion stored = as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow();
        assertEquals(rewrapped, stored.value());
        assertEquals(VersionState.PREVIOUS, stored.state());
        assertTrue(as(tenant, () -> store.wrappedByOtherThan("new", 10)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> as(tenant, () -> store.replaceWrapping(stored, encrypted("newer"))),
                "re-wrapping never changes the ciphertext");
    }

    @Test
    void deleteDestroysEveryVersionAndFreesTheName() {
        Instant at = now();
        create(metadata(STRIPE, at), encrypted("k1"));
        add(STRIPE, 2, VersionState.CURRENT, encrypted("k1"), at);
        assertTrue(as(tenant, () -> store.delete(STRIPE)));
        assertTrue(as(tenant, () -> store.find(STRIPE)).isEmpty());
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 1)).isEmpty());
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 2)).isEmpty());
        assertTrue(as(tenant, () -> store.versions(STRIPE)).isEmpty());
        assertTrue(as(tenant, () -> store.wrappedByOtherThan("other", 10)).isEmpty());
        assertFalse(as(tenant, () -> store.delete(STRIPE)));

        assertTrue(create(metadata(STRIPE, at), encrypted("k3")), "the name can be used again");
        assertEquals(1, as(tenant, () -> store.find(STRIPE)).orElseThrow().version());
        assertEquals("k3", as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow().value().keyId());
    }

    @Test
    void tenantsWithSecretsAreListedInIdOrderOutsideATenantContext() {
        TenantId other = newTenant();
        assertTrue(create(metadata(STRIPE, now()), encrypted("k1")));
        as(other, () -> store.create(metadata(STRIPE, now()), encrypted("k1"), ROOMY));
        List<TenantId> seen = new java.util.ArrayList<>();
        Optional<TenantId> after = Optional.empty();
        while (true) {
            List<TenantId> page = store.tenants(after, 2);
            seen.addAll(page);
            if (page.size() < 2) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1));
        }
        assertTrue(seen.contains(tenant) && seen.contains(other), "both tenants listed");
        assertEquals(seen.size(), new java.util.HashSet<>(seen).size(), "each tenant once");
        List<String> ids = seen.stream().map(TenantId::toString).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "in id order");
    }

    @Test
    void tenantsNeverSeeEachOthersSecrets() {
        TenantId other = newTenant();
        assertTenantCannotReach(tenant, other);
        assertTenantCannotReach(other, tenant);
    }

    private void assertTenantCannotReach(TenantId owner, TenantId intruder) {
        ResourceName name = new ResourceName("shared-" + unique());
        Instant at = now();
        EncryptedValue owned = encrypted("owner-key");
        assertTrue(as(owner, () -> store.create(metadata(name, at.minus(Duration.ofDays(100))), owned, ROOMY)));
        SecretVersion ownedVersion = as(owner, () -> store.findVersion(name, 1)).orElseThrow();
        runAs(intruder, () -> {
            assertTrue(store.find(name).isEmpty());
            assertTrue(store.findVersion(name, 1).isEmpty());
            assertTrue(store.findCurrent(name).isEmpty());
            assertTrue(store.versions(name).isEmpty());
            assertTrue(store.list(Optional.empty(), 500).stream().noneMatch(metadata -> metadata.name().equals(name)));
            assertTrue(store.listDue(at, Optional.empty(), 500).stream().noneMatch(metadata -> metadata.name().equals(name)));
            assertTrue(store.claimDue(at, 500).stream().noneMatch(metadata -> metadata.name().equals(name)));
            assertTrue(store.wrappedByOtherThan("intruder-key", 500).stream().noneMatch(v -> v.name().equals(name)));
            assertFalse(store.replaceWrapping(ownedVersion, new EncryptedValue("intruder-key", encrypted("k").wrappedKey(),
                    owned.nonce(), owned.ciphertext())));
            assertFalse(store.addVersion(new SecretVersion(name, 2, VersionState.CURRENT, encrypted("intruder-key"), at)));
            assertFalse(store.promote(name, 1, at));
            assertFalse(store.delete(name));
            assertTrue(store.create(metadata(name, at), encrypted("intruder-key"), ROOMY), "the name is free in this tenant");
        });
        assertEquals(1, as(owner, () -> store.find(name)).orElseThrow().version());
        assertEquals(owned, as(owner, () -> store.findVersion(name, 1)).orElseThrow().value());
        assertEquals(1, as(owner, () -> store.claimDue(at, 500)).stream().filter(m -> m.name().equals(name)).count());
        assertEquals("intruder-key", as(intruder, () -> store.findVersion(name, 1)).orElseThrow().value().keyId());
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> store.find(STRIPE));
    }

    /** Runs {@code work} on {@code racers} threads released together; the sum of what they return. */
    private static int race(int racers, Callable<Integer> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> result : results) {
                sum += result.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }
}
