package dev.strata.adapters.postgres.vectors;

import com.pgvector.PGvector;
import dev.strata.adapters.postgres.shared.Jdbc;
import dev.strata.domain.shared.InvalidInputException;
import dev.strata.domain.shared.ResourceName;
import dev.strata.domain.shared.TenantContext;
import dev.strata.domain.vectors.Embedding;
import dev.strata.domain.vectors.Include;
import dev.strata.domain.vectors.Metadata;
import dev.strata.domain.vectors.MetadataFilter;
import dev.strata.domain.vectors.Metric;
import dev.strata.domain.vectors.ReciprocalRankFusion;
import dev.strata.domain.vectors.SearchHit;
import dev.strata.domain.vectors.SearchMode;
import dev.strata.domain.vectors.SearchQuery;
import dev.strata.domain.vectors.SearchResult;
import dev.strata.domain.vectors.VectorId;
import dev.strata.domain.vectors.VectorItem;
import dev.strata.domain.vectors.WriteResult;
import dev.strata.domain.vectors.port.VectorStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Postgres adapter for {@link VectorStore} on pgvector: one items table per collection ({@code vector_items_<id>},
 * RLS), vectors sent with pgvector-java. Upserts are one multi-row {@code INSERT … ON CONFLICT} per batch; every
 * write that changes the table takes the next version in the same transaction. Vector search orders by the
 * metric's operator ({@code <=>}, {@code <->}, {@code <#>}) with {@code hnsw.ef_search} / {@code ivfflat.probes}
 * set for the transaction and, when filtered, pgvector's iterative index scan ({@code relaxed_order}), so a
 * selective filter still yields k rows; text search ranks {@code websearch_to_tsquery} matches by {@code ts_rank};
 * hybrid fuses both rankings by reciprocal rank fusion.
 */
@Singleton
public class PostgresVectorStore implements VectorStore {
    /** {@code hnsw.ef_search} when the query gives none (pgvector's default); raised to the rows asked for. */
    public static final int DEFAULT_EF_SEARCH = 40;

    private final Jdbc jdbc;

    public PostgresVectorStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public WriteResult upsert(ResourceName collection, List<VectorItem> items) {
        TenantContext.require();
        if (items != null && items.size() > MAX_BATCH) {
            throw new InvalidInputException("items", "items must hold at most " + MAX_BATCH + " items");
        }
        return inCollection(collection, connection -> {
            CollectionRows.Row row = CollectionRows.require(connection, collection);
            row.definition().checkItems(items);
            if (items.isEmpty()) {
                return new WriteResult(0, row.info().version());
            }
            String cast = row.definition().storage().wire();
            StringBuilder sql = new StringBuilder("insert into ").append(row.table())
                    .append(" (id, embedding, metadata, content) values ");
            for (int i = 0; i < items.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, cast(? as ").append(cast).append("), cast(? as jsonb), ?)");
            }
            sql.append(" on conflict (id) do update set embedding = excluded.embedding, metadata = excluded.metadata,"
                    + " content = excluded.content returning (xmax = 0)");
            long inserted = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int position = 1;
                for (VectorItem item : items) {
                    statement.setString(position++, item.id().value());
                    statement.setObject(position++, new PGvector(item.vector().values()));
                    statement.setString(position++, MetadataJson.write(item.metadata()));
                    statement.setString(position++, item.content().orElse(null));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        inserted += rows.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            return new WriteResult(items.size(), CollectionRows.bump(connection, row, inserted));
        });
    }

    @Override
    public Optional<VectorItem> get(ResourceName collection, VectorId id) {
        TenantContext.require();
        return inCollection(collection, connection -> {
            CollectionRows.Row row = CollectionRows.require(connection, collection);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select id, embedding::text, metadata::text, content from " + row.table() + " where id = ?")) {
                statement.setString(1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new VectorItem(new VectorId(rows.getString(1)), embedding(rows.getString(2)),
                            MetadataJson.read(rows.getString(3)), Optional.ofNullable(rows.getString(4))));
                }
            }
        });
    }

    @Override
    public WriteResult delete(ResourceName collection, VectorId id) {
        TenantContext.require();
        return inCollection(collection, connection -> {
            CollectionRows.Row row = CollectionRows.require(connection, collection);
            try (PreparedStatement statement = connection.prepareStatement("delete from " + row.table() + " where id = ?")) {
                statement.setString(1, id.value());
                int deleted = statement.executeUpdate();
                return deleted == 0 ? new WriteResult(0, row.info().version())
                        : new WriteResult(deleted, CollectionRows.bump(connection, row, -deleted));
            }
        });
    }

    @Override
    public WriteResult deleteWhere(ResourceName collection, MetadataFilter filter) {
        TenantContext.require();
        return inCollection(collection, connection -> {
            CollectionRows.Row row = CollectionRows.require(connection, collection);
            if (filter == null || filter.isEmpty()) {
                throw new InvalidInputException("filter", "filter must hold at least one condition");
            }
            FilterSql where = FilterSql.of(filter);
            try (PreparedStatement statement = connection.prepareStatement(
                    "delete from " + row.table() + " where " + where.sql())) {
                where.bind(statement, 1);
                int deleted = statement.executeUpdate();
                return deleted == 0 ? new WriteResult(0, row.info().version())
                        : new WriteResult(deleted, CollectionRows.bump(connection, row, -deleted));
            }
        });
    }

    @Override
    public SearchResult search(ResourceName collection, SearchQuery query) {
        TenantContext.require();
        int depth = query.mode() == SearchMode.HYBRID ? ReciprocalRankFusion.depth(query.k()) : query.k();
        return inCollection(collection, connection -> {
            // Row-level security adds a per-row filter (the policy compares the tenant setting with a constant) that
            // the planner prices at 0.5 % of the rows; it then prefers a sequential scan and an exact sort of the few
            // rows it expects over the index. So an unfiltered search of an indexed collection prices sequential scans
            // out (a filtered one keeps the planner's choice: for a selective filter an exact scan of the matching
            // rows beats the iterative index scan on recall); these settings are made by the statement that reads
            // the catalogue row, one round trip for both.
            CollectionRows.Row row = query.mode() == SearchMode.TEXT ? CollectionRows.require(connection, collection)
                    : CollectionRows.requireForVectorSearch(connection, collection,
                            Math.max(query.efSearch().orElse(DEFAULT_EF_SEARCH), depth),
                            query.probes().isPresent() ? query.probes().getAsInt() : null, !query.filter().isEmpty());
            query.vector().ifPresent(vector -> row.definition().checkVector("vector", vector));
            FilterSql where = FilterSql.of(query.filter());
            List<SearchHit> hits = switch (query.mode()) {
                case VECTOR -> byVector(connection, row, query, where, depth);
                case TEXT -> byText(connection, row, query, where, depth);
                case HYBRID -> ReciprocalRankFusion.fuse(List.of(byVector(connection, row, query, where, depth),
                        byText(connection, row, query, where, depth)), query.k());
            };
            if (query.minScore().isPresent()) {
                double minScore = query.minScore().getAsDouble();
                hits = hits.stream().filter(hit -> hit.score() >= minScore).toList();
            }
            return new SearchResult(hits.size() > query.k() ? hits.subList(0, query.k()) : hits, row.info().version());
        });
    }

    @Override
    public long count(ResourceName collection) {
        TenantContext.require();
        return inCollection(collection, connection -> CollectionRows.require(connection, collection).info().count());
    }

    @Override
    public boolean prewarm(ResourceName collection) {
        TenantContext.require();
        return inCollection(collection, connection -> {
            CollectionRows.Row row = CollectionRows.require(connection, collection);
            try (PreparedStatement statement = connection.prepareStatement("select strata_vector_collection_prewarm(?)")) {
                statement.setLong(1, row.id());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    rows.getLong(1);
                    return !rows.wasNull();
                }
            }
        });
    }

    private List<SearchHit> byVector(Connection connection, CollectionRows.Row row, SearchQuery query, FilterSql where,
                                     int depth) throws SQLException {
        Metric metric = row.definition().metric();
        String distance = "embedding " + operator(metric) + " cast(? as " + row.definition().storage().wire() + ")";
        // relaxed_order may return rows slightly out of order: the outer query sorts the k found exactly
        String sql = "select * from (select id, " + distance + " as distance" + parts(query)
                + " from " + row.table() + " where " + where.sql() + " order by distance limit ?) found"
                + " order by distance, id collate \"C\"";
        List<SearchHit> hits = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PGvector vector = new PGvector(query.vector().orElseThrow().values());
            statement.setObject(1, vector);
            int position = where.bind(statement, 2);
            statement.setInt(position, depth);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    double d = rows.getDouble("distance");
                    hits.add(hit(rows, query, metric.score(d), OptionalDouble.of(d)));
                }
            }
        }
        return sorted(hits);
    }

    private List<SearchHit> byText(Connection connection, CollectionRows.Row row, SearchQuery query, FilterSql where,
                                   int depth) throws SQLException {
        String sql = "select id, ts_rank(content_tsv, q) as rank" + parts(query) + " from " + row.table()
                + ", websearch_to_tsquery('simple', ?) q where content_tsv @@ q and " + where.sql()
                + " order by rank desc, id collate \"C\" limit ?";
        List<SearchHit> hits = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, query.text().orElseThrow());
            int position = where.bind(statement, 2);
            statement.setInt(position, depth);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hits.add(hit(rows, query, rows.getFloat("rank"), OptionalDouble.empty()));
                }
            }
        }
        return sorted(hits);
    }

    private static List<SearchHit> sorted(List<SearchHit> hits) {
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(hit -> hit.id().value()));
        return hits;
    }

    private static String parts(SearchQuery query) {
        return (query.includes(Include.METADATA) ? ", metadata::text as metadata" : "")
                + (query.includes(Include.CONTENT) ? ", content" : "")
                + (query.includes(Include.VECTOR) ? ", embedding::text as embedding" : "");
    }

    private static SearchHit hit(ResultSet rows, SearchQuery query, double score, OptionalDouble distance)
            throws SQLException {
        Optional<Metadata> metadata = query.includes(Include.METADATA)
                ? Optional.of(MetadataJson.read(rows.getString("metadata"))) : Optional.empty();
        Optional<String> content = query.includes(Include.CONTENT)
                ? Optional.ofNullable(rows.getString("content")) : Optional.empty();
        Optional<Embedding> vector = query.includes(Include.VECTOR)
                ? Optional.of(embedding(rows.getString("embedding"))) : Optional.empty();
        return new SearchHit(new VectorId(rows.getString("id")), score, distance, metadata, content, vector);
    }

    private static String operator(Metric metric) {
        return switch (metric) {
            case COSINE -> "<=>";
            case L2 -> "<->";
            case INNER_PRODUCT -> "<#>";
        };
    }

    private static Embedding embedding(String text) throws SQLException {
        return Embedding.of(new PGvector(text).toArray());
    }

    /** Runs {@code work} in a tenant transaction; an items table dropped meanwhile is the collection not found. */
    private <T> T inCollection(ResourceName collection, Jdbc.Work<T> work) {
        return jdbc.inTransaction(connection -> {
            try {
                return work.apply(connection);
            } catch (SQLException e) {
                if (CollectionRows.UNDEFINED_TABLE.equals(e.getSQLState())) {
                    throw CollectionRows.notFound(collection);
                }
                throw e;
            }
        });
    }
}
