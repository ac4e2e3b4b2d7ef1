package dev.strata.bench.crypto;

import dev.strata.application.secrets.EnvelopeCipher;
import dev.strata.application.secrets.PlaintextCache;
import dev.strata.domain.secrets.EncryptedValue;
import dev.strata.domain.secrets.MasterKeyRing;
import dev.strata.domain.shared.Clock;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.Revocation;
import dev.strata.domain.shared.TenantId;
import dev.strata.domain.shared.port.RevocationChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark: Strata's own reveal path, next to the raw loop of {@link AesGcmDecryptBenchmark} (same sizes, same
 * JVM run). {@code vaultOpen} is what an uncached reveal runs after its audit record committed: the vault's
 * {@code EnvelopeCipher.open} (unwrap the data key under the master key, decrypt the value, zero the key; a cipher
 * looked up per call, canonical associated data built per call). {@code cacheHit} is what a cached reveal runs
 * instead: {@code PlaintextCache.get} of that version (a copy out of the process memory, under the cache's lock,
 * with its expiry check), among {@code entries} cached versions. Both results are checked at set-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RevealPathBenchmark {
    /** Plaintext size: a token, a certificate-sized value, the largest value the vault accepts. */
    @Param({"32", "1024", "65536"})
    public int size;

    private static final int ENTRIES = 1000;

    private final TenantId tenant = TenantId.random();
    private final ResourceName name = new ResourceName("db-password");
    private final int version = 3;
    private EnvelopeCipher cipher;
    private EncryptedValue sealed;
    private PlaintextCache cache;

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        byte[] masterKey = new byte[32];
        random.nextBytes(masterKey);
        cipher = new EnvelopeCipher(MasterKeyRing.of(Map.of("k1", masterKey), "k1"));
        byte[] plaintext = new byte[size];
        random.nextBytes(plaintext);
        sealed = cipher.seal(tenant, name, version, plaintext);
        cache = new PlaintextCache(new AlwaysCurrentChannel(), Clock.system(), Duration.ofMinutes(5), ENTRIES * 2).start();
        for (int i = 0; i < ENTRIES; i++) {
            cache.put(tenant, new ResourceName("other-" + i), 1, plaintext, cache.generation());
        }
        cache.put(tenant, name, version, plaintext, cache.generation());
        if (!Arrays.equals(plaintext, vaultOpen()) || !Arrays.equals(plaintext, cacheHit())) {
            throw new IllegalStateException("a reveal path under test does not return the plaintext");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cache.close();
    }

    @Benchmark
    public byte[] vaultOpen() {
        return cipher.open(tenant, name, version, sealed);
    }

    @Benchmark
    public byte[] cacheHit() {
        return cache.get(tenant, name, version).orElseThrow();
    }

    /** A coherence channel that is always current and never delivers anything: the cache's steady state. */
    private static final class AlwaysCurrentChannel implements RevocationChannel {
        @Override
        public void revoke(Revocation revocation) {
        }

        @Override
        public Subscription listen(Listener listener) {
            return () -> { };
        }

        @Override
        public boolean current() {
            return true;
        }

        @Override
        public Duration maxStaleness() {
            return Duration.ofMillis(100);
        }
    }
}
