package dev.strata.adapters.postgres.vectors;

import dev.strata.domain.shared.NotFoundException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.vectors.CollectionDefinition;
import dev.strata.domain.vectors.CollectionInfo;
import dev.strata.domain.vectors.IndexSettings;
import dev.strata.domain.vectors.Metric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes rows of {@code vector_collections}, the catalogue; maps them to the domain's values. */
final class CollectionRows {
    /** SQLSTATE undefined_table: the items table went away with a collection deleted meanwhile. */
    static final String UNDEFINED_TABLE = "42P01";

    private static final String COLUMNS = "id, name, dimension, metric, index_type, hnsw_m, hnsw_ef_construction,"
            + " ivfflat_lists, item_count, version";

    private CollectionRows() {
    }

    /** A catalogue row: its id (which names the items table) and what the domain sees. */
    record Row(long id, CollectionInfo info) {
        CollectionDefinition definition() {
            return info.definition();
        }

        /** The items table; built from the numeric id only. */
        String table() {
            return "vector_items_" + id;
        }
    }

    static Optional<Row> find(Connection connection, ResourceName name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                + " from vector_collections where tenant_id = strata_current_tenant() and name = ?")) {
            statement.setString(1, name.value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    /**
     * {@link #require} for a vector search, setting in the same round trip (for the transaction) what the planner
     * and the index scan need: {@code hnsw.ef_search} or {@code ivfflat.probes} (given, else ⌈√lists⌉), the iterative
     * scan when {@code filtered}, and {@code enable_seqscan = off} for an unfiltered search of an indexed collection
     * (see the store; with a filter the planner's choice stands: an exact scan of the matching rows is often best).
     */
    static Row requireForVectorSearch(Connection connection, ResourceName name, int efSearch, Integer probes,
                                      boolean filtered) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                + ", case when index_type = 'hnsw' then set_config('hnsw.ef_search', ?, true) end"
                + ", case when index_type = 'hnsw' and ? then set_config('hnsw.iterative_scan', 'relaxed_order', true) end"
                + ", case when index_type = 'ivfflat' then set_config('ivfflat.probes',"
                + " coalesce(cast(? as integer), greatest(1, ceil(sqrt(ivfflat_lists)))::integer)::text, true) end"
                + ", case when index_type = 'ivfflat' and ? then set_config('ivfflat.iterative_scan', 'relaxed_order', true) end"
                + ", case when index_type <> 'none' and not ? then set_config('enable_seqscan', 'off', true) end"
                + " from vector_collections where tenant_id = strata_current_tenant() and name = ?")) {
            statement.setString(1, String.valueOf(efSearch));
            statement.setBoolean(2, filtered);
            statement.setObject(3, probes, java.sql.Types.INTEGER);
            statement.setBoolean(4, filtered);
            statement.setBoolean(5, filtered);
            statement.setString(6, name.value());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(name);
                }
                return row(rows);
            }
        }
    }

    static Row require(Connection connection, ResourceName name) throws SQLException {
        return find(connection, name).orElseThrow(() -> notFound(name));
    }

    static NotFoundException notFound(ResourceName name) {
        return new NotFoundException("vectors.collection_not_found", "collection " + name + " does not exist");
    }

    static List<CollectionInfo> list(Connection connection, Optional<ResourceName> after, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                + " from vector_collections where tenant_id = strata_current_tenant() and name collate \"C\" > ?"
                + " order by name collate \"C\" limit ?")) {
            statement.setString(1, after.map(ResourceName::value).orElse(""));
            statement.setInt(2, limit);
            List<CollectionInfo> infos = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    infos.add(row(rows).info());
                }
            }
            return infos;
        }
    }

    /** Inserts a new row; empty when one of that name exists already (a concurrent definition won). */
    static Optional<Long> insert(Connection connection, CollectionDefinition definition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("insert into vector_collections"
                + " (tenant_id, name, dimension, metric, index_type, hnsw_m, hnsw_ef_construction, ivfflat_lists, storage)"
                + " values (strata_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, name) do nothing"
                + " returning id")) {
            statement.setString(1, definition.name().value());
            statement.setInt(2, definition.dimension());
            statement.setString(3, definition.metric().wire());
            statement.setString(4, definition.index().type());
            Integer m = null;
            Integer efConstruction = null;
            Integer lists = null;
            if (definition.index() instanceof IndexSettings.Hnsw hnsw) {
                m = hnsw.m();
                efConstruction = hnsw.efConstruction();
            } else if (definition.index() instanceof IndexSettings.IvfFlat ivf) {
                lists = ivf.lists();
            }
            statement.setObject(5, m, java.sql.Types.INTEGER);
            statement.setObject(6, efConstruction, java.sql.Types.INTEGER);
            statement.setObject(7, lists, java.sql.Types.INTEGER);
            statement.setString(8, definition.storage().wire());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * Records a write that changed {@code delta} items' worth of count: takes the next version and adjusts the
     * count, in the caller's transaction. The row lock orders the collection's writes, so versions commit in order.
     */
    static long bump(Connection connection, Row row, long delta) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("update vector_collections set"
                + " version = nextval('vector_collection_versions'), item_count = item_count + ?"
                + " where tenant_id = strata_current_tenant() and id = ? returning version")) {
            statement.setLong(1, delta);
            statement.setLong(2, row.id());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(row.info().name());
                }
                return rows.getLong(1);
            }
        }
    }

    private static Row row(ResultSet rows) throws SQLException {
        String type = rows.getString("index_type");
        IndexSettings index = switch (type) {
            case "hnsw" -> new IndexSettings.Hnsw(rows.getInt("hnsw_m"), rows.getInt("hnsw_ef_construction"));
            case "ivfflat" -> new IndexSettings.IvfFlat(rows.getInt("ivfflat_lists"));
            case "none" -> IndexSettings.none();
            default -> throw new IllegalStateException("unknown index type " + type);
        };
        CollectionDefinition definition = new CollectionDefinition(ResourceName.of("name", rows.getString("name")),
                rows.getInt("dimension"), Metric.fromWire("metric", rows.getString("metric")), index);
        return new Row(rows.getLong("id"),
                new CollectionInfo(definition, rows.getLong("item_count"), rows.getLong("version")));
    }
}
