import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Benchmark data generator for the vectors scenario: a clustered dataset of unit vectors (cosine), query
 * vectors drawn the same way, and the exact top-10 of every query by brute force (the recall reference).
 * Deterministic for a given seed. Run with the JDK's source launcher:
 *
 * <pre>java VectorData.java &lt;out dir&gt; [rows=100000] [dimension=384] [queries=500] [clusters=100] [seed=42]</pre>
 *
 * Writes, in PostgreSQL COPY text format: {@code items.tsv} ({@code id, vector}), {@code queries.tsv}
 * ({@code qid, vector}) and {@code truth.tsv} ({@code qid, ids[]} best first). Components are rounded to
 * four decimals before anything else, so the exact answers are those of the stored vectors.
 */
public final class VectorData {
    private static final int TOP = 10;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java VectorData.java <out dir> [rows] [dimension] [queries] [clusters] [seed]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int rows = arg(args, 1, 100_000);
        int dim = arg(args, 2, 384);
        int queries = arg(args, 3, 500);
        int clusters = arg(args, 4, 100);
        long seed = arg(args, 5, 42);
        Files.createDirectories(out);
        Random random = new Random(seed);
        float[][] centers = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centers[c] = gaussian(random, dim, 1.0);
        }
        float[] items = new float[rows * dim];
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("items.tsv"), StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(dim * 8);
            for (int i = 0; i < rows; i++) {
                float[] v = member(random, centers, dim);
                System.arraycopy(v, 0, items, i * dim, dim);
                line.setLength(0);
                line.append(i + 1).append('\t');
                literal(line, v);
                w.append(line).append('\n');
            }
        }
        float[][] qs = new float[queries][];
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("queries.tsv"), StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder(dim * 8);
            for (int q = 0; q < queries; q++) {
                qs[q] = member(random, centers, dim);
                line.setLength(0);
                line.append(q + 1).append('\t');
                literal(line, qs[q]);
                w.append(line).append('\n');
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("truth.tsv"), StandardCharsets.US_ASCII)) {
            for (int q = 0; q < queries; q++) {
                int[] best = exactTop(items, rows, dim, qs[q]);
                StringBuilder line = new StringBuilder().append(q + 1).append("\t{");
                for (int k = 0; k < best.length; k++) {
                    line.append(k == 0 ? "" : ",").append(best[k] + 1);
                }
                w.append(line).append("}\n");
            }
        }
        System.err.printf("wrote %d items, %d queries and their exact top-%d (dimension %d, %d clusters, seed %d) to %s%n",
                rows, queries, TOP, dim, clusters, seed, out);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static float[] gaussian(Random random, int dim, double sigma) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    /** A point of a random cluster: its centre plus noise, normalised (cosine) and rounded to four decimals. */
    private static float[] member(Random random, float[][] centers, int dim) {
        float[] center = centers[random.nextInt(centers.length)];
        float[] v = gaussian(random, dim, 0.6);
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            v[d] += center[d];
            norm += (double) v[d] * v[d];
        }
        double scale = 1.0 / Math.sqrt(norm);
        for (int d = 0; d < dim; d++) {
            v[d] = Math.round(v[d] * scale * 10_000) / 10_000f;
        }
        return v;
    }

    private static void literal(StringBuilder line, float[] v) {
        line.append('[');
        for (int d = 0; d < v.length; d++) {
            if (d > 0) {
                line.append(',');
            }
            int units = Math.round(v[d] * 10_000);
            if (units < 0) {
                line.append('-');
                units = -units;
            }
            line.append(units / 10_000).append('.');
            String frac = Integer.toString(units % 10_000);
            line.append("0000", 0, 4 - frac.length()).append(frac);
        }
        line.append(']');
    }

    /** Indexes of the TOP items of smallest cosine distance to q, best first (ties by index). */
    private static int[] exactTop(float[] items, int rows, int dim, float[] q) {
        double qNorm = Math.sqrt(dot(q, 0, q, dim));
        int[] ids = new int[TOP];
        double[] dist = new double[TOP];
        java.util.Arrays.fill(dist, Double.MAX_VALUE);
        java.util.Arrays.fill(ids, Integer.MAX_VALUE);
        for (int i = 0; i < rows; i++) {
            double norm = Math.sqrt(dot(items, i * dim, items, dim));
            double d = 1 - dot(q, 0, items, i * dim, dim) / (qNorm * norm);
            if (d < dist[TOP - 1]) {
                int k = TOP - 1;
                while (k > 0 && d < dist[k - 1]) {
                    dist[k] = dist[k - 1];
                    ids[k] = ids[k - 1];
                    k--;
                }
                dist[k] = d;
                ids[k] = i;
            }
        }
        return ids;
    }

    private static double dot(float[] a, int offset, float[] b, int dim) {
        return dot(a, offset, b, offset, dim);
    }

    private static double dot(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            sum += (double) a[aOffset + d] * b[bOffset + d];
        }
        return sum;
    }
}
