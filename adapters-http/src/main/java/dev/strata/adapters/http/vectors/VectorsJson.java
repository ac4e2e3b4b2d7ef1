package dev.strata.adapters.http.vectors;

import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.Embedding;
import dev.strata.domain.vectors.Include;
import dev.strata.domain.vectors.IndexSettings;
import dev.strata.domain.vectors.Metadata;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.MetadataValue;
import dev.strata.domain.vectors.Metric;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchMode;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.port.VectorStore;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * HTTP adapter helper: reads the vectors request bodies field by field (so bad input names its field, e.g.
 * {@code items[3].vector}) and writes the answers as plain maps.
 */
final class VectorsJson {
    private VectorsJson() {
    }

    static CollectionDefinition definition(ResourceName name, JsonNode body) {
        JsonNode object = object("body", body);
        onlyFields("body", object, Set.of("dimension", "metric", "index"));
        int dimension = integer("dimension", required("dimension", object.get("dimension")));
        Metric metric = Metric.fromWire("metric", string("metric", required("metric", object.get("metric"))));
        IndexSettings index = IndexSettings.defaults();
        JsonNode indexNode = object.get("index");
        if (indexNode != null && !indexNode.isNull()) {
            object("index", indexNode);
            String type = indexNode.get("type") == null ? "hnsw" : string("index.type", indexNode.get("type"));
            IndexSettings.Hnsw defaults = (IndexSettings.Hnsw) IndexSettings.defaults();
            index = switch (type) {
                case "hnsw" -> {
                    onlyFields("index", indexNode, Set.of("type", "m", "efConstruction"));
                    yield new IndexSettings.Hnsw(optionalInt("index.m", indexNode.get("m")).orElse(defaults.m()),
                            optionalInt("index.efConstruction", indexNode.get("efConstruction")).orElse(defaults.efConstruction()));
                }
                case "ivfflat" -> {
                    onlyFields("index", indexNode, Set.of("type", "lists"));
                    yield new IndexSettings.IvfFlat(optionalInt("index.lists", indexNode.get("lists")).orElse(100));
                }
                case "none" -> {
                    onlyFields("index", indexNode, Set.of("type"));
                    yield IndexSettings.none();
                }
                default -> throw new InvalidInputException("index.type", "index.type must be hnsw, ivfflat or none");
            };
        }
        return new CollectionDefinition(name, dimension, metric, index);
    }

    static List<VectorItem> items(JsonNode body) {
        JsonNode object = object("body", body);
        onlyFields("body", object, Set.of("items"));
        JsonNode items = required("items", object.get("items"));
        if (!items.isArray()) {
            throw new InvalidInputException("items", "items must be an array");
        }
        if (items.size() == 0 || items.size() > VectorStore.MAX_BATCH) {
            throw new InvalidInputException("items", "items must hold 1-" + VectorStore.MAX_BATCH + " items");
        }
        List<VectorItem> parsed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = "items[" + i + "]";
            JsonNode item = object(at, items.get(i));
            onlyFields(at, item, Set.of("id", "vector", "metadata", "content"));
            VectorId id = VectorId.of(at + ".id", string(at + ".id", required(at + ".id", item.get("id"))));
            Embedding vector = embedding(at + ".vector", required(at + ".vector", item.get("vector")));
            Metadata metadata = metadata(at + ".metadata", item.get("metadata"));
            Optional<String> content = item.get("content") == null || item.get("content").isNull() ? Optional.empty()
                    : Optional.of(string(at + ".content", item.get("content")));
            try {
                parsed.add(new VectorItem(id, vector, metadata, content));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at + "." + e.field(), at + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    static SearchQuery query(JsonNode body) {
        JsonNode object = object("body", body);
        onlyFields("body", object, Set.of("vector", "text", "k", "filter", "minScore", "efSearch", "probes", "mode", "include"));
        Optional<Embedding> vector = present(object.get("vector")) ? Optional.of(embedding("vector", object.get("vector")))
                : Optional.empty();
        Optional<String> text = present(object.get("text")) ? Optional.of(string("text", object.get("text"))) : Optional.empty();
        int k = optionalInt("k", object.get("k")).orElse(SearchQuery.DEFAULT_K);
        MetadataFilter filter = filter(object.get("filter"));
        OptionalDouble minScore = present(object.get("minScore"))
                ? OptionalDouble.of(number("minScore", object.get("minScore"))) : OptionalDouble.empty();
        SearchMode mode = present(object.get("mode")) ? SearchMode.fromWire("mode", string("mode", object.get("mode")))
                : SearchMode.VECTOR;
        Set<Include> include = SearchQuery.DEFAULT_INCLUDE;
        if (present(object.get("include"))) {
            JsonNode list = object.get("include");
            if (!list.isArray()) {
                throw new InvalidInputException("include", "include must be an array of metadata, content, vector");
            }
            include = EnumSet.noneOf(Include.class);
            for (JsonNode part : list.values()) {
                include.add(Include.fromWire("include", string("include", part)));
            }
        }
        return new SearchQuery(vector, text, k, filter, minScore, optionalInt("efSearch", object.get("efSearch")),
                optionalInt("probes", object.get("probes")), mode, include);
    }

    /** A filter body ({@code {"filter": {...}}}) for delete by filter; an empty filter is refused by the store. */
    static MetadataFilter filterBody(JsonNode body) {
        JsonNode object = object("body", body);
        onlyFields("body", object, Set.of("filter"));
        return filter(required("filter", object.get("filter")));
    }

    static MetadataFilter filter(JsonNode node) {
        return present(node) ? MetadataFilter.parse(plain(node)) : MetadataFilter.NONE;
    }

    static Map<String, Object> collection(CollectionInfo info) {
        Map<String, Object> out = new LinkedHashMap<>();
        CollectionDefinition definition = info.definition();
        out.put("name", definition.name().value());
        out.put("dimension", definition.dimension());
        out.put("metric", definition.metric().wire());
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("type", definition.index().type());
        if (definition.index() instanceof IndexSettings.Hnsw hnsw) {
            index.put("m", hnsw.m());
            index.put("efConstruction", hnsw.efConstruction());
        } else if (definition.index() instanceof IndexSettings.IvfFlat ivf) {
            index.put("lists", ivf.lists());
        }
        out.put("index", index);
        out.put("storage", definition.storage().wire());
        out.put("count", info.count());
        out.put("version", info.version());
        return out;
    }

    static Map<String, Object> item(VectorItem item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", item.id().value());
        out.put("vector", floats(item.vector()));
        out.put("metadata", metadata(item.metadata()));
        item.content().ifPresent(content -> out.put("content", content));
        return out;
    }

    static Map<String, Object> hit(SearchHit hit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", hit.id().value());
        out.put("score", hit.score());
        if (hit.distance().isPresent()) {
            out.put("distance", hit.distance().getAsDouble());
        }
        hit.metadata().ifPresent(metadata -> out.put("metadata", metadata(metadata)));
        hit.content().ifPresent(content -> out.put("content", content));
        hit.vector().ifPresent(vector -> out.put("vector", floats(vector)));
        return out;
    }

    private static List<Float> floats(Embedding vector) {
        float[] values = vector.values();
        List<Float> out = new ArrayList<>(values.length);
        for (float value : values) {
            out.add(value);
        }
        return out;
    }

    private static Map<String, Object> metadata(Metadata metadata) {
        Map<String, Object> out = new LinkedHashMap<>();
        metadata.fields().forEach((name, value) -> {
            if (value instanceof MetadataValue.Text text) {
                out.put(name, text.value());
            } else if (value instanceof MetadataValue.Numeric number) {
                out.put(name, number.value());
            } else {
                out.put(name, ((MetadataValue.Bool) value).value());
            }
        });
        return out;
    }

    private static Embedding embedding(String field, JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInputException(field, field + " must be an array of numbers");
        }
        if (node.size() == 0 || node.size() > Embedding.MAX_DIMENSION) {
            throw new InvalidInputException(field, field + " must hold 1-" + Embedding.MAX_DIMENSION + " numbers");
        }
        float[] values = new float[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (value == null || !value.isNumber()) {
                throw new InvalidInputException(field, field + "[" + i + "] must be a number");
            }
            float f = value.getNumberValue().floatValue();
            if (!Float.isFinite(f)) {
                throw new InvalidInputException(field, field + "[" + i + "] must be a finite number within float range");
            }
            values[i] = f;
        }
        return Embedding.of(field, values);
    }

    private static Metadata metadata(String field, JsonNode node) {
        if (!present(node)) {
            return Metadata.EMPTY;
        }
        object(field, node);
        Map<String, MetadataValue> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String name = field + "." + entry.getKey();
            Metadata.requireFieldName(field, entry.getKey());
            JsonNode value = entry.getValue();
            if (value.isString()) {
                fields.put(entry.getKey(), MetadataValue.of(value.getStringValue()));
            } else if (value.isBoolean()) {
                fields.put(entry.getKey(), MetadataValue.of(value.getBooleanValue()));
            } else if (value.isNumber()) {
                fields.put(entry.getKey(), MetadataValue.of(decimal(name, value)));
            } else {
                throw new InvalidInputException(name, name + " must be a string, number or boolean");
            }
        }
        try {
            return Metadata.of(fields);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }

    /** The JSON tree as plain values: maps, lists, strings, {@link BigDecimal}s, booleans, null. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                out.put(entry.getKey(), plain(entry.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode value : node.values()) {
                out.add(plain(value));
            }
            return out;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        return decimal("filter", node);
    }

    private static BigDecimal decimal(String field, JsonNode node) {
        Number number = node.getNumberValue();
        if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
            throw new InvalidInputException(field, field + " must be a finite number");
        }
        return new BigDecimal(number.toString());
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static JsonNode required(String field, JsonNode node) {
        if (!present(node)) {
            throw new InvalidInputException(field, field + " is required");
        }
        return node;
    }

    private static JsonNode object(String field, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(field, field + " must be a JSON object");
        }
        return node;
    }

    private static void onlyFields(String field, JsonNode object, Set<String> known) {
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            if (!known.contains(entry.getKey())) {
                String name = "body".equals(field) ? entry.getKey() : field + "." + entry.getKey();
                throw new InvalidInputException(name.length() > 80 ? field : name, "unknown field " + name
                        + " (expected " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String string(String field, JsonNode node) {
        if (!node.isString()) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        return node.getStringValue();
    }

    private static int integer(String field, JsonNode node) {
        if (!node.isNumber()) {
            throw new InvalidInputException(field, field + " must be an integer");
        }
        BigDecimal value = decimal(field, node);
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidInputException(field, field + " must be an integer");
        }
    }

    private static OptionalInt optionalInt(String field, JsonNode node) {
        return present(node) ? OptionalInt.of(integer(field, node)) : OptionalInt.empty();
    }

    private static double number(String field, JsonNode node) {
        if (!node.isNumber()) {
            throw new InvalidInputException(field, field + " must be a number");
        }
        return decimal(field, node).doubleValue();
    }
}
