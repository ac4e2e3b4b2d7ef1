package dev.strata.application.vectors;

import dev.strata.domain.vectors.Embedding;
import dev.strata.domain.vectors.Include;
import dev.strata.domain.vectors.Metadata;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.MetadataValue;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Binary form of what the vectors' shared caches hold (search hits, items) and the canonical hash of a search
 * request; plain {@code DataOutputStream} encoding, versioned by its first byte.
 */
final class VectorsWire {
    private static final int FORMAT = 1;

    private VectorsWire() {
    }

    /** SHA-256 (hex) of the canonical form of the whole request: every field of the query, sets sorted. */
    static String requestHash(SearchQuery query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(query.mode().wire());
            out.writeInt(query.k());
            writeOptionalEmbedding(out, query.vector());
            writeOptionalString(out, query.text());
            out.writeInt(query.filter().conditions().size());
            for (MetadataFilter.Condition condition : query.filter().conditions()) {
                out.writeUTF(condition.field());
                out.writeUTF(condition.operator().wire());
                out.writeInt(condition.values().size());
                for (MetadataValue value : condition.values()) {
                    writeValue(out, value);
                }
            }
            out.writeBoolean(query.minScore().isPresent());
            out.writeDouble(query.minScore().orElse(0));
            out.writeInt(query.efSearch().orElse(-1));
            out.writeInt(query.probes().orElse(-1));
            for (Include include : Include.values()) {
                out.writeBoolean(query.includes(include));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    static byte[] encodeHits(List<SearchHit> hits) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(hits.size());
            for (SearchHit hit : hits) {
                out.writeUTF(hit.id().value());
                out.writeDouble(hit.score());
                out.writeBoolean(hit.distance().isPresent());
                out.writeDouble(hit.distance().orElse(0));
                writeOptionalMetadata(out, hit.metadata());
                writeOptionalString(out, hit.content());
                writeOptionalEmbedding(out, hit.vector());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The hits, or empty when the bytes are not of this format (then the caller searches). */
    static Optional<List<SearchHit>> decodeHits(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != FORMAT) {
                return Optional.empty();
            }
            int size = in.readInt();
            List<SearchHit> hits = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                VectorId id = new VectorId(in.readUTF());
                double score = in.readDouble();
                boolean hasDistance = in.readBoolean();
                double distance = in.readDouble();
                hits.add(new SearchHit(id, score, hasDistance ? OptionalDouble.of(distance) : OptionalDouble.empty(),
                        readOptionalMetadata(in), readOptionalString(in), readOptionalEmbedding(in)));
            }
            return Optional.of(hits);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static byte[] encodeItem(VectorItem item) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(item.id().value());
            writeOptionalEmbedding(out, Optional.of(item.vector()));
            writeOptionalMetadata(out, Optional.of(item.metadata()));
            writeOptionalString(out, item.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The item, or empty when the bytes are not of this format (then the caller reads the durable store). */
    static Optional<VectorItem> decodeItem(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != FORMAT) {
                return Optional.empty();
            }
            VectorId id = new VectorId(in.readUTF());
            Embedding vector = readOptionalEmbedding(in).orElseThrow();
            Metadata metadata = readOptionalMetadata(in).orElseThrow();
            return Optional.of(new VectorItem(id, vector, metadata, readOptionalString(in)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeOptionalString(DataOutputStream out, Optional<String> text) throws IOException {
        out.writeBoolean(text.isPresent());
        if (text.isPresent()) {
            byte[] utf8 = text.get().getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static Optional<String> readOptionalString(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return Optional.of(new String(utf8, StandardCharsets.UTF_8));
    }

    private static void writeOptionalEmbedding(DataOutputStream out, Optional<Embedding> vector) throws IOException {
        out.writeBoolean(vector.isPresent());
        if (vector.isPresent()) {
            float[] values = vector.get().values();
            out.writeInt(values.length);
            for (float value : values) {
                out.writeFloat(value);
            }
        }
    }

    private static Optional<Embedding> readOptionalEmbedding(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return Optional.of(Embedding.of(values));
    }

    private static void writeOptionalMetadata(DataOutputStream out, Optional<Metadata> metadata) throws IOException {
        out.writeBoolean(metadata.isPresent());
        if (metadata.isPresent()) {
            Map<String, MetadataValue> fields = new TreeMap<>(metadata.get().fields());
            out.writeInt(fields.size());
            for (Map.Entry<String, MetadataValue> field : fields.entrySet()) {
                out.writeUTF(field.getKey());
                writeValue(out, field.getValue());
            }
        }
    }

    private static Optional<Metadata> readOptionalMetadata(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        int size = in.readInt();
        Map<String, MetadataValue> fields = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String name = in.readUTF();
            fields.put(name, readValue(in));
        }
        return Optional.of(Metadata.of(fields));
    }

    private static void writeValue(DataOutputStream out, MetadataValue value) throws IOException {
        if (value instanceof MetadataValue.Text text) {
            out.writeByte('s');
            writeOptionalString(out, Optional.of(text.value()));
        } else if (value instanceof MetadataValue.Numeric number) {
            out.writeByte('n');
            out.writeUTF(number.value().toString());
        } else {
            out.writeByte('b');
            out.writeBoolean(((MetadataValue.Bool) value).value());
        }
    }

    private static MetadataValue readValue(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case 's' -> MetadataValue.of(readOptionalString(in).orElseThrow());
            case 'n' -> MetadataValue.of(new BigDecimal(in.readUTF()));
            case 'b' -> MetadataValue.of(in.readBoolean());
            default -> throw new IOException("unknown metadata value type " + type);
        };
    }
}
