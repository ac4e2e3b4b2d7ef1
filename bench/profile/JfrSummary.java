import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes JFR recordings of the Strata JVM made during a benchmark's warm-up run, as Markdown. Run with the
 * JDK's source launcher:
 *
 * <pre>java JfrSummary.java &lt;recording.jfr&gt;...</pre>
 *
 * <p>Reads the {@code jdk.ExecutionSample} events (a thread running Java code, sampled every 10 ms by the
 * {@code profile} settings; time in native code and in the kernel is not in them) and attributes every sample to a
 * layer by its <em>innermost library frame</em>: the stack is walked from the top frame down, JDK frames
 * ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.}) are skipped, and the first other
 * frame's class decides the layer (table {@link #LAYERS}, first matching prefix wins). So a {@code HashMap.get}
 * called by the router counts as Micronaut, an HMAC computed by Strata's token check as Strata, a socket write by
 * the Postgres driver as pgjdbc. A sample with no library frame at all is "JDK only". Each layer also gets an
 * "on the stack" figure: the share of samples with at least one of its frames anywhere on the stack (these add up
 * to more than 100 %). Two paths are counted the same way: Micronaut's HTTP server ({@code io.micronaut.http.server.})
 * and Strata's fast paths answering off Micronaut's stack (a {@code dev.strata.} class in a {@code fastpath} package
 * or named {@code *FastPath*} on the stack, and no frame of Micronaut's HTTP server).
 *
 * <p>Also printed: the ten hottest methods by self samples (top frame), the thread groups (names with their digits
 * dropped) and the GC pauses ({@code jdk.GarbageCollection}: their count, sum and longest) of the recording.
 */
public final class JfrSummary {
    /** Layer name, then class-name prefixes; the first layer with a matching prefix wins. */
    static final String[][] LAYERS = {
        {"JSON (Micronaut Serialization, Jackson)", "io.micronaut.serde.", "io.micronaut.json.", "io.micronaut.jackson.",
            "com.fasterxml.jackson."},
        {"Micronaut HTTP (routing, filters, binding)", "io.micronaut.http.", "io.micronaut.web.",
            "io.micronaut.security."},
        {"Micronaut core (DI, AOP, conversion)", "io.micronaut.", "$generated$"},
        {"Netty", "io.netty."},
        {"Strata", "dev.strata."},
        {"Redis client (Lettuce)", "io.lettuce."},
        {"Postgres driver (pgjdbc)", "org.postgresql."},
        {"Hikari", "com.zaxxer.hikari."},
        {"Micrometer", "io.micrometer."},
        {"Logging", "ch.qos.logback.", "org.slf4j."},
        {"Reactive Streams (Reactor)", "reactor.", "org.reactivestreams."},
        {"JWT (Nimbus)", "com.nimbusds."},
    };
    static final String OTHER = "other libraries";
    static final String JDK_ONLY = "JDK only";
    static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java JfrSummary.java <recording.jfr>...");
            System.exit(2);
        }
        Map<String, Integer> self = new LinkedHashMap<>();
        Map<String, Integer> onStack = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> otherPackages = new HashMap<>();
        int samples = 0, truncated = 0, micronautServer = 0, fastPath = 0;
        int gcCount = 0;
        Duration gcSum = Duration.ZERO, gcLongest = Duration.ZERO;
        Instant first = null, last = null;
        for (String file : args) {
            for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(file))) {
                String type = e.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gcCount++;
                    gcSum = gcSum.plus(e.getDuration("sumOfPauses"));
                    Duration longest = e.getDuration("longestPause");
                    if (longest.compareTo(gcLongest) > 0) {
                        gcLongest = longest;
                    }
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
                last = last == null || e.getStartTime().isAfter(last) ? e.getStartTime() : last;
                if (stack.isTruncated()) {
                    truncated++;
                }
                List<RecordedFrame> frames = stack.getFrames();
                RecordedFrame top = frames.get(0);
                // lambda and hidden classes carry numbers that change from run to run: dropped
                String method = className(top).replaceAll("\\$\\$Lambda\\$.*", "\\$\\$Lambda") + "."
                        + top.getMethod().getName();
                methods.merge(method, 1, Integer::sum);
                RecordedThread thread = e.getThread("sampledThread");
                String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                threads.merge(name.replaceAll("[0-9]+", "#"), 1, Integer::sum);
                String layer = null;
                Set<String> seen = new LinkedHashSet<>();
                boolean server = false, fast = false;
                for (RecordedFrame f : frames) {
                    String c = className(f);
                    server |= c.startsWith("io.micronaut.http.server.");
                    fast |= c.startsWith("dev.strata.") && (c.contains(".fastpath.") || c.contains("FastPath"));
                    if (isJdk(c)) {
                        continue;
                    }
                    String l = layerOf(c);
                    seen.add(l);
                    if (layer == null) {
                        layer = l;
                        if (l.equals(OTHER)) {
                            otherPackages.merge(packagePrefix(c), 1, Integer::sum);
                        }
                    }
                }
                self.merge(layer == null ? JDK_ONLY : layer, 1, Integer::sum);
                for (String l : seen) {
                    onStack.merge(l, 1, Integer::sum);
                }
                micronautServer += server ? 1 : 0;
                // the fast paths' handler sits in every request's pipeline: only a sample without Micronaut's
                // server on its stack is a fast path answering
                fastPath += fast && !server ? 1 : 0;
            }
        }
        print(samples, truncated, self, onStack, methods, threads, otherPackages, micronautServer, fastPath, gcCount, gcSum,
                gcLongest, first, last);
    }

    static void print(int samples, int truncated, Map<String, Integer> self, Map<String, Integer> onStack,
            Map<String, Integer> methods, Map<String, Integer> threads, Map<String, Integer> otherPackages,
            int micronautServer, int fastPath, int gcCount, Duration gcSum, Duration gcLongest, Instant first,
            Instant last) {
        if (samples == 0) {
            System.out.println("_No JVM execution samples in the recording._");
            System.out.println();
            return;
        }
        List<String> order = new ArrayList<>();
        for (String[] l : LAYERS) {
            order.add(l[0]);
        }
        order.add(OTHER);
        order.add(JDK_ONLY);
        // layers that matter here, by self share (stable: table order breaks ties)
        List<String> shown = new ArrayList<>();
        for (String l : order) {
            if (pct(self.getOrDefault(l, 0), samples) >= 0.5 || pct(onStack.getOrDefault(l, 0), samples) >= 0.5) {
                shown.add(l);
            }
        }
        shown.sort((a, b) -> Integer.compare(self.getOrDefault(b, 0), self.getOrDefault(a, 0)));
        StringBuilder head = new StringBuilder("| JVM layer (" + fmtInt(samples) + " samples) |");
        StringBuilder rule = new StringBuilder("|---|");
        StringBuilder rowSelf = new StringBuilder("| innermost library frame, % |");
        StringBuilder rowStack = new StringBuilder("| on the stack, % |");
        for (String l : shown) {
            String label = l;
            if (l.equals(OTHER) && !otherPackages.isEmpty()) {
                label = l + ": " + String.join(", ", topKeys(otherPackages, 2));
            }
            head.append(' ').append(label).append(" |");
            rule.append("---:|");
            rowSelf.append(' ').append(fmtPct(self.getOrDefault(l, 0), samples)).append(" |");
            rowStack.append(' ').append(l.equals(JDK_ONLY) ? "" : fmtPct(onStack.getOrDefault(l, 0), samples)).append(" |");
        }
        System.out.println(head);
        System.out.println(rule);
        System.out.println(rowSelf);
        System.out.println(rowStack);
        System.out.println();
        StringBuilder notes = new StringBuilder();
        notes.append("Micronaut's HTTP server (`io.micronaut.http.server`) is on the stack in ")
                .append(fmtPct(micronautServer, samples)).append(" % of the samples, a Strata fast path without it in ")
                .append(fmtPct(fastPath, samples)).append(" %. Threads: ");
        List<String> topThreads = topKeys(threads, 4);
        for (int i = 0; i < topThreads.size(); i++) {
            notes.append(i == 0 ? "" : ", ").append('`').append(topThreads.get(i)).append("` ")
                    .append(fmtPct(threads.get(topThreads.get(i)), samples)).append(" %");
        }
        notes.append(". GC: ").append(gcCount).append(gcCount == 1 ? " collection" : " collections")
                .append(", pauses ").append(ms(gcSum)).append(" ms in total");
        if (first != null && last != null && last.isAfter(first)) {
            double window = Duration.between(first, last).toNanos() / 1e6;
            notes.append(String.format(Locale.ROOT, " (%.1f %% of the window)", 100.0 * gcSum.toNanos() / 1e6 / window));
        }
        notes.append(", longest ").append(ms(gcLongest)).append(" ms.");
        if (truncated > 0) {
            notes.append(" Stacks truncated by JFR's depth limit: ").append(fmtPct(truncated, samples)).append(" %.");
        }
        System.out.println(notes);
        System.out.println();
        System.out.println("<details><summary>Ten hottest methods (self samples)</summary>");
        System.out.println();
        System.out.println("| self % | method |");
        System.out.println("|---:|---|");
        for (String m : topKeys(methods, 10)) {
            System.out.println("| " + fmtPct(methods.get(m), samples) + " | `" + m + "` |");
        }
        System.out.println();
        System.out.println("</details>");
        System.out.println();
    }

    static String className(RecordedFrame f) {
        return f.getMethod() == null || f.getMethod().getType() == null ? "?" : f.getMethod().getType().getName();
    }

    static boolean isJdk(String c) {
        for (String p : JDK) {
            if (c.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static String layerOf(String c) {
        // classes Micronaut generates at compile time next to Strata's own (bean definitions, AOP proxies,
        // introspections) are the framework's work
        String probe = c.startsWith("dev.strata.") && (c.contains("$Definition") || c.contains("$Intercepted")
                || c.contains("$Introspection")) ? "$generated$" : c;
        for (String[] l : LAYERS) {
            for (int i = 1; i < l.length; i++) {
                if (probe.startsWith(l[i])) {
                    return l[0];
                }
            }
        }
        return OTHER;
    }

    /** At most the first three segments of the package, e.g. com.github.benmanes for com.github.benmanes.caffeine.X. */
    static String packagePrefix(String c) {
        String[] parts = c.split("\\.");
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < Math.min(3, parts.length - 1); i++) {
            p.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return p.length() == 0 ? c : p.toString();
    }

    static List<String> topKeys(Map<String, Integer> counts, int n) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> b.getValue() != a.getValue().intValue() ? Integer.compare(b.getValue(), a.getValue())
                : a.getKey().compareTo(b.getKey()));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < Math.min(n, entries.size()); i++) {
            keys.add(entries.get(i).getKey());
        }
        return keys;
    }

    static double pct(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    static String fmtPct(int part, int whole) {
        double p = pct(part, whole);
        return p >= 10 || p == 0 ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p);
    }

    static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }

    static String fmtInt(int v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
