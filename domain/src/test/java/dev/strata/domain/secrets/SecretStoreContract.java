package dev.strata.domain.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.domain.secrets.port.SecretStore;
import dev.strata.domain.shared.ContractSupport;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
        return new EncryptedValue(keyId, bytes(40), bytes(12), bytes(48));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        bytes[0] = 0; // a leading NUL: storage must be binary-safe
        return bytes;
    }

    protected SecretMetadata metadata(ResourceName name, Instant at) {
        return SecretMetadata.first(name, Optional.of("Live key for payments"), Optional.of("billing"),
                OptionalInt.of(90), at);
    }

    private boolean create(SecretMetadata metadata, EncryptedValue value) {
        return as(tenant, () -> store.create(metadata, value));
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
        assertEquals(metadata.createdAt(), first.createdAt());
        assertEquals("master-2025", first.value().keyId());
        assertArrayEquals(value.ciphertext(), first.value().ciphertext());
        assertArrayEquals(value.wrappedKey(), first.value().wrappedKey());
        assertArrayEquals(value.nonce(), first.value().nonce());
    }

    @Test
    void keepsAbsentOptionalMetadataAbsent() {
        SecretMetadata bare = SecretMetadata.first(STRIPE, Optional.empty(), Optional.empty(), OptionalInt.empty(), now());
        assertTrue(create(bare, encrypted("k1")));
        assertEquals(bare, as(tenant, () -> store.find(STRIPE)).orElseThrow());
    }

    @Test
    void aNameIsCreatedOnceAndTheFirstSecretStays() {
        SecretMetadata metadata = metadata(STRIPE, now());
        EncryptedValue original = encrypted("k1");
        assertTrue(create(metadata, original));
        assertFalse(create(metadata(STRIPE, now()), encrypted("k2")));
        assertEquals(original, as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow().value());
        assertEquals(1, as(tenant, () -> store.versions(STRIPE)).size());
    }

    @Test
    void unknownSecretsAndVersionsAreAbsent() {
        ResourceName unknown = new ResourceName("unknown");
        assertTrue(as(tenant, () -> store.find(unknown)).isEmpty());
        assertTrue(as(tenant, () -> store.findVersion(unknown, 1)).isEmpty());
        assertTrue(as(tenant, () -> store.versions(unknown)).isEmpty());
        create(metadata(STRIPE, now()), encrypted("k1"));
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 2)).isEmpty());
    }

    @Test
    void addVersionAppendsTheNextVersionAndMovesTheMetadata() {
        Instant created = now();
        create(metadata(STRIPE, created), encrypted("k1"));
        Instant rotated = created.plus(Duration.ofDays(30));
        EncryptedValue second = encrypted("k2");
        assertTrue(as(tenant, () -> store.addVersion(new SecretVersion(STRIPE, 2, second, rotated))));

        SecretMetadata metadata = as(tenant, () -> store.find(STRIPE)).orElseThrow();
        assertEquals(2, metadata.version());
        assertEquals(created, metadata.createdAt());
        assertEquals(rotated, metadata.lastRotatedAt());
        assertEquals(Optional.of("Live key for payments"), metadata.description());
        assertEquals(second, as(tenant, () -> store.findVersion(STRIPE, 2)).orElseThrow().value());
        assertEquals("k1", as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow().value().keyId());
        assertEquals(List.of(1, 2), as(tenant, () -> store.versions(STRIPE)).stream().map(SecretVersion::version).toList());
    }

    @Test
    void addVersionRefusesAnythingButTheNextNumber() {
        Instant at = now();
        create(metadata(STRIPE, at), encrypted("k1"));
        assertFalse(as(tenant, () -> store.addVersion(new SecretVersion(STRIPE, 1, encrypted("k"), at))));
        assertFalse(as(tenant, () -> store.addVersion(new SecretVersion(STRIPE, 3, encrypted("k"), at))));
        assertFalse(as(tenant, () -> store.addVersion(new SecretVersion(new ResourceName("nope"), 2, encrypted("k"), at))));
        assertEquals(1, as(tenant, () -> store.find(STRIPE)).orElseThrow().version());
        assertEquals(1, as(tenant, () -> store.versions(STRIPE)).size());
    }

    @Test
    void concurrentRotationsLetExactlyOneWin() throws Exception {
        Instant at = now();
        create(metadata(STRIPE, at), encrypted("k1"));
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Boolean> rotate = () -> {
                    start.await();
                    return as(tenant, () -> store.addVersion(new SecretVersion(STRIPE, 2, encrypted("k2"), at)));
                };
                results.add(pool.submit(rotate));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, as(tenant, () -> store.versions(STRIPE)).size());
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
    void deleteDestroysEveryVersionAndFreesTheName() {
        Instant at = now();
        create(metadata(STRIPE, at), encrypted("k1"));
        as(tenant, () -> store.addVersion(new SecretVersion(STRIPE, 2, encrypted("k1"), at)));
        assertTrue(as(tenant, () -> store.delete(STRIPE)));
        assertTrue(as(tenant, () -> store.find(STRIPE)).isEmpty());
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 1)).isEmpty());
        assertTrue(as(tenant, () -> store.findVersion(STRIPE, 2)).isEmpty());
        assertTrue(as(tenant, () -> store.versions(STRIPE)).isEmpty());
        assertFalse(as(tenant, () -> store.delete(STRIPE)));

        assertTrue(create(metadata(STRIPE, at), encrypted("k3")), "the name can be used again");
        assertEquals(1, as(tenant, () -> store.find(STRIPE)).orElseThrow().version());
        assertEquals("k3", as(tenant, () -> store.findVersion(STRIPE, 1)).orElseThrow().value().keyId());
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
        assertTrue(as(owner, () -> store.create(metadata(name, at), owned)));
        runAs(intruder, () -> {
            assertTrue(store.find(name).isEmpty());
            assertTrue(store.findVersion(name, 1).isEmpty());
            assertTrue(store.versions(name).isEmpty());
            assertTrue(store.list(Optional.empty(), 500).stream().noneMatch(metadata -> metadata.name().equals(name)));
            assertFalse(store.addVersion(new SecretVersion(name, 2, encrypted("intruder-key"), at)));
            assertFalse(store.delete(name));
            assertTrue(store.create(metadata(name, at), encrypted("intruder-key")), "the name is free in this tenant");
        });
        assertEquals(1, as(owner, () -> store.find(name)).orElseThrow().version());
        assertEquals(owned, as(owner, () -> store.findVersion(name, 1)).orElseThrow().value());
        assertEquals("intruder-key", as(intruder, () -> store.findVersion(name, 1)).orElseThrow().value().keyId());
    }

    @Test
    void refusesToWorkOutsideATenantContext() {
        assertThrows(IllegalStateException.class, () -> store.find(STRIPE));
    }
}
