package dev.strata.domain.vectors;

/**
 * Value object: how a collection stores its vectors — single precision ({@code vector}) up to
 * {@value #MAX_FULL_PRECISION_DIMENSION} dimensions, half precision ({@code halfvec}) above, so that an HNSW or
 * IVFFlat index still works up to {@value CollectionDefinition#MAX_INDEXED_DIMENSION} dimensions.
 */
public enum StorageType {
    /** 4-byte floats; stored values come back exactly. */
    VECTOR("vector"),
    /** 2-byte floats: components are rounded to half precision and must lie within ±{@value #HALF_MAX}. */
    HALFVEC("halfvec");

    /** The largest dimension stored in full precision; pgvector indexes {@code vector} up to this. */
    public static final int MAX_FULL_PRECISION_DIMENSION = 2000;
    /** The largest finite half-precision value. */
    public static final float HALF_MAX = 65504f;

    private final String wire;

    StorageType(String wire) {
        this.wire = wire;
    }

    /** The wire (and pgvector type) name. */
    public String wire() {
        return wire;
    }

    /** The storage a collection of {@code dimension} uses. */
    public static StorageType forDimension(int dimension) {
        return dimension > MAX_FULL_PRECISION_DIMENSION ? HALFVEC : VECTOR;
    }

    /** Parses a stored wire name. */
    public static StorageType fromWire(String text) {
        for (StorageType type : values()) {
            if (type.wire.equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown storage type " + text);
    }
}
