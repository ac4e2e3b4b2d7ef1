package dev.strata.bench.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark: the cryptographic floor of a secret reveal. {@code raw} decrypts one AES-256-GCM value (96-bit nonce,
 * 128-bit tag, associated data binding tenant, name and version) with a cipher object the thread keeps;
 * {@code rawFreshCipher} looks the cipher up per call, as a stateless service would; {@code envelope} is the
 * vault's shape: unwrap the value's 32-byte data key with the master key (GCM), then decrypt the value with it.
 * Every result is checked once at set-up against the plaintext, so a wrong decryption cannot be measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AesGcmDecryptBenchmark {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    /** Plaintext size: a token, a certificate-sized value, the largest value the vault accepts. */
    @Param({"32", "1024", "65536"})
    public int size;

    private byte[] plaintext;
    private SecretKeySpec dataKey;
    private SecretKeySpec masterKey;
    private byte[] valueNonce;
    private byte[] ciphertext;
    private byte[] keyNonce;
    private byte[] wrappedKey;
    private byte[] aad;
    private Cipher cipher;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        byte[] dataKeyBytes = new byte[32];
        random.nextBytes(dataKeyBytes);
        byte[] masterKeyBytes = new byte[32];
        random.nextBytes(masterKeyBytes);
        dataKey = new SecretKeySpec(dataKeyBytes, "AES");
        masterKey = new SecretKeySpec(masterKeyBytes, "AES");
        aad = aad(UUID.randomUUID(), "db-password", 3);
        valueNonce = nonce(random);
        ciphertext = encrypt(dataKey, valueNonce, aad, plaintext);
        keyNonce = nonce(random);
        wrappedKey = encrypt(masterKey, keyNonce, aad, dataKeyBytes);
        cipher = Cipher.getInstance(GCM);

        if (!Arrays.equals(plaintext, raw()) || !Arrays.equals(plaintext, rawFreshCipher()) || !Arrays.equals(plaintext, envelope())) {
            throw new IllegalStateException("a decryption under test does not return the plaintext");
        }
    }

    @Benchmark
    public byte[] raw() throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, valueNonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(ciphertext);
    }

    @Benchmark
    public byte[] rawFreshCipher() throws GeneralSecurityException {
        Cipher fresh = Cipher.getInstance(GCM);
        fresh.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, valueNonce));
        fresh.updateAAD(aad);
        return fresh.doFinal(ciphertext);
    }

    @Benchmark
    public byte[] envelope() throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, keyNonce));
        cipher.updateAAD(aad);
        byte[] unwrapped = cipher.doFinal(wrappedKey);
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(unwrapped, "AES"), new GCMParameterSpec(TAG_BITS, valueNonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext);
        } finally {
            Arrays.fill(unwrapped, (byte) 0);
        }
    }

    private static byte[] aad(UUID tenant, String name, int version) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + 4 + nameBytes.length + 4)
                .putLong(tenant.getMostSignificantBits()).putLong(tenant.getLeastSignificantBits())
                .putInt(nameBytes.length).put(nameBytes).putInt(version).array();
    }

    private static byte[] nonce(SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] encrypt(SecretKeySpec key, byte[] nonce, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
        Cipher encrypt = Cipher.getInstance(GCM);
        encrypt.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        encrypt.updateAAD(aad);
        return encrypt.doFinal(plaintext);
    }
}
