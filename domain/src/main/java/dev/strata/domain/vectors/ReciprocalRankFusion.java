package dev.strata.domain.vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain service: fuses rankings by reciprocal rank fusion — an item's score is the sum over the rankings
 * that hold it of {@code 1 / (K + rank)}, rank counted from 1, with {@value #K} as in Cormack et al. (2009).
 * Hybrid search fuses the vector and the text ranking with it.
 */
public final class ReciprocalRankFusion {
    /** The fusion constant: damps the weight of the very top ranks. */
    public static final int K = 60;

    private ReciprocalRankFusion() {
    }

    /** How deep each ranking of a hybrid search goes for {@code k} results: {@code max(k, 50)}. */
    public static int depth(int k) {
        return Math.max(k, 50);
    }

    /**
     * The fused ranking, highest score first (ties by id), at most {@code k} hits. A hit keeps its distance
     * from the first ranking that holds one (the vector ranking comes first by convention).
     */
    public static List<SearchHit> fuse(List<List<SearchHit>> rankings, int k) {
        Map<VectorId, SearchHit> best = new LinkedHashMap<>();
        Map<VectorId, Double> scores = new LinkedHashMap<>();
        for (List<SearchHit> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                SearchHit hit = ranking.get(rank);
                scores.merge(hit.id(), 1.0 / (K + rank + 1), Double::sum);
                best.merge(hit.id(), hit, (kept, later) -> kept.distance().isPresent() || later.distance().isEmpty()
                        ? kept : new SearchHit(kept.id(), kept.score(), later.distance(), kept.metadata(), kept.content(),
                        later.vector()));
            }
        }
        List<SearchHit> fused = new ArrayList<>();
        best.forEach((id, hit) -> fused.add(hit.withScore(scores.get(id))));
        fused.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(hit -> hit.id().value()));
        return fused.size() > k ? List.copyOf(fused.subList(0, k)) : List.copyOf(fused);
    }
}
